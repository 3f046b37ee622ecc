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
from talenta.core.pdf import A4_LANDSCAPE, MM, angka, para, persen, render, spacer, table
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


def ninebox_pdf(nb: NineBox, filters: str = "", *, issued: date | None = None) -> bytes:
    """The grid on A4 landscape, with counts, shares and the recommended action per box, in Indonesian."""
    issued = issued or timezone.localdate()
    sub = (
        f"{angka(nb.placed)} pegawai dipetakan, {angka(int(nb.reviewed.sum()))} dari talent review yang telah "
        f"difinalkan; {angka(nb.counts[0])} belum dapat dipetakan (belum ada SKP atau asesmen)."
    )
    grid = [["Kinerja \\ Potensi", *[f"Potensi {label}" for label in POTENTIAL_TEXT]]]
    for label, row in zip(BAND_TEXT[::-1], nb.grid(), strict=True):
        grid.append(
            [para(f"Kinerja {label}", "cellbold")]
            + [
                [para(f"Kotak {b}", "cellbold"), para(f"{angka(n)} ({persen(share)})", "cellbig"), para(action, "cell")]
                for b, n, share, action in row
            ]
        )
    story = [
        para(f"Sembilan kotak talenta {nb.year}", "title"),
        para(nb.org.name + (f" · {filters}" if filters else ""), "subtitle"),
        para(sub),
        spacer(2),
        table(grid, [43 * MM, 71 * MM, 71 * MM, 71 * MM]),
        spacer(3),
        para("Dasar: Peraturan Menteri PANRB 3/2020 sebagaimana diubah dengan 20/2025 (manajemen talenta); kotak dari "
             f"talent review yang difinalkan bila ada, selainnya dari SKP dan potensi. Aturan {nb.ruleset}.", "small"),
    ]  # fmt: skip
    return render(story, title=f"Sembilan kotak talenta {nb.year} · {nb.org.name}", issuer=nb.org.name,
                  issued=issued, size=A4_LANDSCAPE)  # fmt: skip
