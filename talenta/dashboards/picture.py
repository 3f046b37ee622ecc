"""The national and provincial picture (issue 21, item 2): one row per province (at the national level) or
per regency/city and the province's own government (at a province), with the roll-up's figures, the merit
category, the bench strength of the key positions and the ABK shortage; a region that loaded nothing says
so, with the date of its last import. Every figure comes from the selector its own page uses: the roll-up
(analytics), the job map (governance), the merit self-assessments (indices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max
from django.utils.translation import gettext as _

from talenta.analytics.rollup import Figures, rollup
from talenta.governance.selectors import peta_jabatan
from talenta.imports.models import ImportBatch
from talenta.indices.models import MeritAssessment, MeritStatus
from talenta.org.models import GOVERNMENT_KINDS, Organisation, OrgKind
from talenta.people.models import Position
from talenta.talent.models import DecisionStatus, Readiness, SuccessionCandidate
from talenta.talent.succession import government_employees


@dataclass
class RegionRow:
    code: str
    name: str
    path: str
    own: bool  # the province government's own staff (its OPDs), not a region below it
    figures: Figures | None = None
    last_import: datetime | None = None
    merit: str = ""
    key_positions: int = 0
    key_ready: int = 0
    abk_positions: int = 0
    abk_short: int = 0

    @property
    def has_data(self) -> bool:
        return self.figures is not None and self.figures.employees > 0

    @property
    def bench(self) -> float | None:
        """Share (0-100) of key positions with a successor confirmed ready now."""
        return 100.0 * self.key_ready / self.key_positions if self.key_positions else None

    @property
    def assessed_share(self) -> float | None:
        f = self.figures
        return 100.0 * f.assessed / f.employees if f and f.employees else None

    @property
    def high_share(self) -> float | None:
        """Share of the placed employees in boxes 7, 8 and 9."""
        f = self.figures
        placed = sum(f.boxes[1:]) if f else 0
        return 100.0 * sum(f.boxes[b] for b in (7, 8, 9)) / placed if placed else None

    @property
    def low_share(self) -> float | None:
        """Share of the placed employees in box 1 (low performance, low potential)."""
        f = self.figures
        placed = sum(f.boxes[1:]) if f else 0
        return 100.0 * f.boxes[1] / placed if placed else None


# The sortable columns: key -> how to read it from a row (None sorts last).
COLUMNS = {
    "pegawai": lambda r: r.figures.employees if r.figures else None,
    "terases": lambda r: r.assessed_share,
    "jpm": lambda r: r.figures.jpm_mean if r.figures else None,
    "kotak789": lambda r: r.high_share,
    "kotak1": lambda r: r.low_share,
    "kelompok": lambda r: r.figures.pool if r.figures else None,
    "ip": lambda r: r.figures.ip_mean if r.figures else None,
    "jp20": lambda r: r.figures.jp_share if r.figures else None,
    "suksesi": lambda r: r.bench,
    "abk": lambda r: r.abk_short if r.abk_positions else None,
}


@dataclass
class Picture:
    org: Organisation
    year: int
    rows: list[RegionRow]
    maxima: dict[str, float]

    @property
    def without_data(self) -> list[RegionRow]:
        return [r for r in self.rows if not r.has_data]


def picture(org: Organisation, *, year: int, today: date, sort: str = "", descending: bool = True) -> Picture:
    """The picture of the national node (a row per province) or of a province (a row per regency or city
    and one for the province's own staff). The caller checked scope and size (``check_interactive``)."""
    if org.kind not in (OrgKind.NATIONAL, OrgKind.PROVINCE):
        raise ValueError("the picture is of the nation or a province")
    children = list(org.children.filter(kind__in=GOVERNMENT_KINDS).order_by("code"))
    rows = [RegionRow(c.code, c.name, c.path, False) for c in children]
    r = rollup(org, year=year, today=today)
    by_code = {f.code: f for f in r.children}
    for row in rows:
        row.figures = by_code.get(row.code)
    if org.kind == OrgKind.PROVINCE:
        own = RegionRow(org.code, _("%(name)s (own staff)") % {"name": org.name}, org.path, True)
        own.figures = rollup(org, year=year, today=today, employees=government_employees(org)).total
        rows.insert(0, own)
    _last_imports(rows)
    _merit(rows)
    _bench(rows)
    _abk(org, rows, year, today)
    key = COLUMNS.get(sort)
    if key is not None:
        present = [x for x in rows if key(x) is not None]
        missing = [x for x in rows if key(x) is None]
        rows = sorted(present, key=key, reverse=descending) + missing
    maxima = {k: max((v for x in rows if (v := fn(x)) is not None), default=0.0) for k, fn in COLUMNS.items()}
    return Picture(org, year, rows, maxima)


def _owner(rows: list[RegionRow], path: str) -> RegionRow | None:
    """The row a path belongs to: the deepest row whose path it starts with (a province's own row holds
    what is not in one of its regencies or cities)."""
    best = None
    for row in rows:
        if path.startswith(row.path) and (best is None or len(row.path) > len(best.path)):
            best = row
    return best


def _last_imports(rows: list[RegionRow]) -> None:
    for path, last in (
        ImportBatch.objects.filter(scope_path__startswith=min((r.path for r in rows), key=len, default="/-/"))
        .values_list("scope_path")
        .annotate(last=Max("created_at"))
    ):
        row = _owner(rows, path)
        if row is not None and (row.last_import is None or last > row.last_import):
            row.last_import = last


def _merit(rows: list[RegionRow]) -> None:
    codes = {r.code: r for r in rows}
    for code, category in (
        MeritAssessment.objects.filter(
            organisation__code__in=codes, status__in=[MeritStatus.SUBMITTED, MeritStatus.VERIFIED]
        )
        .order_by("organisation__code", "year")
        .values_list("organisation__code", "category")
    ):
        codes[code].merit = category  # the latest year wins


def _bench(rows: list[RegionRow]) -> None:
    root = min((r.path for r in rows), key=len, default="/-/")
    ready = set(
        SuccessionCandidate.objects.filter(
            position__organisation__path__startswith=root, readiness=Readiness.NOW, status=DecisionStatus.CONFIRMED
        ).values_list("position_id", flat=True)
    )
    for pk, path in Position.objects.filter(is_key=True, organisation__path__startswith=root).values_list(
        "id", "organisation__path"
    ):
        row = _owner(rows, path)
        if row is not None:
            row.key_positions += 1
            row.key_ready += pk in ready


def _abk(org: Organisation, rows: list[RegionRow], year: int, today: date) -> None:
    p = peta_jabatan(org, year=year, today=today)
    res = p.result
    for i, path in enumerate(p.unit_path):
        if not res.has_abk[i]:
            continue
        row = _owner(rows, path)
        if row is not None:
            row.abk_positions += 1
            row.abk_short += max(0, int(res.need[i]) - int(res.holders[i]))
