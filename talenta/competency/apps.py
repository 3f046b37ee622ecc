from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencyConfig(AppConfig):
    name = "talenta.competency"
    verbose_name = _("Competencies")
