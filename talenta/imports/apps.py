from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "talenta.imports"
    verbose_name = _("Imports and exports")

    def ready(self) -> None:
        from . import services  # noqa: F401  (registers what the worker does with lost imports)
