"""The employee's own development page ("Pengembangan saya", issue 22): gaps against the position's standard
and a target position's, the JP of the year (attended and planned apart, the distance to 20 JP), planned
trainings, certificates, the catalogue open to them ranked by the gap levels each programme would close,
and their IDP. The figures come from the profile's selector and the measures (one figure per fact)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from talenta.analytics.selectors import employee_measures
from talenta.competency.models import Competency, PositionStandard
from talenta.core.rulesets import active_ruleset
from talenta.people.selectors import EmployeeProfile, StandardRow, employee_profile
from talenta.talent.models import PoolMember, SuccessionCandidate

from .idp import OPEN_IDP, idp_of, max_open_per_year, programmes_open_to
from .models import IdpItem, LearningStatus, Programme, ProgrammeCompetency

MAX_OFFERS = 25


@dataclass(frozen=True)
class Target:
    """A position the employee is nominated for, with their gaps against its standard."""

    position: str
    unit: str
    rows: list[StandardRow]


@dataclass(frozen=True)
class Offer:
    programme: Programme
    levels: int  # gap levels it would close (against the larger of own and target standards)
    competencies: list[str]


@dataclass
class Development:
    profile: EmployeeProfile
    year: int
    jp_attended: float
    jp_planned: float
    jp_floor: float  # 20 JP for PNS/CPNS; 0 where the rule does not bind (PPPK)
    targets: list[Target]
    pools: list[str]
    offers: list[Offer]
    idp: list[IdpItem]
    cap: int
    forms: list[str]
    competencies: list[Competency] = field(default_factory=list)

    @property
    def jp_missing(self) -> float:
        return max(0.0, self.jp_floor - self.jp_attended)

    @property
    def open_items(self) -> int:
        return sum(1 for i in self.idp if i.year == self.year and i.status in OPEN_IDP)

    @property
    def certificates(self) -> list:
        return [r for r in self.profile.learning if r.certificate_no]

    @property
    def planned_this_year(self) -> list:
        return [r for r in self.profile.planned if r.start.year == self.year]


def my_development(*, actor, nip: str, today: date) -> Development:
    """Everything the page shows, for an employee in the actor's scope (their own, for an employee)."""
    profile = employee_profile(actor=actor, nip=nip, today=today)
    emp = profile.employee
    year = today.year
    measures = employee_measures(emp, year=year, today=today)
    rules = active_ruleset()
    planned = sum(float(r.jp) for r in emp.learning.filter(status=LearningStatus.PLANNED, start__year=year).only("jp"))
    actual = {r.code: r.actual for r in profile.standard if r.actual is not None}
    if profile.assessment is not None:
        actual = dict(profile.assessment.scores.values_list("competency__code", "level"))
    gaps = {r.code: r.gap or 0 for r in profile.standard}
    targets = []
    for c in SuccessionCandidate.objects.filter(employee=emp).select_related("position__organisation"):
        rows = [
            StandardRow(code, name, level, actual.get(code))
            for code, name, level in PositionStandard.objects.filter(position_id=c.position_id)
            .order_by("competency__sort_order", "competency__code")
            .values_list("competency__code", "competency__name", "level")
        ]
        targets.append(Target(c.position.name, c.position.organisation.name, rows))
        for r in rows:
            if profile.assessment is not None and r.gap:
                gaps[r.code] = max(gaps.get(r.code, 0), r.gap)
    pools = [
        m.get_level_display() for m in PoolMember.objects.filter(employee=emp, year=year).exclude(status="declined")
    ]
    programmes = programmes_open_to(emp)
    raises: dict[int, list[tuple[str, str, int]]] = {}
    for pid, code, name, levels in ProgrammeCompetency.objects.filter(
        programme_id__in=[p.pk for p in programmes]
    ).values_list("programme_id", "competency__code", "competency__name", "levels"):
        raises.setdefault(pid, []).append((code, name, levels))
    offers = []
    for p in programmes:
        closes = [(name, min(gaps.get(code, 0), levels)) for code, name, levels in raises.get(p.pk, [])]
        offers.append(Offer(p, sum(n for _name, n in closes), [name for name, n in closes if n]))
    offers.sort(key=lambda o: (-o.levels, o.programme.cost, o.programme.code))
    compliant = measures.compliant
    return Development(
        profile=profile,
        year=year,
        jp_attended=float(measures.jp),
        jp_planned=planned,
        jp_floor=float(rules.raw["learning"]["pns_min_jp"]) if compliant is not None else 0.0,
        targets=targets,
        pools=pools,
        offers=offers[:MAX_OFFERS],
        idp=idp_of(emp),
        cap=max_open_per_year(),
        forms=list(rules.learning_forms),
        competencies=list(Competency.objects.order_by("kind", "sort_order", "code")),
    )
