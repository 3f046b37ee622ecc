from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "talenta.org"
    verbose_name = _("Organisations and users")
