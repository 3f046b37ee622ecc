from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "talenta.core"
    verbose_name = "Talenta core"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the rule-set check)
