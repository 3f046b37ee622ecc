"""Succession for key positions (issue 6, item 4): candidates ranked by fit, nominations, bench strength.

Candidates for a key position come from its government (the province, regency or city it belongs to), not
from a government below it: a province's positions draw on the province's own staff, not on a regency's.
Every list of candidates (suggested or nominated) also keeps to the viewer's scope. Eligibility (job kind,
golongan, status, years to retirement) is filtered in SQL by the rule set's ``[succession.eligibility]``;
JPM against the *target* standard, readiness and fit are computed by :mod:`talenta.engine.succession` over
the remaining candidates at once. Every figure keeps its basis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talenta.analytics.population import compute, load_population
from talenta.competency.models import Assessment, AssessmentScore, PositionStandard
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine import measures as m
from talenta.engine import succession as s
from talenta.governance.selectors import staffing
from talenta.org.models import Organisation, OrgKind
from talenta.people.models import ActingAssignment, Employee, Position
from talenta.people.selectors import acting_positions

from .models import DecisionStatus, Readiness, SuccessionCandidate

# The engine's reasons for ineligibility (engine.succession.REASONS), translated where they are shown.
REASON_TEXTS = [gettext_noop("job kind"), gettext_noop("golongan"), gettext_noop("status"),
                gettext_noop("years to retirement")]  # fmt: skip
READINESS_CODES = (Readiness.NOW, Readiness.ONE_TWO, Readiness.THREE_PLUS)
GOVERNMENT_KINDS = (OrgKind.PROVINCE, OrgKind.REGENCY, OrgKind.CITY)


@dataclass
class CandidateFit:
    employee_id: int
    nip: str
    name: str
    unit_code: str
    position: str
    job_kind: str
    golongan: str
    retirement_date: date
    years_left: float
    jpm_target: float | None
    max_gap: int | None
    gaps: dict[str, int]
    box: int
    box_source: str  # "review YYYY" or "engine"
    box_year: int | None  # the finalised review's year, None when the engine's
    readiness: str  # Readiness code, "" when not assessed
    fit: float
    ineligible: list[str] = field(default_factory=list)

    def basis(self, ruleset: str, assessment: str | None) -> dict:
        return {
            "ruleset": ruleset,
            "jpm_target": self.jpm_target,
            "gaps": self.gaps,
            "max_gap": self.max_gap,
            "box": self.box,
            "box_source": self.box_source,
            "box_year": self.box_year,
            "golongan": self.golongan,
            "job_kind": self.job_kind,
            "years_left": round(self.years_left, 1),
            "retirement_date": self.retirement_date.isoformat(),
            "assessment": assessment,
            "fit": round(self.fit, 2),
            "position": self.position,
        }


def government_of(org: Organisation) -> Organisation:
    """The province, regency or city an organisation belongs to (itself if it is one); else the root."""
    codes = org.ancestors_and_self()
    govs = {o.code: o for o in Organisation.objects.filter(code__in=codes, kind__in=GOVERNMENT_KINDS)}
    for code in reversed(codes):
        if code in govs:
            return govs[code]
    return org


def government_employees(gov: Organisation) -> Q:
    """Employees of ``gov`` itself: its subtree without the subtrees of the governments below it."""
    q = Q(org_path__startswith=gov.path)
    for path in (
        Organisation.objects.filter(path__startswith=gov.path, kind__in=GOVERNMENT_KINDS)
        .exclude(pk=gov.pk)
        .values_list("path", flat=True)
    ):
        q &= ~Q(org_path__startswith=path)
    return q


class GovernmentOf:
    """Which government a path belongs to (the deepest government on it), for filtering lists in Python."""

    def __init__(self) -> None:
        self.paths = sorted(
            Organisation.objects.filter(kind__in=GOVERNMENT_KINDS).values_list("path", flat=True), key=len, reverse=True
        )

    def __call__(self, path: str) -> str:
        return next((g for g in self.paths if path.startswith(g)), "/")


def visible_candidates(actor, candidates) -> list[SuccessionCandidate]:
    """The nominations a viewer may see: the candidate in the viewer's scope and of the position's own
    government (a nomination from elsewhere, made before that rule held, stays hidden)."""
    scope = Scope.for_user(actor)
    gov = GovernmentOf()
    return [
        c
        for c in candidates
        if scope.contains_path(c.employee.org_path) and gov(c.employee.org_path) == gov(c.position.organisation.path)
    ]


def key_position_get(*, actor, pk: int) -> Position:
    scope = Scope.for_user(actor)
    pos = Position.objects.select_related("organisation").filter(pk=pk, is_key=True).first()
    if pos is None or not scope.contains_path(pos.organisation.path):
        raise NotFound(_("Key position not found."))
    return pos


def _years_between(a: date, b: date) -> float:
    return (b - a).days / 365.25


def evaluate(
    position: Position, employees: Q, *, today: date | None = None, check_eligibility: bool = True
) -> tuple[str, list[CandidateFit], dict[int, str]]:
    """Fit of the employees matched by ``employees`` for ``position``: (rule set, fits, assessment dates)."""
    rules = active_ruleset()
    tables, st = m.tables_for(rules), s.succession_tables(rules)
    today = today or timezone.localdate()
    pop = load_population(employees=employees, rules=rules, year=today.year, today=today)
    if not len(pop):
        return rules.version, [], {}
    r = compute(pop, tables)
    ids = pop.ids
    row_of = {int(pk): i for i, pk in enumerate(ids)}
    info = {
        pk: (gol, st_, ret)
        for pk, gol, st_, ret in Employee.objects.filter(employees).values_list(
            "id", "golongan", "status", "retirement_date"
        )
    }
    # The box of the year: a finalised review's where there is one, else the engine's (one selector for all).
    box = r.box.astype(np.int64)
    reviewed = r.box_reviewed.tolist()
    source = [f"review {today.year}" if rv else "engine" for rv in reviewed]
    box_year: list[int | None] = [today.year if rv else None for rv in reviewed]
    # The target standard and each candidate's latest assessment levels on its competencies.
    standard = list(
        PositionStandard.objects.filter(position=position)
        .order_by("competency__sort_order", "competency__code")
        .values_list("competency_id", "competency__code", "level")
    )
    col = {cid: j for j, (cid, _code, _lvl) in enumerate(standard)}
    required = np.array([lvl for _c, _code, lvl in standard], dtype=np.int16)
    latest: dict[int, tuple[int, date]] = {}
    for e, aid, when in (
        Assessment.objects.filter(employee__in=Employee.objects.filter(employees))
        .order_by("employee_id", "-date")
        .values_list("employee_id", "id", "date")
    ):
        latest.setdefault(e, (aid, when))
    assessment_row = {aid: row_of[e] for e, (aid, _w) in latest.items()}
    actual = np.zeros((len(pop), len(standard)), dtype=np.int16)
    for aid, cid, level in AssessmentScore.objects.filter(
        assessment__employee__in=Employee.objects.filter(employees), competency_id__in=list(col)
    ).values_list("assessment_id", "competency_id", "level"):
        i = assessment_row.get(aid)
        if i is not None:
            actual[i, col[cid]] = level
    assessed = np.array([int(pk) in latest for pk in ids]) & (len(standard) > 0)
    match = s.target_match(actual, required, assessed)
    ready = s.readiness(match.jpm_capped, match.max_gap, st)
    years_left = np.array([_years_between(today, info[int(pk)][2]) for pk in ids])
    flags = (
        s.eligibility(
            position.job_kind,
            pop.job_kind,
            np.array([st.golongan_rank(info[int(pk)][0]) for pk in ids]),
            [info[int(pk)][1] for pk in ids],
            years_left,
            st,
        )
        if check_eligibility
        else np.zeros(len(pop), dtype=np.int8)
    )
    score = s.fit(match.jpm_capped, box, years_left, st)
    codes = [code for _c, code, _l in standard]
    fits = []
    for i in range(len(pop)):
        pk = int(ids[i])
        jpm = match.jpm_capped[i]
        fits.append(
            CandidateFit(
                employee_id=pk,
                nip=pop.nip[i],
                name=pop.name[i],
                unit_code=pop.unit_code[i],
                position=pop.position[i],
                job_kind=pop.job_kind[i],
                golongan=info[pk][0],
                retirement_date=info[pk][2],
                years_left=float(years_left[i]),
                jpm_target=None if jpm != jpm else round(float(jpm), 2),
                max_gap=None if match.max_gap[i] < 0 else int(match.max_gap[i]),
                gaps={c: int(g) for c, g in zip(codes, match.gaps[i], strict=True) if g and assessed[i]},
                box=int(box[i]),
                box_source=source[i],
                box_year=box_year[i],
                readiness=READINESS_CODES[ready[i]] if ready[i] >= 0 else "",
                fit=float(score[i]),
                ineligible=s.reason_text(int(flags[i])),
            )
        )
    dates = {row_of[e]: when.isoformat() for e, (_a, when) in latest.items()}
    return rules.version, fits, {fits[i].employee_id: d for i, d in dates.items()}


def _eligible_q(position: Position, today: date) -> Q:
    """The SQL side of the eligibility rule: job kind, status, golongan and years to retirement."""
    rules = active_ruleset()
    st = s.succession_tables(rules)
    rule = st.eligibility.get(position.job_kind)
    if rule is None:
        return Q(pk__in=[])
    golongan = [g for g, rank in st.golongan_ranks.items() if rank >= rule.min_golongan]
    runway = today.replace(year=today.year + int(np.ceil(st.min_years_to_retirement)))
    return Q(
        position__job_kind__in=sorted(rule.from_kinds),
        status__in=sorted(rule.statuses),
        golongan__in=golongan,
        retirement_date__gte=runway,
    )


def suggest(*, actor, position: Position, limit: int = 20, today: date | None = None) -> tuple[str, list[CandidateFit]]:
    """The best eligible candidates not yet nominated, best fit first."""
    key_position_get(actor=actor, pk=position.pk)
    today = today or timezone.localdate()
    gov = government_of(position.organisation)
    scope = Scope.for_user(actor)
    employees = (
        government_employees(gov)
        & Q(org_path__startswith=scope.path or "-")
        & _eligible_q(position, today)
        & ~Q(position=position)
        & ~Q(nominations__position=position)
    )
    version, fits, _dates = evaluate(position, employees, today=today)
    fits = [f for f in fits if not f.ineligible]
    order = s.rank_order(np.array([f.fit for f in fits]), np.zeros(len(fits)), [f.nip for f in fits])
    return version, [fits[i] for i in order[:limit]]


def nominate(*, actor, position: Position, nip: str, today: date | None = None) -> SuccessionCandidate:
    """Nominate an eligible employee of the actor's scope; readiness derived, status proposed."""
    key_position_get(actor=actor, pk=position.pk)
    employee = (
        Scope.for_user(actor)
        .filter_employees(Employee.objects.all())
        .filter(government_employees(government_of(position.organisation)), nip=nip)
        .first()
    )
    if employee is None:  # outside the scope or of another government: the same answer as unknown
        raise NotFound(_("Employee %(nip)s not found.") % {"nip": nip})
    if employee.position_id == position.pk:
        raise ApplicationError(_("%(name)s already holds this position.") % {"name": employee.name})
    if SuccessionCandidate.objects.filter(position=position, employee=employee).exists():
        raise ApplicationError(_("%(name)s is already nominated for this position.") % {"name": employee.name})
    version, fits, dates = evaluate(position, Q(pk=employee.pk), today=today)
    f = fits[0]
    if f.ineligible:
        raise ApplicationError(
            _("%(name)s is not eligible for this position: %(reasons)s.")
            % {"name": employee.name, "reasons": ", ".join(_(r) for r in f.ineligible)}
        )
    with transaction.atomic():
        rank = (SuccessionCandidate.objects.filter(position=position).aggregate(m=Max("rank"))["m"] or 0) + 1
        c = SuccessionCandidate.objects.create(
            position=position,
            employee=employee,
            rank=rank,
            derived_readiness=f.readiness,
            readiness=f.readiness,
            jpm_target=f.jpm_target,
            fit=round(f.fit, 2),
            box=f.box,
            basis=f.basis(version, dates.get(employee.pk)),
            nominated_by=actor,
        )
        audit(actor=actor, action="succession.nominate", obj=c, detail={"position": position.pk, "nip": nip})
    return c


def candidate_get(*, actor, pk: int) -> SuccessionCandidate:
    c = SuccessionCandidate.objects.select_related("position__organisation", "employee").filter(pk=pk).first()
    if (
        c is None
        or not Scope.for_user(actor).contains_path(c.position.organisation.path)
        or not visible_candidates(actor, [c])
    ):
        raise NotFound(_("Candidate not found."))
    return c


def position_candidates(*, actor, position: Position) -> list[SuccessionCandidate]:
    """The nominations of one key position the viewer may see, in rank order."""
    qs = position.candidates.select_related("employee__organisation", "employee__position", "position__organisation")
    return visible_candidates(actor, qs)


def candidate_update(
    *,
    actor,
    candidate: SuccessionCandidate,
    readiness: str,
    reason: str,
    emergency: bool,
    status: str,
    rank: int,
) -> SuccessionCandidate:
    """Change readiness (a reason required when it departs from the derived one), emergency, status, rank."""
    if readiness not in Readiness.values:
        raise ApplicationError(_("Choose a readiness."), {"field": "readiness"})
    if status not in DecisionStatus.values:
        raise ApplicationError(_("Choose a status."), {"field": "status"})
    if rank < 1:
        raise ApplicationError(_("The rank is 1 or more."), {"field": "rank"})
    reason = reason.strip()
    kept = candidate.readiness_reason if readiness == candidate.readiness else ""
    if readiness != candidate.derived_readiness and not (reason or kept):
        raise ApplicationError(
            _("Give the reason for a readiness other than the derived one."), {"field": "readiness_reason"}
        )
    with transaction.atomic():
        before = {
            "readiness": candidate.readiness,
            "emergency": candidate.emergency,
            "status": candidate.status,
            "rank": candidate.rank,
        }
        candidate.readiness = readiness
        candidate.readiness_reason = reason or kept
        candidate.emergency, candidate.status, candidate.rank = emergency, status, rank
        candidate.save()
        if emergency:  # one emergency successor per position
            SuccessionCandidate.objects.filter(position_id=candidate.position_id, emergency=True).exclude(
                pk=candidate.pk
            ).update(emergency=False)
        audit(
            actor=actor,
            action="succession.update",
            obj=candidate,
            detail={"before": before, "readiness": readiness, "reason": reason, "status": status, "rank": rank},
        )
    return candidate


def candidate_remove(*, actor, candidate: SuccessionCandidate) -> None:
    with transaction.atomic():
        audit(actor=actor, action="succession.remove", obj=candidate, detail={"nip": candidate.employee.nip})
        candidate.delete()


@dataclass
class KeyPositionRow:
    position: Position
    holders: list[Employee]
    candidates: list[SuccessionCandidate]
    need: int | None = None  # K of the position's ABK this year (None: no ABK); B is len(holders)
    flagged: bool = False  # short of staff (B < K) and a holder retires within five years: listed first
    acting: ActingAssignment | None = None  # an ongoing Plt: the position counts as vacant (RULES.md §11)

    @property
    def vacant(self) -> bool:
        return not self.holders or self.acting is not None

    @property
    def ready_now(self) -> list[SuccessionCandidate]:
        return [c for c in self.candidates if c.readiness == Readiness.NOW and c.status == DecisionStatus.CONFIRMED]

    @property
    def retires_first(self) -> date | None:
        return min((h.retirement_date for h in self.holders), default=None)


@dataclass(frozen=True)
class Bench:
    key_positions: int
    with_ready_now: float  # share 0-1
    coverage: float  # Nakisa-style, 0-1
    with_candidates: int


def key_positions(org: Organisation, *, actor=None, today: date | None = None) -> tuple[list[KeyPositionRow], Bench]:
    """Key positions of the subtree (the caller checked it is in scope) with holders and candidates
    (5 queries: a position held by a Plt is vacant), soonest retirement first; with ``actor``, only the
    candidates that viewer may see."""
    positions = list(
        Position.objects.filter(is_key=True, organisation__path__startswith=org.path).select_related(
            "organisation__parent"
        )
    )
    ids = [p.pk for p in positions]
    holders: dict[int, list[Employee]] = {}
    for e in Employee.objects.filter(position__in=positions).order_by("retirement_date"):
        holders.setdefault(e.position_id, []).append(e)
    cands: dict[int, list[SuccessionCandidate]] = {}
    found = SuccessionCandidate.objects.filter(position_id__in=ids).select_related(
        "employee__organisation", "position__organisation"
    )
    for c in visible_candidates(actor, found) if actor is not None else found:
        cands.setdefault(c.position_id, []).append(c)
    figures = staffing(org)
    today = today or timezone.localdate()
    acting = acting_positions(org.path, today=today)
    horizon = today
    horizon = horizon.replace(year=horizon.year + 5, day=min(horizon.day, 28))
    rows = [KeyPositionRow(p, holders.get(p.pk, []), cands.get(p.pk, []), figures.get(p.pk, (None, 0))[0],
                           acting=acting.get(p.pk))
            for p in positions]  # fmt: skip
    for r in rows:
        short = r.need is not None and len(r.holders) < r.need
        r.flagged = short and r.retires_first is not None and r.retires_first <= horizon
    rows.sort(key=lambda r: (not r.flagged, r.retires_first or date.max, r.position.organisation.code,
                             r.position.name))  # fmt: skip
    pairs = [(r.position.pk, c.employee_id) for r in rows for c in r.ready_now]
    share, coverage = s.bench_strength(
        np.array([p for p, _e in pairs], dtype=np.int64), np.array([e for _p, e in pairs], dtype=np.int64), len(rows)
    )
    return rows, Bench(len(rows), share, coverage, sum(1 for r in rows if r.candidates))


SUKSESI_HEADER = [
    "KODE_UNIT",
    "JABATAN",
    "JENIS_JABATAN",
    "NIP_PEMANGKU",
    "NAMA_PEMANGKU",
    "TANGGAL_PENSIUN",
    "PERINGKAT",
    "NIP_KANDIDAT",
    "NAMA_KANDIDAT",
    "JABATAN_KANDIDAT",
    "JPM_TARGET",
    "KOTAK",
    "SKOR_KECOCOKAN",
    "KESIAPAN",
    "KESIAPAN_TURUNAN",
    "ALASAN_KESIAPAN",
    "DARURAT",
    "STATUS",
]


def suksesi_rows(org: Organisation, *, actor=None):
    """One row per (key position, candidate); a key position without candidates gets one row."""
    rows, _bench = key_positions(org, actor=actor)
    st = s.succession_tables(active_ruleset())
    labels = dict(zip(READINESS_CODES, st.readiness_labels, strict=True))
    for r in rows:
        p = r.position
        holder = r.holders[0] if r.holders else None
        head = [
            p.organisation.code,
            p.name,
            p.get_job_kind_display(),
            holder.nip if holder else "",
            holder.name if holder else "",
            holder.retirement_date if holder else None,
        ]
        if not r.candidates:
            yield [*head, None, "", "", "", None, None, None, "", "", "", "", ""]
        for c in r.candidates:
            yield [
                *head,
                c.rank,
                c.employee.nip,
                c.employee.name,
                c.basis.get("position", ""),
                None if c.jpm_target is None else round(c.jpm_target, 2),
                c.box or None,
                None if c.fit is None else round(c.fit, 2),
                labels.get(c.readiness, ""),
                labels.get(c.derived_readiness, ""),
                c.readiness_reason,
                "Y" if c.emergency else "N",
                "terkonfirmasi" if c.status == DecisionStatus.CONFIRMED else "usulan",
            ]


def development_weights(
    employees: Q, employee_ids: np.ndarray, competency_codes: list[str], actual: np.ndarray, year: int
) -> tuple[np.ndarray, np.ndarray]:
    """Employee weights for the development planner and the gaps successors owe their target positions.

    Returns ``(weight (n,), target_gaps (n, k))`` for the population ``employee_ids`` whose assessed levels
    are ``actual`` (n, k) on ``competency_codes``: weight = 1 + the rule set's ``[planner.employee_weights]``
    for holding a key position, being a nominated successor and being in the year's talent pool;
    ``target_gaps`` the levels a successor lacks against the standard of the key position they are
    nominated for (the most demanding one), 0 for everyone else. Four queries.
    """
    from .models import PoolMember, PoolStatus

    rules = active_ruleset()
    w = rules.raw["planner"]["employee_weights"]
    n, k = len(employee_ids), len(competency_codes)
    row = {int(pk): i for i, pk in enumerate(employee_ids)}
    col = {code: j for j, code in enumerate(competency_codes)}
    ids = [int(pk) for pk in employee_ids]
    weight = np.ones(n)
    holders = Employee.objects.filter(pk__in=ids, position__is_key=True).values_list("id", flat=True)
    weight[[row[e] for e in holders]] += float(w["key_holder"])
    pool = (
        PoolMember.objects.filter(employee_id__in=ids, year=year)
        .exclude(status=PoolStatus.DECLINED)
        .values_list("employee_id", flat=True)
    )
    weight[[row[e] for e in pool]] += float(w["pool"])
    nominations = list(
        SuccessionCandidate.objects.filter(employee_id__in=ids).values_list("employee_id", "position_id")
    )
    successors = sorted({row[e] for e, _p in nominations})
    weight[successors] += float(w["successor"])
    target_required = np.zeros((n, k), dtype=np.int16)
    standards: dict[int, list[tuple[int, int]]] = {}
    for pid, code, level in PositionStandard.objects.filter(position_id__in={p for _e, p in nominations}).values_list(
        "position_id", "competency__code", "level"
    ):
        if code in col:
            standards.setdefault(pid, []).append((col[code], level))
    for e, pid in nominations:
        for j, level in standards.get(pid, []):
            target_required[row[e], j] = max(target_required[row[e], j], level)
    target_gaps = np.maximum(target_required - actual.astype(np.int16), 0)
    return weight, target_gaps
