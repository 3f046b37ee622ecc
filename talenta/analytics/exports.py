"""``talenta export analitik``: one row per employee with every measure, numbers with two decimals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
from django.db.models import Q

from talenta.core.rulesets import active_ruleset
from talenta.engine import measures as m
from talenta.org.models import Organisation

from .population import compute, load_population

ANALITIK_COLUMNS = [
    "NIP",
    "NAMA",
    "KODE_UNIT",
    "JABATAN",
    "JENIS_JABATAN",
    "JPM",
    "KATEGORI_JPM",
    "SKOR_KINERJA",
    "SKOR_POTENSI",
    "KOTAK",
    "IP_ASN",
    "KATEGORI_IP",
    "JP_TAHUN",
    "MEMENUHI_20JP",
    # and what helps to read them:
    "JPM_MENTAH",
    "IKK",
    "KATEGORI_SELEKSI",
    "TANGGAL_ASESMEN",
    "ASESMEN_KEDALUWARSA",
    "PREDIKAT",
    "PITA_KINERJA",
    "PITA_POTENSI",
    "KELOMPOK_TALENTA",
    "IP_KUALIFIKASI",
    "IP_KOMPETENSI",
    "IP_KINERJA",
    "IP_DISIPLIN",
    "SET_ATURAN",
    "SUMBER_KOTAK",  # review: a finalised talent review's box; mesin: the engine's (RULES.md §5)
]
BOX_SOURCE = {True: "review", False: "mesin"}
BAND_TEXT = ("di bawah ekspektasi", "sesuai ekspektasi", "di atas ekspektasi")
# RULES.md §5 grid as shown: rows performance high to low, columns potential low to high.
GRID = ((4, 7, 9), (2, 5, 8), (1, 3, 6))
POTENTIAL_TEXT = ("rendah", "menengah", "tinggi")


def _label(labels: tuple[str, ...], i: int) -> str:
    return labels[i] if i >= 0 else ""


def analitik_rows(org: Organisation, year: int, today: date | None = None) -> tuple[list[str], Iterator[list]]:
    rules = active_ruleset()
    tables = m.tables_for(rules)
    today = today or date.today()
    pop = load_population(employees=Q(org_path__startswith=org.path), rules=rules, year=year, today=today)
    r = compute(pop, tables)
    labels = {code: k.label for code, k in rules.job_kinds.items()}

    def col(values: np.ndarray) -> list[float | str]:
        """Rounded to two decimals once for the whole column; NaN becomes an empty cell."""
        return ["" if v != v else v for v in np.round(values, 2).tolist()]

    jpm, jpm_raw, ikk = col(r.jpm.capped), col(r.jpm.raw), col(r.jpm.ikk)
    perf, pot, jp = col(r.performance_score), col(r.potential_score), col(r.jp)
    ip, ip_q, ip_c, ip_p, ip_d = (
        col(a) for a in (r.ip.total, r.ip.qualification, r.ip.competency, r.ip.performance, r.ip.discipline)
    )
    mapping, selection = r.jpm.mapping.tolist(), r.jpm.selection.tolist()
    box, ip_cat, compliant = r.box.tolist(), r.ip.category.tolist(), r.compliant.tolist()
    predikat, pb, qb = r.predikat.tolist(), r.performance_band.tolist(), r.potential_band.tolist()
    stale, pool, reviewed = r.stale.tolist(), r.pool.tolist(), r.box_reviewed.tolist()

    def rows() -> Iterator[list]:
        for i in range(len(pop)):
            yield [
                pop.nip[i], pop.name[i], pop.unit_code[i], pop.position[i],
                labels.get(pop.job_kind[i], pop.job_kind[i]),
                jpm[i], _label(tables.jpm_mapping.labels, mapping[i]), perf[i], pot[i], box[i] or "", ip[i],
                _label(tables.ip_categories.labels, ip_cat[i]), jp[i],
                "Ya" if compliant[i] == 1 else "Tidak" if compliant[i] == 0 else "-",
                jpm_raw[i], ikk[i], _label(tables.jpm_selection.labels, selection[i]),
                pop.assessment_date[i].isoformat() if pop.assessment_date[i] else "", "Ya" if stale[i] else "",
                _label(rules.predikat, predikat[i]), _label(BAND_TEXT, pb[i]), _label(POTENTIAL_TEXT, qb[i]),
                "Ya" if pool[i] else "", ip_q[i], ip_c[i], ip_p[i], ip_d[i], r.ruleset,
                BOX_SOURCE[reviewed[i]] if box[i] else "",
            ]  # fmt: skip

    return ANALITIK_COLUMNS, rows()
