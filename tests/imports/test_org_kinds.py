"""unit, jabatan, kompetensi, katalog, anggaran."""

import pytest

from talenta.competency.models import Competency, PositionStandard
from talenta.learning.models import Budget, Programme
from talenta.org.models import Organisation
from talenta.people.models import Position
from tests.imports.helpers import csv_bytes, run, xlsx

pytestmark = pytest.mark.django_db


def test_units_parent_in_the_same_file_and_tree_rules(region):
    header = ["KODE_UNIT", "NAMA_UNIT", "KODE_INDUK", "JENIS"]
    rows = [
        ["64.71.05.01", "Bidang SMP", "64.71.05", "unit"],  # parent defined on the next row
        ["64.71.05", "Dinas Pendidikan", "64.71", "opd"],
        ["64.71.06", "Unit di bawah kota", "64.71", "unit"],  # a unit cannot sit under a city
        ["64.71.07", "Induk tak dikenal", "64.71.99", "opd"],
        ["64.71.01", "Badan Kepegawaian dan Pengembangan SDM Kota Balikpapan", "64.71", "opd"],  # unchanged
        ["64.77", "Kota Baru", "64", "kota"],
    ]  # regions come from Kemendagri
    r = run("unit", xlsx([header, *rows]), actor=region["users"]["balikpapan"])
    assert (r.created, r.unchanged, r.rejected) == (2, 1, 3), r.errors
    assert Organisation.objects.get(code="64.71.05.01").path == "/ID/64/64.71/64.71.05/64.71.05.01/"
    assert {e.row: e.column for e in r.errors} == {4: "JENIS", 5: "KODE_INDUK", 7: "JENIS"}
    outside = run(
        "unit", xlsx([header, ["64.09.09", "Dinas PPU", "64.09", "opd"]]), actor=region["users"]["balikpapan"]
    )
    assert outside.rejected == 1 and not Organisation.objects.filter(code="64.09.09").exists()


def test_jabatan_with_standard_columns_and_default(region):
    header = ["KODE_UNIT", "JABATAN", "JENIS_JABATAN", "KELAS_JABATAN", "KUNCI", "INTEGRITAS", "KOMUNIKASI"]
    r = run(
        "jabatan",
        xlsx(
            [
                header,
                ["64.71.01", "Kepala Badan", "JPT Pratama", 14, "Y", 5, 4],
                ["64.71.01.01", "Kepala Bidang", "Administrator", 12, "N", None, None],
                ["64.71.01.01", "Staf", "Tukang", 5, "N", None, None],
            ]
        ),
    )
    assert (r.created, r.rejected) == (2, 1)
    head = Position.objects.get(name="Kepala Badan")
    assert head.is_key and head.job_class == 14
    assert dict(PositionStandard.objects.filter(position=head).values_list("competency__code", "level")) == {
        "INTEGRITAS": 5,
        "KOMUNIKASI": 4,
    }
    assert PositionStandard.objects.filter(position__name="Kepala Bidang", level=3).count() == 9


def test_kompetensi_agency_adds_technical_only(region):
    header = ["KODE", "NAMA", "JENIS", "LEVEL_1", "LEVEL_2", "LEVEL_3", "LEVEL_4", "LEVEL_5"]
    rows = [
        ["T.KEU.01", "Pengelolaan Keuangan Daerah", "teknis", "a", "b", "c", "d", "e"],
        ["MANAJ.X", "Manajerial baru", "manajerial", "", "", "", "", ""],
        ["INTEGRITAS", "Integritas diubah", "manajerial", "", "", "", "", ""],
    ]
    r = run("kompetensi", xlsx([header, *rows]), actor=region["users"]["balikpapan"])
    assert (r.created, r.rejected) == (1, 2)
    c = Competency.objects.get(code="T.KEU.01")
    assert c.owner.code == "64.71" and c.level_descriptions == ["a", "b", "c", "d", "e"]


def test_katalog_competencies_targets_and_money(region):
    header = [
        "KODE",
        "NAMA",
        "JP",
        "BIAYA",
        "KAPASITAS",
        "KOMPETENSI",
        "BENTUK",
        "JALUR",
        "JENIS",
        "SASARAN",
        "PRIORITAS",
    ]
    rows = [
        [
            "PKP-01",
            "Pelatihan Kepemimpinan Pengawas",
            300,
            "Rp 18.000.000",
            40,
            "KERJASAMA+1; KOMUNIKASI+1",
            "pelatihan klasikal",
            "",
            "PKP",
            "Pengawas",
            "RPJMD-1;RKPD-2",
        ],
        ["X-1", "Salah kompetensi", 10, 1000, 10, "TIDAKADA+1", "", "", "", "", ""],
        ["X-2", "Salah sasaran", 10, 1000, 10, "KOMUNIKASI+1", "", "", "", "Menteri", ""],
    ]
    r = run("katalog", csv_bytes([header, *rows], sep=";"), name="katalog.csv", actor=region["users"]["kaltim"])
    assert (r.created, r.rejected) == (1, 2)
    p = Programme.objects.get(code="PKP-01")
    assert (p.cost, p.capacity, p.route, p.owner.code, p.eligible_job_kinds, p.priority_codes) == (
        18_000_000,
        40,
        "klasikal",
        "64",
        ["PENGAWAS"],
        ["RPJMD-1", "RKPD-2"],
    )
    assert dict(p.raises.values_list("competency__code", "levels")) == {"KERJASAMA": 1, "KOMUNIKASI": 1}


def test_anggaran(region):
    r = run(
        "anggaran",
        xlsx(
            [
                ["KODE_UNIT", "TAHUN", "PAGU"],
                ["64.71", 2026, "1.250.000.000"],
                ["64.71.01", 2026, 300000000],
                ["64.09", 2026, 5],
            ]
        ),
        actor=region["users"]["balikpapan"],
    )
    assert (r.created, r.rejected) == (2, 1)
    assert Budget.objects.get(organisation__code="64.71", year=2026).amount == 1_250_000_000
