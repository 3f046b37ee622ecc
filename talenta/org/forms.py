"""Forms of the login and of one's own account page."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import accounts


class LoginForm(AuthenticationForm):
    """Username and password, then the authenticator's code for a login that has two-factor login on.

    A wrong code counts as a failed login (django-axes sees it), so the code cannot be guessed either.
    """

    error_messages = {
        "invalid_login": gettext_lazy("Wrong username or password."),
        "inactive": gettext_lazy("This login has been switched off."),
    }
    otp_token = forms.CharField(
        label=gettext_lazy("Authenticator code"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.otp_device = None
        self.needs_code = False

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        device = accounts.totp_device(user)
        if device is None:
            return cleaned
        self.needs_code = True
        token = self.cleaned_data.get("otp_token", "")
        if not token:
            raise forms.ValidationError(_("Enter the code your authenticator shows."), code="otp_required")
        if not accounts.totp_check(device, token):
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=self.request)
            raise forms.ValidationError(_("The authenticator code is wrong or has expired."), code="otp_invalid")
        self.otp_device = device
        return cleaned


class OwnPasswordForm(PasswordChangeForm):
    """Django's own form: the old password, the new one twice, checked by every password validator."""


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Authenticator code"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
