"""SIASN's "Export Data ASN" as it comes: read by its header, every row's kind, status, golongan and unit
derived from SIASN's own columns, the personal columns never stored, csv as SIASN writes it, round trip."""

import csv
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from talenta.imports.models import ImportBatch
from talenta.org.models import Organisation, OrgKind
from talenta.people.models import Employee, StructuralTitleRule
from talenta.people.siasn import SIASN_COLUMNS
from tests.factories import nip as make_nip
from tests.factories import org
from tests.imports.helpers import run
from tests.imports.siasn import person, siasn_csv, siasn_xlsx

pytestmark = pytest.mark.django_db
BKPSDM = "Bidang Pengembangan Kompetensi - Badan Kepegawaian dan Pengembangan SDM"
PUSKESMAS = "UPT Puskesmas Kota - Dinas Kesehatan"


@pytest.fixture
def units(region):
    org("64.71.02.01", "UPT Puskesmas Kota", "64.71.02", OrgKind.UNIT)
    return region


def people():
    """(row, expected kind, status, golongan, unit code, kedudukan) for every kind of row of a real export."""
    pppk = lambda **kw: make_nip(birth=date(1992, 4, 4), tmt=date(2023, 1, 1), pppk_round=1, **kw)  # noqa: E731
    rows = [
        (
            person(
                make_nip(birth=date(1975, 1, 9)),
                "Hendra Wijaya",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Struktural",
                    "JABATAN NAMA": "Sekretaris",
                    "UNOR NAMA": "Dinas Kesehatan",
                    "GOL AKHIR NAMA": "IV/a",
                },
            ),  # fmt: skip
            "ADMINISTRATOR",
            "PNS",
            "IV/a",
            "64.71.02",
            "aktif",
        ),
        (
            person(
                make_nip(birth=date(1980, 3, 3), gender="P"),
                "Rina Marlina",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Struktural",
                    "JABATAN NAMA": "Kepala Seksi Pelayanan Kesehatan",
                    "UNOR NAMA": "Dinas Kesehatan Kota Balikpapan",
                    "GOL AKHIR NAMA": "III/d",
                },
            ),  # fmt: skip
            "PENGAWAS",
            "PNS",
            "III/d",
            "64.71.02",
            "aktif",
        ),
        (
            person(
                make_nip(birth=date(1986, 6, 1)),
                "Agus Salim",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Fungsional",
                    "JABATAN NAMA": "Analis Kebijakan Ahli Muda",
                    "UNOR NAMA": BKPSDM,
                    "GOL AKHIR NAMA": "III/c",
                },
            ),  # fmt: skip
            "AHLI_MUDA",
            "PNS",
            "III/c",
            "64.71.01.01",
            "aktif",
        ),
        (
            person(
                make_nip(birth=date(1984, 8, 8), gender="P"),
                "Sri Wahyuni",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Fungsional",
                    "JABATAN NAMA": "Perawat Penyelia",
                    "UNOR NAMA": PUSKESMAS,
                    "GOL AKHIR NAMA": "III/c",
                    "TINGKAT PENDIDIKAN NAMA": "Diploma III/Sarjana Muda",
                },
            ),  # fmt: skip
            "PENYELIA",
            "PNS",
            "III/c",
            "64.71.02.01",
            "aktif",
        ),
        (
            person(
                make_nip(birth=date(1990, 2, 2)),
                "Budi Hartono",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Pelaksana",
                    "JABATAN NAMA": "PENGADMINISTRASI PERKANTORAN",
                    "UNOR NAMA": BKPSDM,
                    "GOL AKHIR NAMA": "II/c",
                    "TINGKAT PENDIDIKAN NAMA": "SLTA Kejuruan",
                    "TMT JABATAN": date(2021, 1, 4),
                },
            ),  # fmt: skip
            "PELAKSANA",
            "PNS",
            "II/c",
            "64.71.01.01",
            "aktif",
        ),
        (
            person(
                pppk(gender="P"),
                "Dewi Anggraini",
                **{
                    "KEDUDUKAN HUKUM NAMA": "PPPK Aktif",
                    "JENIS JABATAN NAMA": "Jabatan Fungsional",
                    "JABATAN NAMA": "AHLI PERTAMA - ANALIS KEBIJAKAN",
                    "UNOR NAMA": BKPSDM,
                    "GOL AKHIR NAMA": "IX",
                },
            ),  # fmt: skip
            "AHLI_PERTAMA",
            "PPPK",
            "IX",
            "64.71.01.01",
            "aktif",
        ),
        (
            person(
                pppk(),
                "Yoga Pratama",
                **{
                    "KEDUDUKAN HUKUM NAMA": "PPPK Aktif",
                    "JENIS JABATAN NAMA": "Jabatan Fungsional",
                    "JABATAN NAMA": "TERAMPIL - PERAWAT",
                    "UNOR NAMA": PUSKESMAS,
                    "GOL AKHIR NAMA": "VII",
                    "TINGKAT PENDIDIKAN NAMA": "Diploma III/Sarjana Muda",
                },
            ),  # fmt: skip
            "TERAMPIL",
            "PPPK",
            "VII",
            "64.71.02.01",
            "aktif",
        ),
        (
            person(
                pppk(gender="P"),
                "Lestari Paruh Waktu",
                **{
                    "KEDUDUKAN HUKUM NAMA": "PPPK Paruh Waktu Aktif",
                    "JENIS JABATAN NAMA": "Jabatan Pelaksana",
                    "JABATAN NAMA": "OPERATOR LAYANAN OPERASIONAL",
                    "UNOR NAMA": "Dinas Kesehatan",
                    "GOL AKHIR NAMA": "",
                    "TINGKAT PENDIDIKAN NAMA": "SLTA",
                },
            ),  # fmt: skip
            "PELAKSANA",
            "PPPK",
            "",
            "64.71.02",
            "paruh_waktu",
        ),
        (
            person(
                make_nip(birth=date(1988, 5, 5)),
                "Fajar Cuti",
                **{
                    "KEDUDUKAN HUKUM NAMA": "CLTN",
                    "JENIS JABATAN NAMA": "Jabatan Fungsional",
                    "JABATAN NAMA": "Analis Kebijakan Ahli Pertama",
                    "UNOR NAMA": BKPSDM,
                    "GOL AKHIR NAMA": "III/a",
                },
            ),  # fmt: skip
            "AHLI_PERTAMA",
            "PNS",
            "III/a",
            "64.71.01.01",
            "cltn",
        ),
        (
            person(
                make_nip(birth=date(1998, 7, 7), tmt=date(2024, 6, 1), gender="P"),
                "Citra Baru",
                **{
                    "STATUS CPNS PNS": "C",
                    "JENIS JABATAN NAMA": "Jabatan Pelaksana",
                    "JABATAN NAMA": "PENATA LAYANAN OPERASIONAL",
                    "UNOR NAMA": BKPSDM,
                    "GOL AKHIR NAMA": "III/a",
                    "TINGKAT PENDIDIKAN NAMA": "S-1/Sarjana",
                },
            ),  # fmt: skip
            "PELAKSANA",
            "CPNS",
            "III/a",
            "64.71.01.01",
            "aktif",
        ),
    ]
    bad = [
        (
            person(
                make_nip(birth=date(1983, 9, 9)),
                "Salah Tanggal",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Pelaksana",
                    "JABATAN NAMA": "PENGELOLA KEUANGAN",
                    "UNOR NAMA": BKPSDM,
                    "TMT JABATAN": "12-05-1019",
                },
            ),  # fmt: skip
            "TMT_JABATAN",
            "1019",
        ),
        (
            person(
                make_nip(birth=date(1970, 10, 10)),
                "Kepala Pusat",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Struktural",
                    "JABATAN NAMA": "Kepala Pusat Data Terpadu",
                    "UNOR NAMA": "Dinas Kesehatan",
                    "GOL AKHIR NAMA": "IV/b",
                },
            ),  # fmt: skip
            "JENIS_JABATAN",
            "Kepala Pusat Data Terpadu",
        ),
        (
            person(
                make_nip(birth=date(1987, 11, 11)),
                "Unit Baru",
                **{
                    "JENIS JABATAN NAMA": "Jabatan Fungsional",
                    "JABATAN NAMA": "Pranata Laboratorium Kesehatan Mahir",
                    "UNOR NAMA": "UPT Laboratorium Kesehatan Daerah - Dinas Kesehatan",
                },
            ),  # fmt: skip
            "NAMA_UNIT",
            "UPT Laboratorium Kesehatan Daerah",
        ),
    ]
    return rows, bad


def check_rows(rows):
    for row, kind, status, golongan, unit, kedudukan in rows:
        e = Employee.objects.select_related("position", "organisation").get(nip=row["NIP BARU"].lstrip("'"))
        assert (e.position.job_kind, e.status, e.golongan, e.organisation.code, e.kedudukan) == (
            kind,
            status,
            golongan,
            unit,
            kedudukan,
        ), row["NAMA"]
        assert e.nip_lama == row["NIP LAMA"].lstrip("'") and e.pns_id == row["PNS ID"]
        assert e.kartu_asn == row["KARTU ASN VIRTUAL"]


def no_personal_data(rows):
    """Nothing of NIK, phone, e-mail, address, NPWP, religion or marriage reaches the database."""
    stored = json.dumps(list(Employee.objects.values()), default=str) + json.dumps(
        list(ImportBatch.objects.values("errors", "message")), default=str
    )
    for row, *_ in rows:
        for col in ("NIK", "NOMOR HP", "EMAIL", "NPWP NOMOR"):
            assert str(row[col]).lstrip("'") not in stored, col
    assert "Jl. Jenderal Sudirman" not in stored and "Menikah" not in stored


def test_a_siasn_export_imports_as_it_comes(units):
    rows, bad = people()
    r = run("pegawai", siasn_xlsx([row for row, *_ in rows] + [row for row, *_ in bad]), "pns_6471.xlsx")
    assert (r.created, r.rejected) == (len(rows), len(bad)), [e.as_dict() for e in r.errors]
    assert r.ignored_columns == [] and r.layout == "siasn" and r.as_json()["layout"] == "siasn"
    assert {"NIK", "NOMOR HP", "EMAIL", "ALAMAT", "NPWP NOMOR", "BPJS", "AGAMA NAMA", "JENIS KAWIN NAMA"} <= set(
        r.unused_columns
    )
    assert any("SIASN" in note for note in r.notes)
    errors = {e.row: e for e in r.errors}
    for k, (_row, column, text) in enumerate(bad):
        e = errors[len(rows) + 2 + k]
        assert e.column == column and text in e.message, e.as_dict()
    assert "--create-units" in errors[len(rows) + 4].message
    check_rows(rows)
    assert Employee.objects.get(name="Budi Hartono").position.name == "Pengadministrasi Perkantoran"
    assert Employee.objects.get(name="Dewi Anggraini").position.name == "Analis Kebijakan Ahli Pertama"
    assert Employee.objects.get(name="Yoga Pratama").position.name == "Perawat Terampil"
    no_personal_data(rows)
    again = run("pegawai", siasn_xlsx([row for row, *_ in rows]), "pns_6471.xlsx")
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, len(rows), 0)


def test_eselon_places_a_structural_title_no_pattern_knows(units):
    row = person(make_nip(birth=date(1970, 10, 10)), "Kepala Pusat", **{
        "JENIS JABATAN NAMA": "Jabatan Struktural", "JABATAN NAMA": "Kepala Pusat Data Terpadu",
        "UNOR NAMA": "Dinas Kesehatan", "GOL AKHIR NAMA": "IV/b", "ESELON NAMA": "II.b",
    })  # fmt: skip
    r = run("pegawai", siasn_xlsx([row], eselon=True), "pns_6471.xlsx")
    assert r.created == 1, r.errors
    assert Employee.objects.get(name="Kepala Pusat").position.job_kind == "JPT_PRATAMA"


def test_the_national_admin_adds_a_title_rule(units, client):
    row = person(make_nip(birth=date(1970, 10, 10)), "Kepala Pusat", **{
        "JENIS JABATAN NAMA": "Jabatan Struktural", "JABATAN NAMA": "Kepala Pusat Data Terpadu",
        "UNOR NAMA": "Dinas Kesehatan", "GOL AKHIR NAMA": "IV/b",
    })  # fmt: skip
    assert run("pegawai", siasn_xlsx([row]), "pns_6471.xlsx").rejected == 1
    client.force_login(units["users"]["balikpapan"])
    assert client.get("/pengaturan/jabatan-struktural/").status_code == 404
    client.force_login(units["users"]["nasional"])
    page = client.get("/pengaturan/jabatan-struktural/")
    assert page.status_code == 200 and "SEKRETARIS DAERAH" in page.content.decode()
    client.post("/pengaturan/jabatan-struktural/", {"pattern": "^KEPALA PUSAT\\b", "job_kind": "ADMINISTRATOR"})
    assert StructuralTitleRule.objects.get().job_kind == "ADMINISTRATOR"
    bad = client.post("/pengaturan/jabatan-struktural/", {"pattern": "([", "job_kind": "ADMINISTRATOR"})
    assert bad.status_code == 200 and StructuralTitleRule.objects.count() == 1
    r = run("pegawai", siasn_xlsx([row]), "pns_6471.xlsx")
    assert r.created == 1 and Employee.objects.get(name="Kepala Pusat").position.job_kind == "ADMINISTRATOR"


def test_create_units_makes_the_missing_units_under_their_opd(units, tmp_path):
    _rows, bad = people()
    row = bad[2][0]
    path = tmp_path / "pns_6471.xlsx"
    path.write_bytes(siasn_xlsx([row]))
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("import", "pegawai", str(path), "--json", "--user", "opd", "--create-units", stdout=out)
    assert json.loads(out.getvalue())["status"] == "unusable"  # an OPD officer does not create units
    out = StringIO()
    call_command(
        "import", "pegawai", str(path), "--json", "--user", "balikpapan", "--create-units", "--dry-run", stdout=out
    )
    body = json.loads(out.getvalue())
    assert body["created"] == 1 and body["created_units"][0]["name"] == "UPT Laboratorium Kesehatan Daerah"
    assert not Organisation.objects.filter(name="UPT Laboratorium Kesehatan Daerah").exists()  # a dry run
    out = StringIO()
    call_command("import", "pegawai", str(path), "--json", "--user", "balikpapan", "--create-units", stdout=out)
    body = json.loads(out.getvalue())
    unit = Organisation.objects.get(name="UPT Laboratorium Kesehatan Daerah")
    assert body["created_units"] == [{"code": unit.code, "name": unit.name, "opd": "64.71.02"}]
    assert unit.code == "64.71.02.02" and unit.parent.code == "64.71.02" and unit.kind == "unit"
    assert Employee.objects.get(name="Unit Baru").organisation == unit


@pytest.mark.parametrize("sep", [";", ","])
def test_the_raw_csv_with_dd_mm_yyyy_dates(units, sep):
    rows, bad = people()
    data = siasn_csv([row for row, *_ in rows] + [bad[0][0]], sep=sep)
    r = run("pegawai", data, "pns_6471.csv")
    assert (r.created, r.rejected) == (len(rows), 1), [e.as_dict() for e in r.errors]
    assert r.errors[0].column == "TMT_JABATAN"
    check_rows(rows)
    assert Employee.objects.get(name="Budi Hartono").tmt_jabatan == date(2021, 1, 4)
    no_personal_data(rows)


def test_kedudukan_is_shown_and_keeps_cltn_out_of_plans(units, client):
    from talenta.learning.params import PlanParams
    from talenta.learning.selectors import build_problem

    rows, _bad = people()
    run("pegawai", siasn_xlsx([row for row, *_ in rows]), "pns_6471.xlsx")
    setup = build_problem(Organisation.objects.get(code="64.71"), PlanParams(year=date.today().year, budget=10_000_000))
    cltn = Employee.objects.get(name="Fajar Cuti")
    assert cltn.nip not in setup.nip and Employee.objects.get(name="Agus Salim").nip in setup.nip
    client.force_login(units["users"]["balikpapan"])
    assert "CLTN" in client.get(f"/pegawai/{cltn.nip}/").content.decode()


def test_export_in_the_siasn_layout_imports_back_unchanged(units, tmp_path):
    rows, _bad = people()
    run("pegawai", siasn_xlsx([row for row, *_ in rows]), "pns_6471.xlsx")
    for fmt in ("xlsx", "csv"):
        path = tmp_path / f"siasn.{fmt}"
        call_command("export", "pegawai", "--org", "64.71", "--layout", "siasn", "--out", str(path), stdout=StringIO())
        if fmt == "csv":
            with path.open(encoding="utf-8-sig") as fh:
                header = next(csv.reader(fh))
            assert header[: len(SIASN_COLUMNS)] == list(SIASN_COLUMNS)
        again = run("pegawai", path.read_bytes(), path.name)
        assert (again.created, again.updated, again.rejected) == (0, 0, 0), [e.as_dict() for e in again.errors]
        assert again.unchanged == Employee.objects.filter(org_path__startswith="/ID/64/64.71/").count()


def test_learning_records_with_siasn_field_names(units):
    from talenta.learning.models import LearningRecord

    nip = units["bpp"].nip
    header = ["nipBaru", "namaKursus", "jumlahJam", "tanggalKursus", "tanggalSelesaiKursus", "institusiPenyelenggara",
              "noSertipikat", "jenisDiklat"]  # fmt: skip
    rows = [
        [nip, "Diklatpim Tingkat IV Angkatan II", 285, "03-02-2020", "30-05-2020", "BPSDM Kaltim", "STTPP/1",
         "Diklat Struktural"],
        [nip, "Pengelolaan Arsip Dinamis", 24, "10-03-2025", "12-03-2025", "ANRI", "", "Bimbingan Teknis"],
        [nip, "SPBE untuk ASN", 8, "01-04-2025", "", "LAN", "", "E-Learning"],
        [nip, "Seminar Nasional Merit", 6, "05-05-2025", "", "BKN", "", "Seminar"],
        [nip, "Diklat Fungsional Analis", 60, "06-06-2024", "", "LAN", "", "Diklat Fungsional"],
        [nip, "Diklat Struktural Entah", 40, "07-07-2019", "", "X", "", "Diklat Struktural"],  # no level named
    ]  # fmt: skip
    from tests.imports.helpers import xlsx

    r = run("pelatihan", xlsx([header, *rows]))
    assert (r.created, r.rejected) == (5, 1), [e.as_dict() for e in r.errors]
    assert r.errors[0].column == "JENIS" and r.ignored_columns == []
    got = {x.title: (x.type, x.form, float(x.jp)) for x in LearningRecord.objects.filter(employee=units["bpp"])}
    assert got["Diklatpim Tingkat IV Angkatan II"][:2] == ("PKP", "pelatihan klasikal")
    assert got["Pengelolaan Arsip Dinamis"][0] == "bimtek" and got["SPBE untuk ASN"][:2] == ("teknis", "e-learning")
    assert got["Seminar Nasional Merit"][0] == "seminar" and got["Diklat Fungsional Analis"][0] == "fungsional"
    record = LearningRecord.objects.get(title="Diklatpim Tingkat IV Angkatan II")
    assert (record.provider, record.certificate_no, record.end) == ("BPSDM Kaltim", "STTPP/1", date(2020, 5, 30))


def test_column_wise_cleaning_of_a_siasn_export_equals_row_by_row(units):
    """The fast path derives job kinds, statuses, kedudukan and units column by column: it must give exactly
    what clean() gives row by row, errors included."""
    from talenta.imports.base import locate_header, records_from
    from talenta.imports.readers import read_table
    from talenta.imports.services import import_context
    from talenta.people.imports.pegawai import PegawaiKind

    rows, bad = people()
    extra = person(make_nip(birth=date(1981, 1, 1)), "Tanpa Grade", **{
        "JENIS JABATAN NAMA": "Jabatan Fungsional", "JABATAN NAMA": "Analis Kebijakan", "UNOR NAMA": BKPSDM,
    })  # fmt: skip
    odd = person(make_nip(birth=date(1982, 2, 2)), "Kedudukan Aneh", **{"KEDUDUKAN HUKUM NAMA": "Meninggal"})
    data = siasn_xlsx([row for row, *_ in rows] + [row for row, *_ in bad] + [extra, odd])
    actor = units["users"]["balikpapan"]

    def cleaned(fast: bool):
        sheet = read_table(data, "pns.xlsx")
        header, cols = locate_header(sheet, PegawaiKind, set())
        records = records_from(sheet, header, cols)
        kind = PegawaiKind(import_context(actor), present=frozenset(cols.values()))
        kind.prepare(records)
        out = kind.clean_many(records) if fast else [kind.clean(r) for r in records]
        errors = [[(e.column, e.value, e.message) for e in r.errors] for r in records]
        return [None if o is None else (o.key, o.values, o.position_key, o.job_kind) for o in out], errors

    fast_rows, fast_errors = cleaned(True)
    slow_rows, slow_errors = cleaned(False)
    assert fast_rows == slow_rows and fast_errors == slow_errors
    assert sum(r is not None for r in fast_rows) == len(rows) and sum(bool(e) for e in fast_errors) == len(bad) + 2
