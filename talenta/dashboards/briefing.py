"""The briefing for a regional head ("Ringkasan untuk kepala daerah", issue 21): one selector gathers what
the page, the PDF and ``talenta briefing --json`` show, each figure from the selector its own page uses
(key positions from succession, retirements from the vacancy forecast, boxes, IP ASN and 20 JP from the
roll-up, the pagu and plan from learning, the ABK from the job map), so the briefing never disagrees with
the pages it summarises."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from talenta.analytics.rollup import Figures, rollup
from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.engine.pembina import add_months
from talenta.governance.selectors import PETA_HEADER, peta_jabatan, peta_rows, peta_totals
from talenta.indices.models import MeritAssessment, MeritStatus
from talenta.learning.models import PlanRun
from talenta.learning.selectors import org_budget
from talenta.org.models import GOVERNMENT_KINDS, Organisation
from talenta.talent.pools import pool_counts
from talenta.talent.selectors import HORIZONS, Vacancy, vacancy_forecast
from talenta.talent.succession import KeyPositionRow, key_positions

from . import freeze


@dataclass
class KeyPositionBrief:
    """A key position needing the head's attention: vacant, held by a Plt, or its holder retiring."""

    row: KeyPositionRow
    reason: str  # "kosong", "plt", "pensiun"
    acting_months: int | None = None
    acting_over_cap: bool = False
    pool: int = 0  # confirmed talent-pool members of the level that feeds it

    @property
    def ready(self) -> list:
        return self.row.ready_now[:3]


@dataclass
class Briefing:
    region: Organisation
    today: date
    year: int
    term: freeze.Term
    replacements: list[freeze.Replacement]
    acting: list[freeze.Acting]
    key_vacant: list[KeyPositionBrief]
    key_at_risk: list[KeyPositionBrief]
    retiring_12_months: int
    retiring_by_level: list[tuple[str, int]]
    figures: Figures
    budget: int | None
    plan: PlanRun | None
    merit: MeritAssessment | None
    abk: dict[str, int]
    ruleset: str
    pools: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def acting_over_cap(self) -> int:
        return sum(1 for a in self.acting if a.over_cap)

    @property
    def plan_cost(self) -> float | None:
        return None if self.plan is None else float(self.plan.result.get("cost", 0))

    @property
    def pool_total(self) -> int:
        return self.figures.pool


def briefing(region: Organisation, *, actor, today: date, year: int | None = None) -> Briefing:
    """The briefing of a province, regency or city (the caller checked it is in the actor's scope)."""
    if region.kind not in GOVERNMENT_KINDS:
        raise ApplicationError(
            _("The briefing is made for a province, regency or city, not for %(name)s.") % {"name": region.name},
            {"field": "org"},
        )
    year = year or today.year
    rules = freeze.rules_of()
    t = freeze.term(region, today=today, rules=rules)
    replacements = freeze.replacements_needing_approval(t, rules=rules)
    acting = freeze.acting_officials(region, today=today, rules=rules)
    acting_by_position = {a.item.position_id: a for a in acting}
    rows, _bench = key_positions(region, actor=actor, today=today)
    pools = pool_counts(region, year)
    confirmed = {level: n for level, _label, _p, n, _d in pools}
    families = {code: k.family for code, k in active_ruleset().job_kinds.items()}
    horizon = add_months(today, 12)
    vacant, at_risk = [], []
    for r in rows:
        pool = confirmed.get(families.get(r.position.job_kind, ""), 0)
        a = acting_by_position.get(r.position.pk)
        if r.acting is not None:
            vacant.append(KeyPositionBrief(r, "plt", a.months if a else None, bool(a and a.over_cap), pool))
        elif not r.holders:
            vacant.append(KeyPositionBrief(r, "kosong", pool=pool))
        elif r.retires_first is not None and r.retires_first <= horizon:
            at_risk.append(KeyPositionBrief(r, "pensiun", pool=pool))
    counts, _key_counts, items = vacancy_forecast(actor=actor, org=region, today=today)
    by_level = Counter(active_ruleset().job_kind(v.job_kind).label for v in _retiring(items, horizon))
    plan = (
        PlanRun.objects.filter(organisation=region, year=year, accepted_at__isnull=False)
        .order_by("-accepted_at")
        .first()
    )
    merit = (
        MeritAssessment.objects.filter(organisation=region, status__in=[MeritStatus.SUBMITTED, MeritStatus.VERIFIED])
        .order_by("-year")
        .first()
    )
    p = peta_jabatan(region, year=year, today=today)
    abk = peta_totals([dict(zip(PETA_HEADER, row, strict=True)) for row in peta_rows(p)])
    r = rollup(region, year=year, today=today)
    return Briefing(
        region=region,
        today=today,
        year=year,
        term=t,
        replacements=replacements,
        acting=acting,
        key_vacant=vacant,
        key_at_risk=at_risk,
        retiring_12_months=counts[HORIZONS[0]],
        retiring_by_level=sorted(by_level.items(), key=lambda kv: -kv[1]),
        figures=r.total,
        budget=org_budget(region, year),
        plan=plan,
        merit=merit,
        abk=abk,
        ruleset=r.ruleset,
        pools=pools,
    )


def _retiring(items: list[Vacancy], horizon: date) -> list[Vacancy]:
    return [v for v in items if not v.acting_nip and v.retirement_date <= horizon]


def briefing_json(b: Briefing) -> dict:
    """``talenta briefing --json`` (the contract keys first)."""
    t = b.term
    f = b.figures
    return {
        "region": b.region.code,
        "region_name": b.region.name,
        "date": b.today.isoformat(),
        "head": t.head.name if t.head else None,
        "head_office": t.head.title if t.head else None,
        "inaugurated": t.head.inaugurated.isoformat() if t.head else None,
        "freeze_until": t.freeze_until.isoformat() if t.freeze_until else None,
        "freeze_days_left": t.days_left,
        "replacements_needing_approval": len(b.replacements),
        "acting": [
            {
                "nip": a.item.employee.nip,
                "position": a.item.position.name,
                "kind": a.item.get_kind_display(),
                "start": a.item.start.isoformat(),
                "months": a.months,
                "over_cap": a.over_cap,
            }
            for a in b.acting
        ],  # fmt: skip
        "acting_over_cap": b.acting_over_cap,
        "key_positions_vacant": len(b.key_vacant),
        "key_positions_at_risk": len(b.key_at_risk),
        "retiring_12_months": b.retiring_12_months,
        "budget": b.budget,
        "plan_cost": b.plan_cost,
        "compliant_share_20jp": None if f.jp_share is None else round(f.jp_share, 2),
        "year": b.year,
        "ruleset": b.ruleset,
        "replacements": [
            {
                "nip": x.change.employee.nip,
                "name": x.change.employee.name,
                "position": x.change.position_name,
                "unit": x.change.organisation.name,
                "tmt": x.change.tmt.isoformat(),
                "report_by": x.deadline.isoformat(),
                "overdue": x.overdue,
            }
            for x in b.replacements
        ],  # fmt: skip
        "retiring_by_level": dict(b.retiring_by_level),
        "employees": f.employees,
        "assessed": f.assessed,
        "boxes": {str(i): n for i, n in enumerate(f.boxes) if i},
        "pool": f.pool,
        "ip_mean": None if f.ip_mean is None else round(f.ip_mean, 2),
        "merit_category": b.merit.category if b.merit else None,
        "abk_short": b.abk["short"] if b.abk["with_abk"] else None,
    }
