"""The nine-box page (issue 6, item 2): the grid for a filtered population, its people, xlsx and PDF.

The box of each employee is the one a finalised review gave for the year where there is one, otherwise
the engine's (RULES.md §5); the page says how many came from each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.analytics.exports import BAND_TEXT, BOX_SOURCE, GRID, POTENTIAL_TEXT
from talenta.analytics.population import Population, compute, load_population
from talenta.core.errors import NotFound
from talenta.core.pdf import A4_LANDSCAPE, Page
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine import measures as m
from talenta.org.models import Organisation


@dataclass
class NineBox:
    org: Organisation
    year: int
    ruleset: str
    population: Population
    measures: m.Measures
    box: np.ndarray  # final box per employee (review where finalised, else engine)
    reviewed: np.ndarray  # bool: the box comes from a finalised review
    actions: dict[int, str]

    @property
    def counts(self) -> list[int]:
        return np.bincount(self.box.astype(np.int64), minlength=10).tolist()

    @property
    def placed(self) -> int:
        return int((self.box > 0).sum())

    def share(self, box: int) -> float:
        return 100.0 * self.counts[box] / self.placed if self.placed else 0.0

    def grid(self) -> list[list[tuple[int, int, float, str]]]:
        counts = self.counts
        return [[(b, counts[b], self.share(b), self.actions.get(b, "")) for b in row] for row in GRID]

    def people(self, box: int | None = None) -> list[int]:
        """Row indices of the employees in ``box`` (all placed when None), by NIP."""
        if len(self.population) and not self.population.nip:
            raise ValueError("the people of a box need ninebox(identity=True)")
        mask = self.box > 0 if box is None else self.box == box
        return np.flatnonzero(mask).tolist()


def ninebox(
    *,
    actor,
    org: Organisation,
    year: int,
    job_kind: str = "",
    golongan: str = "",
    unit: Organisation | None = None,
    today: date | None = None,
    identity: bool = True,
) -> NineBox:
    """The grid for the employees of ``unit`` (default ``org``), optionally of one job kind and golongan.

    ``identity=False``: counts and shares only (the grid), without reading 60,000 names for nobody."""
    scope = Scope.for_user(actor)
    root = unit or org
    if not scope.contains_path(root.path) or not root.path.startswith(org.path):
        raise NotFound(_("Organisation %(code)s not found.") % {"code": root.code})
    rules = active_ruleset()
    tables = m.tables_for(rules)
    q = Q(org_path__startswith=root.path)
    if job_kind:
        q &= Q(position__job_kind=job_kind)
    if golongan:
        q &= Q(golongan=golongan)
    pop = load_population(employees=q, rules=rules, year=year, today=today or timezone.localdate(), identity=identity)
    r = compute(pop, tables)  # r.box is the box of the year: a finalised review's, else the engine's
    actions = {int(k): v for k, v in rules.raw["talent"]["actions"].items()}
    return NineBox(root, year, r.ruleset, pop, r, r.box, r.box_reviewed, actions)


NINEBOX_HEADER = ["NIP", "NAMA", "KODE_UNIT", "JABATAN", "JENIS_JABATAN", "KOTAK", "SUMBER", "SKOR_KINERJA",
                  "SKOR_POTENSI", "JPM", "TINDAKAN"]  # fmt: skip


def ninebox_rows(nb: NineBox, box: int | None = None):
    r = nb.measures
    for i in nb.people(box):
        b = int(nb.box[i])
        yield [
            nb.population.nip[i],
            nb.population.name[i],
            nb.population.unit_code[i],
            nb.population.position[i],
            nb.population.job_kind[i],
            b,
            BOX_SOURCE[bool(nb.reviewed[i])],
            None if np.isnan(r.performance_score[i]) else round(float(r.performance_score[i]), 2),
            None if np.isnan(r.potential_score[i]) else round(float(r.potential_score[i]), 2),
            None if np.isnan(r.jpm.capped[i]) else round(float(r.jpm.capped[i]), 2),
            nb.actions.get(b, ""),
        ]


def ninebox_pdf(nb: NineBox, filters: str = "") -> bytes:
    """The grid on one A4 landscape page, with counts, shares and the recommended action per box."""
    page = Page(A4_LANDSCAPE)
    page.text(40, 550, f"{_('Nine boxes')}: {nb.org.name} ({nb.year})", 16, bold=True)
    sub = _("%(n)s employees placed, %(r)s from a finalised review; %(u)s not placed.") % {
        "n": nb.placed,
        "r": int(nb.reviewed.sum()),
        "u": nb.counts[0],
    }
    page.text(40, 530, sub + (f"  {filters}" if filters else ""), 9)
    left, top, w, h = 150, 500, 220, 140
    for j, label in enumerate(POTENTIAL_TEXT):
        page.text(left + j * w + 6, top + 6, f"{_('Potential')}: {label}", 9, bold=True)
    for i, row in enumerate(nb.grid()):
        y = top - (i + 1) * h
        page.wrapped(40, y + h - 16, f"{_('Performance')}: {BAND_TEXT[::-1][i]}", 100, 9, 11)
        for j, (b, n, share, action) in enumerate(row):
            x = left + j * w
            page.rect(x, y, w - 4, h - 4, fill=0.85 if b in (7, 8, 9) else (0.95 if b in (4, 5, 6) else 1.0))
            page.text(x + 6, y + h - 20, f"{_('Box')} {b}", 10, bold=True)
            page.text(x + 6, y + h - 44, f"{n}  ({share:.1f}%)", 18, bold=True)
            page.wrapped(x + 6, y + h - 62, action, w - 16, 7.5, 9)
    page.text(40, 40, _("Basis: rule set %(v)s (RULES.md §5); box from a finalised review where there is one.")
              % {"v": nb.ruleset}, 8)  # fmt: skip
    return bytes(page)
