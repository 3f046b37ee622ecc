"""Reads of the learning app: the planner's problem of an organisation's year, budgets, plan runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from talenta.analytics.population import load_population
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine import measures as m
from talenta.engine.planner import PlanProblem
from talenta.org.models import GOVERNMENT_KINDS, Organisation
from talenta.org.selectors import opd_codes_under, opd_on_path
from talenta.talent.succession import development_weights

from .models import Budget, IdpItem, IdpStatus, PlanRun, PlanStatus, Programme, ProgrammeCompetency
from .params import PlanParams


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
    # Approved IDP items of the year naming a catalogue programme (issue 22): (employee row, programme row)
    # in the order they were decided; items of employees or programmes outside this plan are listed apart
    # as (NIP, name, programme code, programme name), each "not eligible" for it.
    requested: list[tuple[int, int]] = field(default_factory=list)
    requested_outside: list[tuple[str, str, str, str]] = field(default_factory=list)
    idp_weight: float = 2.0
    idp: str = "weight"
    # Each employee's government (the deepest province/regency/city on the path), the governments' names and
    # own pagu (None: none recorded), whose pagu bound the plan, and the unit codes of ``problem.unit``.
    government: list[str] = field(default_factory=list)
    government_names: dict[str, str] = field(default_factory=dict)
    government_budget: dict[str, float | None] = field(default_factory=dict)
    budget_by: str = ""
    unit_codes: list[str] = field(default_factory=list)
    programme_government: list[str] = field(default_factory=list)  # "" shared by the plan, else the owner's
    separate: dict | None = None  # the separate plans per government beside a joint one (run_plan)


def org_budget(org: Organisation, year: int) -> int | None:
    """The organisation's own pagu for the year, else the sum of the pagu of the organisations below it."""
    own = Budget.objects.filter(organisation=org, year=year).values_list("amount", flat=True).first()
    if own is not None:
        return int(own)
    total = Budget.objects.filter(organisation__path__startswith=org.path, year=year).aggregate(s=Sum("amount"))["s"]
    return None if total is None else int(total)


def governments_under(org: Organisation) -> dict[str, tuple[int, str, str]]:
    """The governments of a plan: the organisation's own (the deepest province, regency or city on its path,
    itself included) and every one below it, code -> (id, path, name)."""
    on_path = [c for c in org.path.split("/") if c]
    rows = Organisation.objects.filter(kind__in=list(GOVERNMENT_KINDS)).filter(
        Q(path__startswith=org.path) | Q(code__in=on_path)
    )
    out = {code: (pk, path, name) for pk, code, path, name in rows.values_list("id", "code", "path", "name")}
    if not any(c in out for c in on_path):  # the national level: its own OPDs belong to no province
        out[org.code] = (org.pk, org.path, org.name)
    return out


def government_on_path(path: str, governments: dict) -> str:
    """The deepest government of ``governments`` on ``path`` ("" when none is)."""
    return next((c for c in reversed([p for p in path.split("/") if p]) if c in governments), "")


def government_budgets(org: Organisation, year: int, governments: dict) -> dict[str, float | None]:
    """Each government's own pagu of the year: its own Budget row, else the sum of the rows of its OPDs (not of
    the governments below it); None when it has none (one query)."""
    own: dict[str, float] = {}
    summed: dict[str, float] = {}
    for code, path, amount in Budget.objects.filter(
        Q(organisation__path__startswith=org.path) | Q(organisation__code__in=list(governments)), year=year
    ).values_list("organisation__code", "organisation__path", "amount"):
        if code in governments:
            own[code] = float(amount)
        elif g := government_on_path(path, governments):
            summed[g] = summed.get(g, 0.0) + float(amount)
    return {g: own.get(g, summed.get(g)) for g in governments}


def build_problem(org: Organisation, params: PlanParams, *, today: date | None = None) -> PlanSetup:
    """The planner's problem for an organisation's year from the database.

    ``params.priorities`` (RKPD/RPJMD codes the plan is tagged with): every competency raised by a catalogue
    programme tagged with one of them weighs ``params.priority_weight`` (w[c]) instead of 1."""
    year, budget, per_unit_budget = params.year, params.budget, params.per_unit_budget
    by_government = params.budget_by == "government"
    priorities, priority_weight = params.priorities, params.priority_weight
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
        .values_list(
            "id", "code", "name", "jp", "cost", "capacity", "priority_codes", "eligible_job_kinds", "owner__path"
        )
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
    for j, (*_head, targets, _owner) in enumerate(progs):
        if targets:
            eligible[:, j] = np.isin(kinds, targets)
    # The governments under the plan (issue 24): each employee's is the deepest on their path; a programme
    # owned by a government below the planning organisation is open to that government's employees only.
    govs = governments_under(org)
    gov = [government_on_path(path, govs) for path in pop.org_path]
    paths = np.array(pop.org_path)
    programme_government = []  # "" for a programme open to the whole plan (its seats shared), else its government
    for j, p in enumerate(progs):
        owner_gov = government_on_path(p[8], govs)
        own = bool(owner_gov and govs[owner_gov][1] != org.path and p[8].startswith(org.path))
        if own:
            eligible[:, j] &= np.char.startswith(paths.astype(str), govs[owner_gov][1])
        programme_government.append(owner_gov if own else "")
    jp_now = m.jp_totals(x["learning_employee"], x["learning_jp"], len(pop))
    opd_codes = opd_codes_under(org)
    opd = [opd_on_path(path, opd_codes) for path in pop.org_path]
    gov_budgets = government_budgets(org, year, govs)
    members = gov if by_government else opd
    units = sorted(set(members))
    position = {u: k for k, u in enumerate(units)}
    unit_index = np.array([position[u] for u in members], dtype=np.int64)
    unit_budget = None
    if by_government:  # each government pays for its own people from its own pagu
        if org.kind not in GOVERNMENT_KINDS and org.kind != "nasional":
            raise ApplicationError(
                _("A joint plan is made for a province, a regency or a city, not for %(org)s.") % {"org": org.name},
                {"field": "budget_by"},
            )
        if all(gov_budgets.get(u) is None for u in units):
            raise ApplicationError(
                _("No government of %(org)s has a budget (anggaran) for %(year)s: import them first.")
                % {"org": org.code, "year": year},
                {"field": "budget"},
            )
        unit_budget = np.array([float(gov_budgets.get(u) or 0) for u in units])  # none recorded: nothing to spend
        per_unit_budget = True
        if budget is None:
            budget = float(unit_budget.sum())
    elif per_unit_budget:
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
        lam=params.lam,
        max_programs=params.max_programs,
        max_jp=params.max_jp,
        pns_min_jp=tables.pns_min_jp,
        pppk_max_jp=tables.pppk_max_jp,
    )
    requested, outside = _requested_pairs(org, year, pop.ids, row)
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
        requested,
        outside,
        float(rules.raw["planner"].get("idp_weight", 1.0)),
        params.idp,
        gov,
        {code: govs[code][2] for code in sorted(set(gov))},
        {code: gov_budgets.get(code) for code in sorted(set(gov))},
        params.budget_by,
        units,
        programme_government,
    )


def _requested_pairs(
    org: Organisation, year: int, employee_ids, programme_row: dict[int, int]
) -> tuple[list[tuple[int, int]], list[tuple[str, str, str, str]]]:
    """The approved IDP items of ``year`` under ``org`` naming a catalogue programme, as (employee row,
    programme row) in the order decided, and those whose employee or programme is not in the plan."""
    emp_row = {int(e): i for i, e in enumerate(employee_ids)}
    items = (
        IdpItem.objects.filter(
            status=IdpStatus.APPROVED, year=year, programme__isnull=False, employee__org_path__startswith=org.path
        )
        .order_by("decided_at", "pk")
        .values_list(
            "employee_id", "programme_id", "employee__nip", "employee__name", "programme__code", "programme__name"
        )
    )
    inside, outside = [], []
    for eid, pid, nip, name, code, title in items:
        if eid in emp_row and pid in programme_row:
            inside.append((emp_row[eid], programme_row[pid]))
        else:
            outside.append((nip, name, code, title))
    return inside, outside


def plan_run_get(*, actor, pk: int) -> PlanRun:
    """A plan run of an organisation in the actor's scope (admins only); anything else is not found."""
    scope = Scope.for_user(actor)
    run = None
    if scope.is_admin:
        run = (
            PlanRun.objects.select_related("organisation")
            .filter(pk=pk, organisation__path__startswith=scope.path)
            .first()
        )
    if run is None:
        raise NotFound(_("Plan not found."))
    return run


def plan_runs(org: Organisation, limit: int = 10) -> list[PlanRun]:
    """The latest runs of an organisation (already in the caller's scope)."""
    return list(PlanRun.objects.filter(organisation=org).order_by("-created_at")[:limit])


def plan_done(org: Organisation, year: int) -> bool:
    """Whether a plan of ``org`` for ``year`` was computed (evidence for the merit self-assessment)."""
    return PlanRun.objects.filter(organisation=org, year=year, status=PlanStatus.DONE).exists()
