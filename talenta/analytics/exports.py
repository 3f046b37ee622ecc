"""``talenta export analitik``: one row per employee with every measure, numbers with two decimals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
from django.conf import settings
from django.db.models import Q

from talenta.engine import measures as m
from talenta.engine.rules import load_ruleset
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
]
BAND_TEXT = ("di bawah ekspektasi", "sesuai ekspektasi", "di atas ekspektasi")
POTENTIAL_TEXT = ("rendah", "menengah", "tinggi")


def _num(v: float) -> float | str:
    return "" if np.isnan(v) else round(float(v), 2)


def _label(labels: tuple[str, ...], i: int) -> str:
    return labels[i] if i >= 0 else ""


def analitik_rows(org: Organisation, year: int, today: date | None = None) -> tuple[list[str], Iterator[list]]:
    rules = load_ruleset(settings.TALENTA_RULESET)
    tables = m.tables_for(rules)
    today = today or date.today()
    pop = load_population(employees=Q(org_path__startswith=org.path), rules=rules, year=year, today=today)
    r = compute(pop, tables)
    labels = {code: k.label for code, k in rules.job_kinds.items()}

    def rows() -> Iterator[list]:
        for i in range(len(pop)):
            compliant = int(r.compliant[i])
            yield [
                pop.nip[i],
                pop.name[i],
                pop.unit_code[i],
                pop.position[i],
                labels.get(pop.job_kind[i], pop.job_kind[i]),
                _num(r.jpm.capped[i]),
                _label(tables.jpm_mapping.labels, int(r.jpm.mapping[i])),
                _num(r.performance_score[i]),
                _num(r.potential_score[i]),
                int(r.box[i]) or "",
                _num(r.ip.total[i]),
                _label(tables.ip_categories.labels, int(r.ip.category[i])),
                _num(r.jp[i]),
                "Ya" if compliant == 1 else "Tidak" if compliant == 0 else "-",
                _num(r.jpm.raw[i]),
                _num(r.jpm.ikk[i]),
                _label(tables.jpm_selection.labels, int(r.jpm.selection[i])),
                pop.assessment_date[i].isoformat() if pop.assessment_date[i] else "",
                "Ya" if r.stale[i] else "",
                _label(rules.predikat, int(r.predikat[i])),
                _label(BAND_TEXT, int(r.performance_band[i])),
                _label(POTENTIAL_TEXT, int(r.potential_band[i])),
                "Ya" if r.pool[i] else "",
                _num(r.ip.qualification[i]),
                _num(r.ip.competency[i]),
                _num(r.ip.performance[i]),
                _num(r.ip.discipline[i]),
                r.ruleset,
            ]

    return ANALITIK_COLUMNS, rows()
