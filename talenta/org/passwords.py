"""A password validator of Talenta's own: a password may not hold the username, the person's NIP or birth
date (the NIP and the birth date are printed on every staff list and ID card; Django's similarity check lets
a password that merely contains the username through)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NoPersonalData:
    """Refuse a password that holds the username (3 letters or more), the linked employee's NIP, its
    birth-date part, or the birth date written as DDMMYYYY, YYYYMMDD or DDMMYY."""

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        username = (user.get_username() or "").lower()
        if len(username) >= 3 and username in password.lower():
            raise ValidationError(_("The password may not hold your username."), code="password_username")
        employee = getattr(user, "employee", None)
        if employee is None:
            return
        digits = re.sub(r"\D", "", password)
        nip = employee.nip or ""
        b = employee.birth_date
        forbidden = [nip, nip[:8]]
        if b:
            forbidden += [b.strftime("%d%m%Y"), b.strftime("%Y%m%d"), b.strftime("%d%m%y")]
        if any(f and f in digits for f in forbidden):
            raise ValidationError(_("The password may not hold your NIP or your birth date."), code="password_personal")

    def get_help_text(self) -> str:
        return _("Your password may not hold your username, your NIP or your birth date.")
