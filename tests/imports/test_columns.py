"""Competency columns match codes as headers do, and no column of a file is dropped without being named."""

import io
import json
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from talenta.analytics.selectors import employee_measures
from talenta.competency.models import Assessment, Competency, PositionStandard
from talenta.imports.models import ImportBatch
from talenta.imports.report import write_error_report
from talenta.learning.params import PlanParams
from talenta.learning.selectors import build_problem
from talenta.org.models import Organisation
from talenta.people.models import Employee, Position
from tests.conftest import NINE, Y
from tests.factories import nip as make_nip
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, run, xlsx

pytestmark = pytest.mark.django_db

DICTIONARY = [
    ["KODE", "NAMA", "JENIS"],
    ["T.KEU.01", "Pengelolaan Keuangan Daerah", "teknis"],
    ["t.prc.01", "Pengadaan Barang dan Jasa", "Teknis"],
]


@pytest.fixture
def technical(region):
    """A dictionary with dotted codes, then a position, an employee, an assessment and a programme that use
    them, each file written as an agency writes it (the codes with their dots in the headers)."""
    r = run("kompetensi", xlsx(DICTIONARY))
    assert (r.created, r.rejected) == (2, 0), r.errors
    assert set(Competency.objects.filter(kind="teknis").values_list("code", flat=True)) == {"T.KEU.01", "T.PRC.01"}
    r = run(
        "jabatan",
        xlsx(
            [
                ["KODE_UNIT", "JABATAN", "JENIS_JABATAN", *NINE, "T.KEU.01", "t.prc.01"],
                ["64.71.02", "Analis Keuangan Ahli Muda", "Ahli Muda", *[3] * 9, 3, 2],
            ]
        ),
    )
    assert (r.created, r.ignored_columns) == (1, []), r.errors
    nip = make_nip(tmt=date(2015, 3, 1))
    row = pegawai_row(nip, "Ratna Keuangan", KODE_UNIT="64.71.02", JABATAN="Analis Keuangan Ahli Muda")
    row[PEGAWAI_HEADER.index("JENIS_JABATAN")] = "Ahli Muda"
    row[PEGAWAI_HEADER.index("GOLONGAN")] = "III/c"
    assert run("pegawai", xlsx([PEGAWAI_HEADER, row])).created == 1
    r = run(
        "asesmen",
        xlsx(
            [["NIP", "TANGGAL", "POTENSI", *NINE, "T KEU 01", "T-PRC-01"], [nip, date(Y - 1, 5, 2), 80, *[3] * 9, 1, 2]]
        ),
    )
    assert (r.created, r.ignored_columns) == (1, []), r.errors
    r = run(
        "katalog",
        xlsx(
            [
                ["KODE", "NAMA", "JP", "BIAYA", "KAPASITAS", "KOMPETENSI"],
                ["BIMTEK-KEU", "Bimtek Pengelolaan Keuangan Daerah", 24, 3_500_000, 30, "t.keu.01+2"],
            ]
        ),
    )
    assert r.created == 1, r.errors
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", Y, 100_000_000]]))
    return nip


def test_technical_levels_reach_the_standard_the_assessment_jpm_profile_and_planner(technical, client, region):
    nip = technical
    emp = Employee.objects.get(nip=nip)
    keu, prc = (Competency.objects.get(code=c) for c in ("T.KEU.01", "T.PRC.01"))
    standard = dict(PositionStandard.objects.filter(position=emp.position).values_list("competency__code", "level"))
    assert (standard["T.KEU.01"], standard["T.PRC.01"]) == (3, 2)
    scores = dict(Assessment.objects.get(employee=emp).scores.values_list("competency_id", "level"))
    assert (scores[keu.id], scores[prc.id]) == (1, 2)
    # JPM over the whole standard: (27 + 1 + 2) / (27 + 3 + 2) = 93.75 (100 if the technical columns were lost)
    out = StringIO()
    path = f"/tmp/analitik-technical-{Y}.csv"
    call_command("export", "analitik", "--org", "64.71", "--year", str(Y), "--out", path, stdout=out)
    import csv

    with open(path, encoding="utf-8-sig") as fh:
        row = next(r for r in csv.DictReader(fh) if r["NIP"] == nip)
    assert row["JPM"] == "93.75"
    measures = employee_measures(emp)
    assert measures.gaps == {"T.KEU.01": 2}
    client.force_login(region["users"]["balikpapan"])
    html = client.get(f"/pegawai/{nip}/").content.decode()
    assert "Pengelolaan Keuangan Daerah" in html
    setup = build_problem(Organisation.objects.get(code="64.71"), PlanParams(year=Y, budget=10_000_000))
    i, j = setup.nip.index(nip), setup.competency_codes.index("T.KEU.01")
    p = setup.programme_code.index("BIMTEK-KEU")
    assert setup.problem.gaps[i, j] == 2 and setup.problem.raises[p, j] == 2


def test_codes_that_would_be_one_column_are_refused(region):
    assert run("kompetensi", xlsx(DICTIONARY)).created == 2
    r = run(
        "kompetensi",
        xlsx(
            [
                ["KODE", "NAMA", "JENIS"],
                ["T_KEU_01", "Keuangan (ganda)", "teknis"],
                ["T.ARS.01", "Kearsipan", "teknis"],
                ["T-ARS-01", "Kearsipan (ganda)", "teknis"],
                ["T.SDM.01", "Manajemen SDM", "teknis"],
            ]
        ),
    )
    assert (r.created, r.rejected) == (1, 3)
    messages = {e.row: e.message for e in r.errors}
    assert "T_KEU_01" in messages[2] and "T.KEU.01" in messages[2]
    assert "T.ARS.01" in messages[3] and "T-ARS-01" in messages[3]
    assert "T.ARS.01" in messages[4] and "T-ARS-01" in messages[4]
    assert not Competency.objects.filter(code__in=["T_KEU_01", "T.ARS.01", "T-ARS-01"]).exists()


def test_ignored_columns_are_named_in_json_and_strict_refuses_them(region, tmp_path):
    header = [*PEGAWAI_HEADER, "Catatan Pegawai", "NIP"]  # an unknown column and a second NIP column
    rows = [pegawai_row(make_nip(), "Dewi Lestari") + ["pindahan", "x"]]
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(xlsx([header, *rows]))
    out = StringIO()
    call_command("import", "pegawai", str(path), "--json", "--dry-run", stdout=out)
    body = json.loads(out.getvalue())
    assert body["ignored_columns"] == ["Catatan Pegawai", "NIP"] and body["rejected"] == 0 and body["created"] == 1
    before = Employee.objects.count()
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "pegawai", str(path), "--json", "--strict", stdout=out)
    assert exit_.value.code == 2
    body = json.loads(out.getvalue())
    assert body["status"] == "unusable" and "Catatan Pegawai" in body["message"]
    assert Employee.objects.count() == before
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(xlsx([PEGAWAI_HEADER, pegawai_row(make_nip(), "Rina")]))
    out = StringIO()
    call_command("import", "pegawai", str(plain), "--json", "--strict", stdout=out)
    assert json.loads(out.getvalue())["ignored_columns"] == [] and Employee.objects.count() == before + 1


def test_unknown_competency_column_advises_the_dictionary(region):
    r = run(
        "jabatan",
        xlsx(
            [
                ["KODE_UNIT", "JABATAN", "JENIS_JABATAN", "INTEGRITAS", "T.XYZ.09"],
                ["64.71.02", "Analis", "Ahli Muda", 3, 2],
            ]
        ),
    )
    assert r.created == 1 and r.ignored_columns == ["T.XYZ.09"]
    assert any("kompetensi" in note for note in r.notes)
    pos = Position.objects.get(name="Analis")
    assert list(PositionStandard.objects.filter(position=pos).values_list("competency__code", flat=True)) == [
        "INTEGRITAS"
    ]


def test_a_column_without_header_but_with_data_is_named(region):
    header = [*PEGAWAI_HEADER, None]
    r = run("pegawai", xlsx([header, pegawai_row(make_nip(), "Tono") + ["catatan tanpa judul"]]), dry_run=True)
    assert len(r.ignored_columns) == 1 and "O" in r.ignored_columns[0]


def test_report_lists_ignored_columns_on_its_first_sheet(region, tmp_path):
    header = [*PEGAWAI_HEADER, "KETERANGAN"]
    r = run("pegawai", xlsx([header, pegawai_row("123", "Salah") + ["-"]]))
    path = tmp_path / "report.xlsx"
    write_error_report(r, str(path))
    first = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    cells = [str(c) for row in first for c in row]
    assert "KETERANGAN" in cells
    assert any(row and str(row[0]).startswith("2") for row in first)  # the rejected row is still listed


def test_web_check_shows_ignored_columns_and_strict_box(client, region, django_capture_on_commit_callbacks):
    client.force_login(region["users"]["balikpapan"])
    data = xlsx([[*PEGAWAI_HEADER, "KETERANGAN"], pegawai_row(make_nip(), "Wati") + ["-"]])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/impor/pegawai/", {"file": SimpleUploadedFile("p.xlsx", data)})
    batch = ImportBatch.objects.get()
    assert batch.status == "previewed" and batch.ignored_columns == ["KETERANGAN"]
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "Kolom tidak dikenali, tidak diimpor: KETERANGAN" in page
    assert page.index("Kolom tidak dikenali") < page.index("grid counts")  # above the preview
    report = client.get(f"/impor/batch/{batch.pk}/laporan.xlsx")
    first = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(report.streaming_content))).get_sheet_by_index(0)
    assert "KETERANGAN" in [str(c) for row in first.to_python() for c in row]
    assert 'name="strict"' in client.get("/impor/pegawai/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/impor/pegawai/", {"file": SimpleUploadedFile("p.xlsx", data), "strict": "on"})
    strict = ImportBatch.objects.order_by("-pk").first()
    assert strict.status == "unusable" and "KETERANGAN" in strict.message
