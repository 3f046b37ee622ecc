from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "talenta.org"
    verbose_name = _("Organisations and users")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import accounts

        user_logged_in.connect(accounts.on_login, dispatch_uid="talenta-login")
        user_login_failed.connect(accounts.on_login_failed, dispatch_uid="talenta-login-failed")
        user_locked_out.connect(accounts.on_locked_out, dispatch_uid="talenta-login-locked")
