"""Roll-ups: the measures aggregated for an organisation subtree and for each of its children.

The subtree's employees are read once into arrays (``load_population``: aggregated per employee in the
database, no Python object per row), the engine runs once, and every figure is a ``numpy.bincount`` over
the child each employee belongs to (found from the employee's organisation, not from a string per row).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.engine import measures as m
from talenta.org.models import Organisation
from talenta.people.models import Employee

from .population import Population, compute, load_population


@dataclass
class Figures:
    """Aggregates of one group of employees."""

    code: str
    name: str
    employees: int = 0
    assessed: int = 0
    jpm_mean: float | None = None
    boxes: list[int] = field(default_factory=lambda: [0] * 10)  # index = box number, 0 = not placed
    pool: int = 0
    ip_mean: float | None = None
    ip_categories: dict[str, int] = field(default_factory=dict)
    jp_subject: int = 0  # PNS/CPNS
    jp_compliant: int = 0
    reviewed: int = 0  # boxes that come from a finalised talent review (the rest: the engine's)

    @property
    def jp_share(self) -> float | None:
        return None if not self.jp_subject else 100.0 * self.jp_compliant / self.jp_subject

    def box_share(self, box: int) -> float:
        placed = sum(self.boxes[1:])
        return 100.0 * self.boxes[box] / placed if placed else 0.0


@dataclass
class Rollup:
    ruleset: str
    year: int
    total: Figures
    children: list[Figures]
    population: Population
    measures: m.Measures


def _group_means(groups: np.ndarray, values: np.ndarray, k: int) -> list[float | None]:
    ok = ~np.isnan(values)
    sums = np.bincount(groups[ok], weights=values[ok], minlength=k)
    counts = np.bincount(groups[ok], minlength=k)
    return [None if c == 0 else float(s / c) for s, c in zip(sums, counts, strict=True)]


# Above MAX_ONLINE employees a roll-up holds a worker too long (4 M employees: 8-14 s from the per-employee
# facts, 45-90 s from the histories on the project's machine, bench/README.md): pages and the API say to run
# ``talenta rollup`` instead.
# Lists of people stop earlier: above MAX_LISTED the page would hold every name of the scope in memory.
MAX_ONLINE = 1_000_000
MAX_LISTED = 300_000


def check_interactive(org: Organisation, *, lists: bool = False) -> None:
    """Refuse a web or API roll-up (``lists``: a list of people) too large to answer online, saying what to
    do instead."""
    n = Employee.objects.filter(org_path__startswith=org.path).count()
    if lists and n > MAX_LISTED:
        message = _(
            "%(org)s has %(n)s employees: lists of people stop at %(limit)s; open the list of a province or a "
            "regency below it, or use talenta export analitik."
        )
    elif n > MAX_ONLINE:
        message = _(
            "%(org)s has %(n)s employees: its roll-up takes about a minute, run it with "
            "talenta rollup --org %(code)s, or open the roll-up of a province."
        )
    else:
        return
    limit = MAX_LISTED if lists else MAX_ONLINE
    raise ApplicationError(
        message % {"org": org.name, "n": f"{n:,}", "code": org.code, "limit": f"{limit:,}"},
        {"employees": n},
        code="too_large",
    )


def rollup(
    org: Organisation,
    *,
    year: int | None = None,
    today: date | None = None,
    identity: bool = False,
    employees: Q | None = None,
) -> Rollup:
    """Figures of ``org`` and of each child; ``identity`` also loads NIP, names and units (for lists);
    ``employees`` narrows the subtree (a province government's own staff, without its regencies')."""
    rules = active_ruleset()
    tables = m.tables_for(rules)
    today = today or timezone.localdate()
    year = year or today.year
    pop = load_population(
        employees=employees if employees is not None else Q(org_path__startswith=org.path),
        rules=rules,
        year=year,
        today=today,
        identity=identity,
        everyone=org.parent_id is None and employees is None,  # the national node: every employee sits below it
    )
    r = compute(pop, tables)
    children = list(org.children.order_by("code").values_list("code", "name"))
    index = {code: i + 1 for i, (code, _name) in enumerate(children)}  # 0 = the organisation itself
    nodes = list(Organisation.objects.filter(path__startswith=org.path).order_by("id").values_list("id", "path"))
    node_ids = np.array([pk for pk, _ in nodes], dtype=np.int64)
    node_group = np.array([index.get(org.child_code(path) or "", 0) for _, path in nodes], dtype=np.int64)
    groups = node_group[np.searchsorted(node_ids, pop.organisation_ids)] if len(nodes) else pop.organisation_ids
    k = len(children) + 1
    everyone = np.zeros(len(pop), dtype=np.int64)
    figures = []
    for g, (code, name), size in ((groups, (None, None), k), (everyone, (org.code, org.name), 1)):
        counts = np.bincount(g, minlength=size)
        assessed = np.bincount(g, weights=pop.inputs["assessed"], minlength=size)
        boxes = np.zeros((size, 10), dtype=np.int64)
        np.add.at(boxes, (g, r.box.astype(np.int64)), 1)
        cats = np.zeros((size, len(tables.ip_categories.labels)), dtype=np.int64)
        np.add.at(cats, (g, r.ip.category.astype(np.int64)), 1)
        subject = np.bincount(g, weights=r.compliant >= 0, minlength=size)
        compliant = np.bincount(g, weights=r.compliant == 1, minlength=size)
        pool = np.bincount(g, weights=r.pool, minlength=size)
        reviewed = np.bincount(g, weights=r.box_reviewed, minlength=size)
        jpm_mean = _group_means(g, r.jpm.capped, size)
        ip_mean = _group_means(g, r.ip.total, size)
        labels = [(org.code, org.name), *children] if code is None else [(code, name)]
        figures.append(
            [
                Figures(
                    c,
                    n,
                    int(counts[i]),
                    int(assessed[i]),
                    jpm_mean[i],
                    boxes[i].tolist(),
                    int(pool[i]),
                    ip_mean[i],
                    dict(zip(tables.ip_categories.labels, cats[i].tolist(), strict=True)),
                    int(subject[i]),
                    int(compliant[i]),
                    int(reviewed[i]),
                )
                for i, (c, n) in enumerate(labels)
            ]
        )
    per_child, (total,) = figures
    own, *by_child = per_child  # employees placed directly in the organisation come last, if any
    return Rollup(r.ruleset, year, total, by_child + ([own] if own.employees else []), pop, r)


def figures_json(f: Figures) -> dict:
    """One group's figures as the API and ``talenta rollup --json`` give them."""
    data = asdict(f)
    data["boxes"] = {str(i): n for i, n in enumerate(data["boxes"]) if i}
    data["unplaced"] = f.boxes[0]
    data["jp_share"] = f.jp_share
    return data


def rollup_json(r: Rollup) -> dict:
    return {
        "ruleset": r.ruleset,
        "year": r.year,
        "total": figures_json(r.total),
        "children": [figures_json(c) for c in r.children],
    }


ROLLUP_HEADER = ["KODE", "NAMA", "PEGAWAI", "TERASESMEN", "RATA_JPM", *[f"KOTAK_{b}" for b in range(1, 10)],
                 "BELUM_DIPETAKAN", "KELOMPOK_TALENTA", "RATA_IP_ASN", "WAJIB_20JP", "MEMENUHI_20JP",
                 "PERSEN_20JP"]  # fmt: skip


def rollup_rows(r: Rollup):
    """The table of ``talenta rollup --out``: the organisation first, then each child."""
    for f in (r.total, *r.children):
        yield [
            f.code, f.name, f.employees, f.assessed, f.jpm_mean, *f.boxes[1:], f.boxes[0], f.pool, f.ip_mean,
            f.jp_subject, f.jp_compliant, f.jp_share,
        ]  # fmt: skip
