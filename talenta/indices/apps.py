from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "talenta.indices"
    verbose_name = _("Merit system index")
