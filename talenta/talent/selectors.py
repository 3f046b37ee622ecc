"""Vacancy forecast (issue 6, item 5): positions whose holder reaches the retirement age (BUP) soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from talenta.core.errors import NotFound
from talenta.core.scoping import Scope
from talenta.governance.selectors import staffing
from talenta.org.models import Organisation
from talenta.org.selectors import opd_on_path
from talenta.people.models import Employee, Position
from talenta.people.selectors import acting_positions

from .models import BoxHistory, DecisionStatus, Readiness, SuccessionCandidate

HORIZONS = (1, 2, 5)  # years


@dataclass
class Vacancy:
    nip: str
    name: str
    position: str
    job_kind: str
    is_key: bool
    unit_code: str
    unit_name: str
    retirement_date: date
    years_left: float
    position_id: int = 0
    candidates: int = 0  # nominated successors (key positions)
    ready_now: int = 0  # of them confirmed and ready now
    need: int | None = None  # K of the position's ABK this year (None: no ABK)
    holders: int = 0  # B
    acting_nip: str = ""  # a Plt holds the position: it is vacant now (RULES.md §11)
    acting_name: str = ""
    acting_since: date | None = None
    opd_code: str = ""  # the OPD the unit belongs to, and its name (pages name both, issue 23)
    opd_name: str = ""

    @property
    def short(self) -> bool:
        """The position needs more staff than it has (B < K)."""
        return self.need is not None and self.holders < self.need


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def vacancy_forecast(
    *, actor, org: Organisation, today: date | None = None
) -> tuple[dict[int, int], dict[int, int], list[Vacancy]]:
    """Retirements within 1, 2 and 5 years (all and key positions) and the list, key positions first, soonest
    first; the positions held by a Plt (vacant now) are in the list, not in the counts."""
    if actor is not None and not Scope.for_user(actor).contains_path(org.path):  # None: the system's own read
        raise NotFound("")
    today = today or timezone.localdate()
    until = _add_years(today, max(HORIZONS))
    rows = Employee.objects.filter(
        org_path__startswith=org.path, retirement_date__gte=today, retirement_date__lte=until
    ).values_list(
        "nip",
        "name",
        "position__name",
        "position__job_kind",
        "position__is_key",
        "organisation__code",
        "organisation__name",
        "retirement_date",
        "position_id",
        "org_path",
    )
    opds = dict(Organisation.objects.filter(path__startswith=org.path, kind="opd").values_list("code", "name"))
    items = [
        Vacancy(*r[:8], years_left=(r[7] - today).days / 365.25, position_id=r[8], opd_code=opd_on_path(r[9], opds))
        for r in rows
    ]
    # A position held by a Plt is vacant now, whoever else it lists (one query).
    acting = acting_positions(org.path, today=today)
    if acting:
        places = {p.pk: p for p in Position.objects.filter(pk__in=acting).select_related("organisation")}
        for pid, a in acting.items():
            p = places[pid]
            items.append(Vacancy("", "", p.name, p.job_kind, p.is_key, p.organisation.code, p.organisation.name,
                                 today, 0.0, pid, acting_nip=a.employee.nip, acting_name=a.employee.name,
                                 acting_since=a.start, opd_code=opd_on_path(p.organisation.path, opds)))  # fmt: skip
    # The bench of the key positions among them (one query).
    bench: dict[int, list[int]] = {}
    for pid, readiness, status in SuccessionCandidate.objects.filter(
        position_id__in={v.position_id for v in items if v.is_key}
    ).values_list("position_id", "readiness", "status"):
        counts = bench.setdefault(pid, [0, 0])
        counts[0] += 1
        counts[1] += readiness == Readiness.NOW and status == DecisionStatus.CONFIRMED
    figures = staffing(org, today=today)
    for v in items:
        v.opd_name = opds.get(v.opd_code, v.unit_name)
        v.candidates, v.ready_now = bench.get(v.position_id, (0, 0))
        v.need, v.holders = figures.get(v.position_id, (None, 0))
    # Key positions first, and among them those already short of staff (RULES.md §10) before the rest.
    items.sort(key=lambda v: (not v.is_key, not v.short, v.retirement_date, v.nip))
    # The counts are of retirements; the positions held by a Plt are listed, not counted as retiring.
    retiring = [v for v in items if not v.acting_nip]
    counts = {h: sum(1 for v in retiring if v.retirement_date <= _add_years(today, h)) for h in HORIZONS}
    key_counts = {
        h: sum(1 for v in retiring if v.is_key and v.retirement_date <= _add_years(today, h)) for h in HORIZONS
    }
    return counts, key_counts, items


# Order of the boxes from worst to best along the grid's diagonals (RULES.md §5): 1 < 2,3 < 4,5,6 < 7,8 < 9.
BOX_LEVEL = {1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: 4}


def movement_arrow(before: int | None, after: int) -> str:
    if not before or not after:
        return ""
    a, b = BOX_LEVEL[before], BOX_LEVEL[after]
    return "↑" if b > a else ("↓" if b < a else "→")


def box_history(employee: Employee) -> list[tuple[int, int, str]]:
    """(year, box, arrow from the year before) of the finalised reviews, oldest first (one query)."""
    out = []
    previous = None
    for year, box in BoxHistory.objects.filter(employee=employee).order_by("year").values_list("year", "box"):
        out.append((year, box, movement_arrow(previous, box)))
        previous = box
    return out
