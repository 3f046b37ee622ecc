"""asesmen, kinerja, pelatihan, disiplin: matched by natural key, histories append, scope enforced."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from talenta.competency.models import Assessment
from talenta.learning.models import LearningRecord
from talenta.people.models import DisciplinePenalty, PerformanceRating
from tests.imports.helpers import csv_bytes, run, xlsx

pytestmark = pytest.mark.django_db


def test_asesmen_levels_potential_and_history(region):
    nip = region["bpp"].nip
    header = ["NIP", "TANGGAL", "SUMBER", "POTENSI", "INTEGRITAS", "KOMUNIKASI", "KERJASAMA"]
    r = run(
        "asesmen",
        xlsx([header, [nip, date(2024, 5, 2), "AC BKD", 81.5, 3, 2, None], [nip, "2025-06-10", "AC BKN", "", 4, 3, 3]]),
    )
    assert (r.created, r.rejected) == (2, 0), r.errors
    latest = Assessment.objects.filter(employee=region["bpp"]).order_by("-date").first()
    assert latest.date == date(2025, 6, 10) and latest.potential_score is None
    assert dict(latest.scores.values_list("competency__code", "level")) == {
        "INTEGRITAS": 4,
        "KOMUNIKASI": 3,
        "KERJASAMA": 3,
    }
    again = run("asesmen", xlsx([header, [nip, date(2024, 5, 2), "AC BKD", 81.5, 3, 2, None]]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = run("asesmen", xlsx([header, [nip, date(2024, 5, 2), "AC BKD", 81.5, 3, 3, None]]))
    assert changed.updated == 1
    assert Assessment.objects.filter(employee=region["bpp"]).count() == 2


def test_asesmen_bad_levels_and_unknown_employee(region):
    header = ["NIP", "TANGGAL", "INTEGRITAS"]
    r = run(
        "asesmen",
        xlsx(
            [
                header,
                [region["bpp"].nip, "2025-01-01", 6],
                ["199002152015039999", "2025-01-01", 3],
                [region["bpp"].nip, (date.today() + timedelta(days=1)).isoformat(), 3],
                [region["bpp"].nip, "2025-02-02", None],
            ]
        ),
    )
    assert r.created == 0 and r.rejected == 4
    assert [e.column for e in r.errors] == ["INTEGRITAS", "NIP", "TANGGAL", "NIP"]


def test_kinerja_predikat_from_matrix_short_forms_and_mismatch(region):
    nip = region["bpp"].nip
    header = ["NIP", "TAHUN", "HASIL_KERJA", "PERILAKU_KERJA", "PREDIKAT", "NILAI_SKP"]
    r = run(
        "kinerja",
        csv_bytes(
            [
                header,
                [nip, 2024, "di atas", "DI ATAS EKSPEKTASI", "", "92,5"],
                [nip, 2023, "sesuai", "di bawah", "Baik", ""],
                [nip, 2022, "Sesuai Ekspektasi", "sesuai", "baik", 80],
            ],
            sep=";",
        ),
        name="skp.csv",
    )
    assert (r.created, r.rejected) == (2, 1)
    assert r.errors[0].column == "PREDIKAT" and r.errors[0].row == 3
    rows = {p.year: p for p in PerformanceRating.objects.filter(employee=region["bpp"])}
    assert rows[2024].predikat == "Sangat Baik" and rows[2024].score == Decimal("92.5")
    assert rows[2022].predikat == "Baik" and rows[2022].ruleset == "permenpan-2020.4"


def test_history_rows_find_nips_written_as_excel_text(region):
    # A csv exported from a sheet often keeps the apostrophe that made the NIP text in Excel.
    header = ["NIP", "TAHUN", "HASIL_KERJA", "PERILAKU_KERJA"]
    r = run(
        "kinerja", csv_bytes([header, ["'" + region["bpp"].nip, 2024, "sesuai", "sesuai"]], sep=";"), name="skp.csv"
    )
    assert (r.created, r.rejected) == (1, 0), r.errors


def test_pelatihan_form_defaults_types_and_idempotence(region):
    nip = region["bpp"].nip
    header = [
        "NIP",
        "NAMA_KEGIATAN",
        "TANGGAL_MULAI",
        "TANGGAL_SELESAI",
        "JP",
        "BENTUK",
        "JALUR",
        "JENIS",
        "PENYELENGGARA",
        "NOMOR_SERTIFIKAT",
    ]
    rows = [
        [nip, "Coaching kinerja", "2025-02-03", "", "", "coaching", "", "teknis", "BKPSDM", ""],
        [nip, "Bimtek SIPD", "2025-03-03", "2025-03-05", 24, "bimtek", "klasikal", "bimtek", "BPKAD", "12/BT/2025"],
        [nip, "Kursus aneh", "2025-04-01", "", 10, "telepati", "", "teknis", "", ""],
        [nip, "Jenis aneh", "2025-04-01", "", 10, "", "", "ngopi", "", ""],
        [nip, "Terbalik", "2025-04-05", "2025-04-01", 10, "", "", "", "", ""],
        [nip, "Tanpa JP", "2025-04-05", "", "", "pelatihan klasikal", "", "", "", ""],
    ]
    r = run("pelatihan", xlsx([header, *rows]))
    assert (r.created, r.rejected) == (2, 4)
    assert [e.column for e in r.errors] == ["BENTUK", "JENIS", "TANGGAL_SELESAI", "JP"]
    coaching = LearningRecord.objects.get(title="Coaching kinerja")
    assert coaching.jp == 2 and coaching.route == "nonklasikal"  # RULES.md §7 default for coaching
    again = run("pelatihan", xlsx([header, *rows[:2]]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_disiplin_and_scope(region):
    header = ["NIP", "TINGKAT", "TMT_MULAI", "TMT_SELESAI"]
    data = xlsx(
        [
            header,
            [region["bpp"].nip, "Sedang", "2024-01-01", "2024-12-31"],
            [region["ppu"].nip, "ringan", "2024-01-01", ""],
        ]
    )
    r = run("disiplin", data, actor=region["users"]["balikpapan"])
    assert (r.created, r.rejected) == (1, 1) and r.errors[0].column == "NIP"
    assert DisciplinePenalty.objects.get(employee=region["bpp"]).level == "sedang"
    r = run("disiplin", xlsx([header, [region["bpp"].nip, "berat", "2024-01-01", "2024-12-31"]]))
    assert r.updated == 1 and DisciplinePenalty.objects.get(employee=region["bpp"]).level == "berat"


def test_penghargaan_import_and_bkn_2025_performance(region, settings, tmp_path):
    """Awards and team assignments (Kepka BKN 411/2025): imported with the usual guarantees and, under the
    BKN-2025 rule set, 40% of the performance score."""
    import csv
    from io import StringIO

    from django.core.management import call_command

    from talenta.people.models import Recognition

    nip = region["bpp"].nip
    y = date.today().year
    header = ["NIP", "JENIS", "NAMA", "TANGGAL", "NOMOR_SK"]
    rows = [
        [nip, "Penghargaan", "Satyalancana Karya Satya X Tahun", date(y - 1, 8, 17), "12/TK/2024"],
        [nip, "tim kerja", "Tim Penyusun RPJMD", date(y - 2, 3, 1), "800/45/2023"],
        [nip, "tim kerja", "Tim Lama", date(y - 9, 3, 1), ""],  # outside the five years
        [nip, "piagam", "Salah jenis", date(y - 1, 1, 1), ""],
        ["199001012015031999", "penghargaan", "Orang lain", date(y - 1, 1, 1), ""],
    ]
    r = run("penghargaan", xlsx([header, *rows]))
    assert (r.created, r.rejected) == (3, 2), r.errors
    assert {e.column for e in r.errors} == {"JENIS", "NIP"}
    again = run("penghargaan", xlsx([header, *rows[:3]]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Recognition.objects.get(name="Tim Penyusun RPJMD").kind == "tim_kerja"
    PerformanceRating.objects.create(
        employee=region["bpp"], year=y - 1, hasil_kerja="sesuai", perilaku="sesuai", predikat="Baik", ruleset="t"
    )

    def score(ruleset):
        settings.TALENTA_RULESET = ruleset
        path = tmp_path / f"{ruleset}.csv"
        call_command("export", "analitik", "--org", "64.71", "--year", str(y), "--out", str(path), stdout=StringIO())
        with path.open(encoding="utf-8-sig") as fh:
            return next(row for row in csv.DictReader(fh) if row["NIP"] == nip)["SKOR_KINERJA"]

    assert score("permenpan-2020") == "80.00"  # the predikat's points alone
    assert score("bkn-2025") == "78.00"  # 0.6 x 80 + 0.4 x min(100, 50 + 25)
    out = StringIO()
    call_command("export", "penghargaan", "--org", "64.71", "--out", str(tmp_path / "p.csv"), stdout=out)
    assert "Tim Penyusun RPJMD" in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
