"""The planner as background work for the web page."""

from django.utils import translation
from django_tasks import task

from talenta.core.errors import ApplicationError

from .models import PlanRun, PlanStatus
from .planning import plan_json, plan_scenarios, plan_summary, run_plan


@task()
def run_plan_task(run_id: int) -> str:
    run = PlanRun.objects.select_related("organisation").get(pk=run_id)
    PlanRun.objects.filter(pk=run_id).update(status=PlanStatus.RUNNING)
    p = run.params
    try:
        with translation.override(p.get("language", "id")):
            setup, result = run_plan(
                run.organisation,
                year=run.year,
                budget=p.get("budget"),
                per_unit_budget=p.get("per_unit_budget", False),
                lam=p.get("lam", 1.0),
                max_programs=p.get("max_programs", 3),
                max_jp=p.get("max_jp", 60.0),
                time_limit=p.get("time_limit", 60.0),
                priorities=p.get("priorities", []),
                priority_weight=p.get("priority_weight", 2.0),
            )
            body = plan_json(setup, result)
            body["summary"] = plan_summary(setup, result)
            if p.get("scenarios"):  # the same plan at 50-150% of the budget, a third of the time each
                body["scenarios"] = plan_scenarios(
                    setup, time_limit=max(5.0, p.get("time_limit", 60.0) / 3), result=result
                )
    except (ApplicationError, ValueError) as exc:
        PlanRun.objects.filter(pk=run_id).update(status=PlanStatus.FAILED, message=str(exc))
        return "failed"
    PlanRun.objects.filter(pk=run_id).update(status=PlanStatus.DONE, result=body, message=result.message)
    return "done"
