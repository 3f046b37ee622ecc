"""From the database to the planner and back: the problem of an organisation's year, and its plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from talenta.analytics.population import load_population
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.rulesets import active_ruleset
from talenta.engine import measures as m
from talenta.engine.planner import PlanProblem, PlanResult, evaluate, solve
from talenta.org.models import Organisation
from talenta.org.selectors import opd_codes_under, opd_on_path
from talenta.people.models import Employee
from talenta.talent.succession import development_weights

from .models import Budget, Programme, ProgrammeCompetency


@dataclass
class PlanSetup:
    problem: PlanProblem
    nip: list[str]
    name: list[str]
    unit_code: list[str]
    opd_code: list[str]
    programme_code: list[str]
    programme_name: list[str]
    competency_codes: list[str]
    ruleset: str


def org_budget(org: Organisation, year: int) -> int | None:
    """The organisation's own pagu for the year, else the sum of the pagu of the organisations below it."""
    own = Budget.objects.filter(organisation=org, year=year).values_list("amount", flat=True).first()
    if own is not None:
        return int(own)
    total = Budget.objects.filter(organisation__path__startswith=org.path, year=year).aggregate(s=Sum("amount"))["s"]
    return None if total is None else int(total)


def build_problem(
    org: Organisation,
    *,
    year: int,
    budget: float | None = None,
    per_unit_budget: bool = False,
    lam: float = 1.0,
    max_programs: int = 3,
    max_jp: float = 60.0,
    priorities: tuple[str, ...] | list[str] = (),
    priority_weight: float = 2.0,
    today: date | None = None,
) -> PlanSetup:
    """The planner's problem for an organisation's year from the database.

    ``priorities`` (RKPD/RPJMD codes the plan is tagged with): every competency raised by a catalogue
    programme tagged with one of them weighs ``priority_weight`` (w[c]) instead of 1."""
    rules = active_ruleset()
    tables = m.tables_for(rules)
    today = today or date.today()
    # Employees on study leave, CLTN or suspended are left out of the plan (rule set [siasn] not_in_plans).
    employees = Q(org_path__startswith=org.path) & ~Q(kedudukan__in=list(rules.raw["siasn"]["not_in_plans"]))
    pop = load_population(employees=employees, rules=rules, year=year, today=today)
    if not len(pop):
        raise ApplicationError(_("No employees in %(org)s.") % {"org": org.code}, {"field": "org"})
    x = pop.inputs
    gaps = m.jpm(x["required"], x["actual"], x["assessed"], tables).gaps
    # Key-position holders, successors and pool members weigh more; a successor's gaps are also taken
    # against the standard of the position they are nominated for (rule set [planner]).
    employee_weight, target_gaps = development_weights(employees, pop.ids, pop.competency_codes, x["actual"], year)
    gaps = np.where(x["assessed"][:, None], np.maximum(gaps, target_gaps), gaps)
    # The catalogue open to this organisation: its own and its ancestors' (province, national), and its OPDs'.
    ancestors = ["/".join(["", *org.ancestors_and_self()[: k + 1], ""]) for k in range(len(org.ancestors_and_self()))]
    progs = list(
        Programme.objects.filter(Q(owner__path__in=ancestors) | Q(owner__path__startswith=org.path))
        .order_by("code")
        .values_list("id", "code", "name", "jp", "cost", "capacity", "priority_codes", "eligible_job_kinds")
    )
    col = {code: j for j, code in enumerate(pop.competency_codes)}
    raises = np.zeros((len(progs), len(col)), dtype=np.int8)
    row = {pid: i for i, (pid, *_rest) in enumerate(progs)}
    for pid, code, levels in ProgrammeCompetency.objects.filter(programme_id__in=list(row)).values_list(
        "programme_id", "competency__code", "levels"
    ):
        if code in col:
            raises[row[pid], col[code]] = levels
    wanted = {str(code).strip().upper() for code in priorities if str(code).strip()}
    tagged = np.array([bool(wanted & {str(c).strip().upper() for c in (p[6] or [])}) for p in progs], dtype=bool)
    competency_weight = np.where(
        (raises[tagged] > 0).any(axis=0) if tagged.any() else np.zeros(len(col), dtype=bool), priority_weight, 1.0
    )
    kinds = np.array(pop.job_kind)
    eligible = np.ones((len(pop), len(progs)), dtype=bool)
    for j, (*_head, targets) in enumerate(progs):
        if targets:
            eligible[:, j] = np.isin(kinds, targets)
    jp_now = m.jp_totals(x["learning_employee"], x["learning_jp"], len(pop))
    opd_codes = opd_codes_under(org)
    opd = [opd_on_path(path, opd_codes) for path in pop.org_path]
    units = sorted(set(opd))
    unit_index = np.array([units.index(u) for u in opd], dtype=np.int64)
    unit_budget = None
    if per_unit_budget:
        amounts = dict(
            Budget.objects.filter(organisation__code__in=units, year=year).values_list("organisation__code", "amount")
        )
        unit_budget = np.array([float(amounts.get(u, 0)) for u in units])
    if budget is None:
        budget = org_budget(org, year)
        if budget is None:
            raise ApplicationError(
                _("No budget (anggaran) for %(org)s in %(year)s: import one or give --budget.")
                % {"org": org.code, "year": year},
                {"field": "budget"},
            )
    problem = PlanProblem(
        gaps=gaps,
        raises=raises,
        jp=np.array([float(p[3]) for p in progs]),
        cost=np.array([float(p[4]) for p in progs]),
        capacity=np.array([int(p[5]) for p in progs]),
        eligible=eligible,
        jp_now=jp_now,
        pns=~x["pppk"],
        pppk=x["pppk"],
        budget=float(budget),
        competency_weight=competency_weight,
        employee_weight=employee_weight,
        unit=unit_index,
        unit_budget=unit_budget,
        per_unit_budget=per_unit_budget,
        lam=lam,
        max_programs=max_programs,
        max_jp=max_jp,
        pns_min_jp=tables.pns_min_jp,
        pppk_max_jp=tables.pppk_max_jp,
    )
    return PlanSetup(
        problem,
        pop.nip,
        pop.name,
        pop.unit_code,
        opd,
        [p[1] for p in progs],
        [p[2] for p in progs],
        list(pop.competency_codes),
        rules.version,
    )


def plan_json(setup: PlanSetup, result: PlanResult) -> dict:
    """The CLI's --json object (the contract keys first)."""
    base = result.baseline
    gain = None if not base or not base.objective else 100.0 * (result.objective / base.objective - 1.0)
    return {
        "status": result.status,
        "objective": round(result.objective, 4),
        "bound": round(result.bound, 4),
        "gap": round(result.gap, 6),
        "cost": result.cost,
        "budget": result.budget,
        "assignments": len(result.assignments),
        "compliant_before": result.compliant_before,
        "compliant_after": result.compliant_after,
        "levels_closed": result.levels_closed,
        "seconds": round(result.seconds, 3),
        "message": result.message,
        "ruleset": setup.ruleset,
        "baseline": None
        if base is None
        else {"objective": base.objective, "cost": base.cost, "assignments": len(base.assignments)},
        "gain_over_baseline_percent": None if gain is None else round(gain, 2),
        "plan": [{"nip": setup.nip[i], "programme": setup.programme_code[p]} for i, p in result.assignments],
    }


def run_plan(org: Organisation, *, year: int, time_limit: float = 60.0, **kwargs) -> tuple[PlanSetup, PlanResult]:
    setup = build_problem(org, year=year, **kwargs)
    return setup, solve(setup.problem, time_limit=time_limit)


def plan_summary(setup: PlanSetup, result: PlanResult) -> dict:
    """What the plan page shows: per programme, per OPD, gap levels closed per competency."""
    pr = setup.problem
    per_programme: dict[str, dict] = {}
    per_opd: dict[str, dict] = {}
    raised = np.zeros(pr.gaps.shape)
    for i, p in result.assignments:
        code = setup.programme_code[p]
        row = per_programme.setdefault(
            code,
            {
                "code": code,
                "name": setup.programme_name[p],
                "participants": 0,
                "cost": 0.0,
                "jp": float(pr.jp[p]),
                "seats": int(pr.capacity[p]),
            },
        )
        row["participants"] += 1
        row["cost"] += float(pr.cost[p])
        unit = per_opd.setdefault(setup.opd_code[i], {"code": setup.opd_code[i], "participants": 0, "cost": 0.0})
        unit["participants"] += 1
        unit["cost"] += float(pr.cost[p])
        raised[i] += pr.raises[p]
    closed = np.minimum(pr.gaps, raised).sum(axis=0)
    open_gaps = pr.gaps.sum(axis=0)
    return {
        "programmes": sorted(per_programme.values(), key=lambda r: -r["cost"]),
        "opds": sorted(per_opd.values(), key=lambda r: -r["cost"]),
        "competencies": [
            {"code": c, "gap_levels": int(g), "closed": float(x)}
            for c, g, x in zip(setup.competency_codes, open_gaps, closed, strict=True)
            if g
        ],
        "employees": pr.n,
    }


SCENARIO_SHARES = (0.5, 0.75, 1.0, 1.25, 1.5)


def plan_scenarios(
    setup: PlanSetup, *, shares=SCENARIO_SHARES, time_limit: float = 20.0, result: PlanResult | None = None
) -> list[dict]:
    """The same plan at several budgets (shares of the given one): value, bound, cost, 20-JP coverage and
    levels closed for each, so a regional head sees what an extra rupiah buys. ``result``: the plan already
    made at the full budget, used for the 100% point."""
    from dataclasses import replace

    out = []
    previous: list[tuple[int, int]] | None = None
    for share in sorted(shares):
        pr = replace(setup.problem, budget=setup.problem.budget * share)
        if pr.unit_budget is not None:
            pr = replace(pr, unit_budget=pr.unit_budget * share)
        r = result if (result is not None and share == 1.0) else solve(pr, time_limit=time_limit)
        v = evaluate(pr, r.assignments)
        # A plan that fitted a smaller budget fits this one: more money never buys less, nor the same for more.
        if previous is not None:
            carried = evaluate(pr, previous)
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
    from django.db import transaction
    from django.utils import timezone

    from talenta.core.models import audit
    from talenta.core.scoping import Scope
    from talenta.people.models import Employee

    from .models import LearningRecord, LearningStatus, PlanRun, PlanStatus

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


PARTICIPANT_HEADER = ["NIP", "NAMA", "KODE_UNIT", "OPD", "KODE_PROGRAM", "PROGRAM", "JP", "BIAYA"]


def plan_participants(run) -> list[list]:
    """The assignments of a run with the employee's name, unit and OPD and the programme's name, JP and cost."""
    org = run.organisation
    pairs = [(a["nip"], a["programme"]) for a in run.result.get("plan", [])]
    opd_codes = opd_codes_under(org)
    people = {
        nip: (name, unit, opd_on_path(path, opd_codes))
        for nip, name, unit, path in Employee.objects.filter(org_path__startswith=org.path).values_list(
            "nip", "name", "organisation__code", "org_path"
        )
    }
    progs = {
        code: (name, float(jp), float(cost))
        for code, name, jp, cost in Programme.objects.filter(code__in={c for _n, c in pairs}).values_list(
            "code", "name", "jp", "cost"
        )
    }
    return [
        [nip, *people.get(nip, ("", "", "")), code, *progs.get(code, ("", 0.0, 0.0))]
        for nip, code in sorted(pairs, key=lambda x: (x[1], x[0]))
    ]


def plan_workbook(run, target) -> None:
    """The plan as xlsx: all participants, the summary per programme and per OPD, then a sheet per programme
    and a sheet per OPD with their participants."""
    from talenta.core.spreadsheets import write_sheets

    rows = plan_participants(run)
    s = run.result.get("summary", {})
    sheets = [
        ("peserta", PARTICIPANT_HEADER, rows),
        (
            "per program",
            ["KODE_PROGRAM", "PROGRAM", "PESERTA", "KURSI", "JP", "BIAYA"],
            [
                [p["code"], p["name"], p["participants"], p["seats"], p["jp"], p["cost"]]
                for p in s.get("programmes", [])
            ],
        ),
        (
            "per OPD",
            ["OPD", "PESERTA", "BIAYA"],
            [[u["code"], u["participants"], u["cost"]] for u in s.get("opds", [])],
        ),
    ]
    for code in sorted({r[4] for r in rows}):
        sheets.append((f"P {code}", PARTICIPANT_HEADER, [r for r in rows if r[4] == code]))
    for opd in sorted({r[3] for r in rows}):
        sheets.append((f"OPD {opd}", PARTICIPANT_HEADER, [r for r in rows if r[3] == opd]))
    write_sheets(target, sheets)


def plan_pdf(run) -> bytes:
    """A one-page summary of a plan for the regional head (A4 portrait)."""
    from talenta.core.pdf import A4_PORTRAIT, Page

    r, s = run.result, run.result.get("summary", {})
    page = Page(A4_PORTRAIT)
    y = 800.0
    page.text(40, y, f"{_('Development plan')} {run.year}: {run.organisation.name}", 15, bold=True)
    y -= 28
    lines = [
        _("Value %(v)s (proven bound %(b)s; nomination order %(g)s)")
        % {
            "v": f"{r['objective']:,.0f}",
            "b": f"{r['bound']:,.0f}",
            "g": f"{(r.get('baseline') or {}).get('objective', 0):,.0f}",
        },
        _("Cost Rp %(c)s of Rp %(b)s") % {"c": f"{r['cost']:,.0f}", "b": f"{r['budget']:,.0f}"},
        _("PNS/CPNS meeting 20 JP: %(a)s -> %(b)s of %(n)s employees")
        % {"a": r["compliant_before"], "b": r["compliant_after"], "n": s.get("employees", 0)},
        _("Gap levels closed: %(n)s; %(k)s assignments") % {"n": f"{r['levels_closed']:,.0f}", "k": r["assignments"]},
    ]
    for line in lines:
        page.text(40, y, line, 10)
        y -= 15
    y -= 10
    page.text(40, y, _("Per programme"), 11, bold=True)
    y -= 15
    for p in s.get("programmes", [])[:18]:
        page.text(40, y, f"{p['code']} {p['name']}"[:70], 8.5)
        page.text(420, y, f"{p['participants']} / {p['seats']}", 8.5)
        page.text(480, y, f"Rp {p['cost']:,.0f}", 8.5)
        y -= 12
    y -= 10
    page.text(40, y, _("Per OPD"), 11, bold=True)
    y -= 15
    for u in s.get("opds", [])[:20]:
        page.text(40, y, u["code"], 8.5)
        page.text(420, y, str(u["participants"]), 8.5)
        page.text(480, y, f"Rp {u['cost']:,.0f}", 8.5)
        y -= 12
        if y < 70:
            break
    page.text(40, 40, _("Basis: rule set %(v)s; solved with HiGHS (Talenta planner).") % {"v": r.get("ruleset", "")}, 8)
    return bytes(page)
