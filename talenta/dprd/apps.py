from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DprdConfig(AppConfig):
    name = "talenta.dprd"
    verbose_name = _("DPRD members")
