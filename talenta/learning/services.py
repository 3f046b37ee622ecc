"""The writes and runs of the development plan: start a run (the worker plans), plan at several budgets, accept
a plan as planned learning records. Every step of a run is here; pages, the CLI and the worker call them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.jobs import when_lost
from talenta.core.models import audit
from talenta.core.scoping import Scope
from talenta.engine.planner import PlanResult, evaluate, idp_model, separate_plans, solve
from talenta.org.models import Organisation
from talenta.people.models import Employee

from .models import LearningRecord, LearningStatus, PlanRun, PlanStatus, Programme
from .params import PlanParams
from .reports import by_government, plan_json, plan_summary
from .selectors import PlanSetup, build_problem


def run_plan(org: Organisation, params: PlanParams) -> tuple[PlanSetup, PlanResult]:
    """The plan of ``org`` for ``params``: the problem from the database, solved within the time limit."""
    setup = build_problem(org, params)
    joint = setup.budget_by == "government" and len(setup.unit_codes) > 1
    # A joint plan of several governments is compared with their separate plans (issue 24): a quarter of
    # the time goes to those, so the answer still comes within the time asked.
    limit = params.time_limit * (0.75 if joint else 1.0)
    result = solve(
        setup.problem,
        time_limit=limit,
        requested=setup.requested,
        idp=setup.idp,
        idp_weight=setup.idp_weight,
    )
    if joint:
        setup.separate = compare_separate(setup, time_limit=params.time_limit - limit)
        value = evaluate(setup.problem, result.assignments).objective  # without IDP weights, as the separate
        setup.separate["joint_objective"] = round(value, 4)
        base = setup.separate["objective"]
        setup.separate["gain_percent"] = round(100.0 * (value / base - 1.0), 2) if base else None
    return setup, result


def compare_separate(setup: PlanSetup, *, time_limit: float) -> dict:
    """Each government's plan alone (its own pagu, the shared seats split by headcount), as offices plan
    today: their sum beside the joint plan (issue 24)."""
    pr = setup.problem
    shared = np.array([g == "" for g in setup.programme_government], dtype=bool)
    budgets = pr.unit_budgets
    total = float(budgets.sum())
    if total > pr.budget > 0:  # a total below the pagus: each government's share of it, as the joint plan must
        budgets = np.minimum(budgets, pr.budget * budgets / total)
    plan, _results = separate_plans(pr, pr.units, budgets, shared, time_limit=time_limit)
    v = evaluate(pr, plan)
    return {
        "objective": round(v.objective, 4),
        "cost": v.cost,
        "assignments": len(plan),
        "compliant_after": v.compliant_after,
        "levels_closed": v.levels_closed,
        "by_government": by_government(setup, plan),
    }


SCENARIO_SHARES = (0.5, 0.75, 1.0, 1.25, 1.5)


def plan_scenarios(
    setup: PlanSetup, *, shares=SCENARIO_SHARES, time_limit: float = 20.0, result: PlanResult | None = None
) -> list[dict]:
    """The same plan at several budgets (shares of the given one): value, bound, cost, 20-JP coverage and
    levels closed for each, so a regional head sees what an extra rupiah buys. ``result``: the plan already
    made at the full budget, used for the 100% point."""
    out = []
    previous: list[tuple[int, int]] | None = None
    for share in sorted(shares):
        pr = replace(setup.problem, budget=setup.problem.budget * share)
        if pr.unit_budget is not None:
            pr = replace(pr, unit_budget=pr.unit_budget * share)
        idp = {"requested": setup.requested, "idp": setup.idp, "idp_weight": setup.idp_weight}
        r = result if (result is not None and share == 1.0) else solve(pr, time_limit=time_limit, **idp)
        model = idp_model(pr, setup.requested, setup.idp, setup.idp_weight)  # the value the plan reports
        v = evaluate(model, r.assignments)
        # A plan that fitted a smaller budget fits this one: more money never buys less, nor the same for more
        # (under "first", only a plan holding every IDP item this budget reserves).
        held = setup.idp != "first" or set(r.assignments) & set(setup.requested) <= set(previous or [])
        if previous is not None and held:
            carried = evaluate(model, previous)
            if carried.objective > v.objective + 1e-9 or (
                carried.objective >= v.objective - 1e-9 and carried.cost < v.cost
            ):
                v = carried
        previous = v.assignments
        out.append(
            {
                "share": share,
                "budget": pr.budget,
                "objective": round(v.objective, 4),
                "bound": round(max(r.bound, v.objective), 4),
                "cost": v.cost,
                "compliant_after": v.compliant_after,
                "levels_closed": v.levels_closed,
                "assignments": len(v.assignments),
            }
        )
    return out


@transaction.atomic
def plan_start(*, actor, org: Organisation, params: PlanParams, language: str = "id") -> PlanRun:
    """Record a run and (once committed) have the worker plan it."""
    if not Scope.for_user(actor).is_admin or not Scope.for_user(actor).contains_path(org.path):
        raise NotFound(_("Organisation %(code)s not found.") % {"code": org.code})
    run = PlanRun.objects.create(
        organisation=org, year=params.year, user=actor, params={**params.as_dict(), "language": language}
    )
    audit(actor=actor, action="plan.start", obj=run, detail={"org": org.code, **params.as_dict()})
    transaction.on_commit(lambda: run_plan_task.enqueue(run.pk))
    return run


def plan_execute(run_id: int) -> str:
    """Plan a recorded run (the worker's job): its result, summary and scenarios, or why it failed."""
    run = PlanRun.objects.select_related("organisation").get(pk=run_id)
    PlanRun.objects.filter(pk=run_id).update(status=PlanStatus.RUNNING)
    try:
        params = PlanParams.from_dict(run.params | {"year": run.year})
        with translation.override(run.params.get("language", "id")):
            setup, result = run_plan(run.organisation, params)
            body = plan_json(setup, result)
            body["summary"] = plan_summary(setup, result)
            if params.scenarios:  # the same plan at 50-150% of the budget, a third of the time each
                body["scenarios"] = plan_scenarios(setup, time_limit=max(5.0, params.time_limit / 3), result=result)
    except (ApplicationError, ValueError) as exc:
        PlanRun.objects.filter(pk=run_id).update(status=PlanStatus.FAILED, message=str(exc))
        return "failed"
    except Exception as exc:  # the run must say what happened, even when the code did not expect it
        PlanRun.objects.filter(pk=run_id).update(
            status=PlanStatus.FAILED,
            message=_("Failed unexpectedly: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"[:400]},
        )
        raise
    PlanRun.objects.filter(pk=run_id).update(status=PlanStatus.DONE, result=body, message=result.message)
    return "done"


@task()
def run_plan_task(run_id: int) -> str:
    """The worker's entry point for a plan started on the page (see :func:`plan_execute`)."""
    return plan_execute(run_id)


@when_lost(run_plan_task)
def _plan_lost(args: list, kwargs: dict, message: str) -> None:
    PlanRun.objects.filter(pk=args[0], status__in=[PlanStatus.PENDING, PlanStatus.RUNNING]).update(
        status=PlanStatus.FAILED, message=message[:500]
    )


def plan_retry(*, actor, run: PlanRun) -> PlanRun:
    """Start a failed run again with its parameters (a new run; the failed one stays in the history)."""
    if run.status != PlanStatus.FAILED:
        raise ApplicationError(_("Only a failed plan can be started again."))
    params = PlanParams.from_dict({k: v for k, v in run.params.items() if k != "language"} | {"year": run.year})
    with transaction.atomic():
        return plan_start(actor=actor, org=run.organisation, params=params, language=run.params.get("language", "id"))


@dataclass
class AcceptResult:
    """What accepting a plan wrote: ``written`` planned records, and every assignment not written with why."""

    written: int
    skipped: list[tuple[str, str, str]]  # (NIP, programme code, reason), translated


def plan_accept(*, actor, run) -> AcceptResult:
    """Write the plan of a finished run as planned learning records (status ``planned``), once.

    Each assignment becomes a record of the programme (title, form, route, type, JP) in the plan's year
    (starting 1 January of it, whatever the day of acceptance); two programmes of one name for one employee
    get their codes in the titles. An assignment that cannot be written is named with the reason: the
    employee has left the organisation, the programme is no longer in the catalogue, or the employee already
    has that training recorded on that date. A planned record never counts as JP; the ``pelatihan`` import
    of the same training in that year turns it attended, and then its JP count."""
    if not Scope.for_user(actor).contains_path(run.organisation.path):
        raise NotFound(_("Plan not found."))
    if run.status != PlanStatus.DONE:
        raise ApplicationError(_("Only a finished plan can be accepted."))
    if run.accepted_at is not None:
        raise ApplicationError(_("This plan was already accepted."))
    pairs = [(a["nip"], a["programme"]) for a in run.result.get("plan", [])]
    employees = dict(
        Employee.objects.filter(org_path__startswith=run.organisation.path, nip__in={n for n, _p in pairs}).values_list(
            "nip", "id"
        )
    )
    programmes = {p.code: p for p in Programme.objects.filter(code__in={c for _n, c in pairs}).select_related("owner")}
    start = date(run.year, 1, 1)
    skipped: list[tuple[str, str, str]] = []
    names: dict[tuple[int, str], int] = {}  # (employee, programme name) -> programmes of that name so far
    records = []
    for nip, code in pairs:
        if nip not in employees:
            skipped.append((nip, code, _("the employee is no longer in %(org)s") % {"org": run.organisation.name}))
            continue
        prog = programmes.get(code)
        if prog is None:
            skipped.append((nip, code, _("the programme is no longer in the catalogue")))
            continue
        seen = names.get((employees[nip], prog.name), 0)
        names[(employees[nip], prog.name)] = seen + 1
        title = prog.name if not seen else f"{prog.name} ({prog.code})"[:255]
        records.append(
            LearningRecord(
                employee_id=employees[nip],
                title=title,
                form=prog.form,
                route=prog.route,
                type=prog.type,
                start=start,
                jp=prog.jp,
                provider=prog.owner.name,
                status=LearningStatus.PLANNED,
                programme=prog,
            )
        )
    with transaction.atomic():
        existing = set(
            LearningRecord.objects.filter(
                employee__org_path__startswith=run.organisation.path, start=start
            ).values_list("employee_id", "title")
        )
        nip_of = {pk: nip for nip, pk in employees.items()}
        new = []
        for r in records:
            if (r.employee_id, r.title) in existing:
                skipped.append(
                    (
                        nip_of[r.employee_id],
                        r.programme.code,
                        _("already recorded: %(title)s on %(date)s") % {"title": r.title, "date": start.isoformat()},
                    )
                )
            else:
                new.append(r)
        LearningRecord.objects.bulk_create(new, batch_size=2000)
        PlanRun.objects.filter(pk=run.pk).update(accepted_at=timezone.now(), accepted_by=actor)
        audit(
            actor=actor,
            action="plan.accept",
            obj=run,
            detail={"records": len(new), "skipped": len(skipped), "start": start.isoformat()},
        )
    return AcceptResult(len(new), skipped)
