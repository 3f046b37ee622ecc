"""One's own login: changing the password and the optional two-factor login (TOTP, django-otp).

Services and selectors of the account page (``/akun/``) and of the login. Every change is audited; logins,
failures and lockouts are audited by the signal handlers at the bottom (connected in ``OrgConfig.ready``).
"""

from __future__ import annotations

import io

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from talenta.core.errors import ApplicationError
from talenta.core.models import audit

DEVICE_NAME = "Talenta"


def totp_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if two-factor login is on."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_pending(user) -> TOTPDevice | None:
    """An authenticator being set up (shown as a QR code until its first code is confirmed)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def totp_begin(*, user) -> TOTPDevice:
    """Start setting up two-factor login: a new secret, not used at login until confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _verified(device: TOTPDevice | None, token: str) -> bool:
    token = (token or "").strip().replace(" ", "")
    return bool(device is not None and token.isascii() and token.isdigit() and device.verify_token(token))


def totp_confirm(*, user, token: str) -> TOTPDevice:
    """Turn two-factor login on with the first code the authenticator shows."""
    with transaction.atomic():
        device = totp_pending(user)
        if device is None:
            raise ApplicationError(_("Start setting up the authenticator first."), {"field": "token"})
        if not _verified(device, token):
            raise ApplicationError(_("The code is wrong or has expired; try the code shown now."), {"field": "token"})
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit(actor=user, action="totp_on", obj=user, detail={"username": user.username})
        return device


def totp_remove(*, user, token: str) -> None:
    """Turn two-factor login off; it takes a current code, so a stolen session cannot do it alone."""
    with transaction.atomic():
        device = totp_device(user)
        if device is None:
            raise ApplicationError(_("Two-factor login is not on."), {"field": "token"})
        if not _verified(device, token):
            raise ApplicationError(_("The code is wrong or has expired; try the code shown now."), {"field": "token"})
        TOTPDevice.objects.filter(user=user).delete()
        audit(actor=user, action="totp_off", obj=user, detail={"username": user.username})


def totp_check(device: TOTPDevice, token: str) -> bool:
    """The login's second step: is this code the authenticator's current one (throttled by django-otp)."""
    return _verified(device, token)


def qr_svg(device: TOTPDevice) -> str:
    """The authenticator's setup link as an inline SVG QR code (no image request, no script)."""
    import qrcode
    import qrcode.image.svg

    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def manual_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def password_change(*, user, new_password: str) -> None:
    """Set one's own password (already checked by the validators of the form)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit(actor=user, action="password_change", obj=user, detail={"username": user.username})


def requires_second_factor(user) -> bool:
    """Whether this user must use two-factor login before anything else (TALENTA_REQUIRE_2FA_NATIONAL)."""
    from django.conf import settings

    from .models import Role

    return bool(settings.TALENTA_REQUIRE_2FA_NATIONAL and user.role == Role.NATIONAL_ADMIN)


# -- the login journal: every login, failure and lockout leaves an audit row ------------------------------


def _address(request) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", "") or request.META.get("REMOTE_ADDR", "")


def on_login(sender, request, user, **kwargs) -> None:
    audit(
        actor=user,
        action="login",
        obj=user,
        detail={
            "username": user.username,
            "address": _address(request),
            "second_factor": getattr(user, "otp_device", None) is not None,
        },
    )


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    audit(
        actor=None,
        action="login_failed",
        object_type="org.user",
        detail={"username": str(credentials.get("username", ""))[:150], "address": _address(request)},
    )


def on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    audit(
        actor=None,
        action="login_locked",
        object_type="org.user",
        detail={"username": str(username or "")[:150], "address": ip_address or ""},
    )
