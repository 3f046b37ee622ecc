from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "talenta.core"
    verbose_name = "Talenta core"

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from . import (
            checks,  # noqa: F401  (registers the rule-set check)
            jobs,
        )

        task_finished.connect(jobs.on_task_finished, dispatch_uid="talenta-task-finished")
