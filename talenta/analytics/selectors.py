"""Measures of one employee for the profile page and the API, with the basis of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Q
from django.utils import timezone

from talenta.core.rulesets import active_ruleset
from talenta.engine import measures as m
from talenta.engine.rules import IpWindows
from talenta.people.models import Employee

from .exports import BAND_TEXT, BOX_SOURCE, POTENTIAL_TEXT
from .population import compute, load_population


@dataclass(frozen=True)
class EmployeeMeasures:
    ruleset: str
    year: int
    jpm: float | None
    jpm_raw: float | None
    ikk: float | None
    jpm_category: str
    selection_category: str
    assessment_date: date | None
    assessment_stale: bool
    gaps: dict[str, int]
    predikat: str
    skp_year: int | None
    performance_score: float | None
    performance_band: str
    potential_score: float | None
    potential_band: str
    box: int | None  # the box of the year: a finalised review's where there is one, else the engine's
    box_source: str  # "review" or "mesin" ("" without a box), as SUMBER_KOTAK of the analitik export
    engine_box: int | None
    action: str
    in_pool: bool
    ip_total: float
    ip_category: str
    ip_qualification: float
    ip_competency: float
    ip_performance: float
    ip_discipline: float
    ip_windows: IpWindows  # the windows the IP ASN of the year was measured with (RULES.md §6)
    jp: float
    compliant: bool | None


def _f(v) -> float | None:
    return None if v != v else float(np.round(v, 2))  # NaN -> None; rounded as the export rounds


def employee_measures(employee: Employee, *, year: int | None = None, today: date | None = None) -> EmployeeMeasures:
    """Every measure of one employee (already checked against the viewer's scope by the caller)."""
    rules = active_ruleset()
    tables = m.tables_for(rules)
    today = today or timezone.localdate()
    year = year or today.year
    pop = load_population(employees=Q(pk=employee.pk), rules=rules, year=year, today=today)
    r = compute(pop, tables)
    box = int(r.box[0])
    compliant = int(r.compliant[0])
    return EmployeeMeasures(
        ruleset=r.ruleset,
        year=year,
        jpm=_f(r.jpm.capped[0]),
        jpm_raw=_f(r.jpm.raw[0]),
        ikk=_f(r.jpm.ikk[0]),
        jpm_category=tables.jpm_mapping.labels[r.jpm.mapping[0]] if r.jpm.mapping[0] >= 0 else "",
        selection_category=tables.jpm_selection.labels[r.jpm.selection[0]] if r.jpm.selection[0] >= 0 else "",
        assessment_date=pop.assessment_date[0],
        assessment_stale=bool(r.stale[0]),
        gaps={code: int(g) for code, g in zip(pop.competency_codes, r.jpm.gaps[0], strict=True) if g},
        predikat=rules.predikat[r.predikat[0]] if r.predikat[0] >= 0 else "",
        skp_year=pop.skp_year[0],
        performance_score=_f(r.performance_score[0]),
        performance_band=BAND_TEXT[r.performance_band[0]] if r.performance_band[0] >= 0 else "",
        potential_score=_f(r.potential_score[0]),
        potential_band=POTENTIAL_TEXT[r.potential_band[0]] if r.potential_band[0] >= 0 else "",
        box=box or None,
        box_source=BOX_SOURCE[bool(r.box_reviewed[0])] if box else "",
        engine_box=int(r.engine_box[0]) or None,
        action=rules.raw["talent"]["actions"].get(str(box), "") if box else "",
        in_pool=bool(r.pool[0]),
        ip_total=float(r.ip.total[0]),
        ip_category=tables.ip_categories.labels[r.ip.category[0]],
        ip_qualification=float(r.ip.qualification[0]),
        ip_competency=float(r.ip.competency[0]),
        ip_performance=float(r.ip.performance[0]),
        ip_discipline=float(r.ip.discipline[0]),
        ip_windows=rules.ip_windows(year),
        jp=float(r.jp[0]),
        compliant=None if compliant < 0 else bool(compliant),
    )
