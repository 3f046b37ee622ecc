"""Login throttling and lockout (django-axes), the login journal, password rules, the account page and the
optional two-factor login (django-otp TOTP)."""

from datetime import date

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from talenta.core.models import AuditLog
from talenta.org import accounts

pytestmark = pytest.mark.django_db


def _login(client, username, password, code="", address="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password, "otp_token": code}, REMOTE_ADDR=address)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_login_and_its_failures_are_journalled(client, region):
    assert _login(client, "balikpapan", "wrong").status_code == 200
    assert _login(client, "balikpapan", "s3cret-pass").status_code == 302
    rows = list(AuditLog.objects.filter(action__startswith="login").order_by("at", "pk"))
    assert [r.action for r in rows] == ["login_failed", "login"]
    assert rows[0].detail == {"username": "balikpapan", "address": "10.0.0.1"}
    assert rows[1].actor.username == "balikpapan" and rows[1].detail["second_factor"] is False


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, region, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "balikpapan", "guess")
    locked = _login(client, "balikpapan", "s3cret-pass")
    assert locked.status_code == 429
    assert "Login dikunci" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="login_locked", detail__username="balikpapan").exists()
    # another account from another address is not affected
    assert _login(client, "ppu", "s3cret-pass", address="10.0.0.2").status_code == 302


def test_one_address_trying_many_accounts_is_locked_too(client, region, settings):
    names = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"][: settings.AXES_FAILURE_LIMIT]
    for name in names:
        _login(client, name, "guess", address="10.9.9.9")
    assert _login(client, "ppu", "s3cret-pass", address="10.9.9.9").status_code == 429
    assert _login(client, "ppu", "s3cret-pass", address="10.0.0.3").status_code == 302


def test_passwords_may_not_be_the_username_the_nip_or_the_birth_date(region):
    user = region["users"]["pegawai"]
    emp = user.employee
    for bad in (emp.nip, f"Aa-{emp.nip[:8]}-x", emp.birth_date.strftime("%d%m%Y") + "Kota!", "pegawai-pegawai"):
        with pytest.raises(ValidationError):
            validate_password(bad, user)
    validate_password("kopi-pagi-di-Balikpapan", user)
    assert emp.birth_date == date(emp.birth_date.year, emp.birth_date.month, emp.birth_date.day)


def test_changing_ones_own_password(client, region):
    client.force_login(region["users"]["opd"])
    page = client.get("/akun/")
    assert page.status_code == 200 and "Ganti kata sandi" in page.content.decode()
    refused = client.post(
        "/akun/",
        {"action": "password", "old_password": "s3cret-pass", "new_password1": "12345", "new_password2": "12345"},
    )
    assert refused.status_code == 200
    done = client.post(
        "/akun/",
        {
            "action": "password",
            "old_password": "s3cret-pass",
            "new_password1": "teh-manis-hangat-77",
            "new_password2": "teh-manis-hangat-77",
        },
    )
    assert done.status_code == 302
    region["users"]["opd"].refresh_from_db()
    assert region["users"]["opd"].check_password("teh-manis-hangat-77")
    assert AuditLog.objects.filter(action="password_change", actor=region["users"]["opd"]).count() == 1
    assert client.get("/akun/").status_code == 200  # the session survived the change


def test_two_factor_login_set_up_used_and_turned_off(client, region):
    user = region["users"]["kaltim"]
    client.force_login(user)
    client.post("/akun/", {"action": "totp_begin"})
    pending = accounts.totp_pending(user)
    assert pending is not None and accounts.totp_device(user) is None
    page = client.get("/akun/").content.decode()
    assert "<svg" in page and accounts.manual_key(pending) in page
    assert client.post("/akun/", {"action": "totp_confirm", "token": "000000"}).status_code == 200
    assert accounts.totp_device(user) is None
    assert client.post("/akun/", {"action": "totp_confirm", "token": _code(pending)}).status_code == 302
    device = accounts.totp_device(user)
    assert device is not None and AuditLog.objects.filter(action="totp_on", actor=user).exists()
    client.logout()

    # the password alone no longer opens the account; a wrong code counts as a failed login
    assert "_auth_user_id" not in _login(client, "kaltim", "s3cret-pass").wsgi_request.session
    assert "_auth_user_id" not in _login(client, "kaltim", "s3cret-pass", code="123456").wsgi_request.session
    assert AuditLog.objects.filter(action="login_failed", detail__username="kaltim").exists()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's own throttle would delay the next try
    device.throttling_failure_timestamp = None
    device.last_t = -1  # a code is good once: the confirmation above used this time step's
    device.save()
    ok = _login(client, "kaltim", "s3cret-pass", code=_code(device))
    assert ok.status_code == 302
    assert client.get("/akun/").wsgi_request.user.is_verified()

    device.refresh_from_db()
    device.last_t = -1  # the same time step's code may not be used twice; let the test use it again
    device.save()
    assert client.post("/akun/", {"action": "totp_remove", "token": _code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_the_national_role_must_use_two_factor_login_when_the_setting_says_so(client, region, settings):
    settings.TALENTA_REQUIRE_2FA_NATIONAL = True
    client.force_login(region["users"]["nasional"])
    assert client.get("/pegawai/").url == "/akun/"
    assert client.get("/api/organisations/ID").status_code == 403
    assert "wajib" in client.get("/akun/").content.decode()
    client.force_login(region["users"]["kaltim"])  # other roles are not held
    assert client.get("/pegawai/").status_code == 200
