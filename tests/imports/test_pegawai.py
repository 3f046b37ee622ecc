"""The pegawai import: every rule of the issue, on real xlsx/csv files made here."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from python_calamine import CalamineWorkbook

from talenta.imports import services
from talenta.imports.models import ImportBatch
from talenta.people.models import Employee, Position
from tests.factories import nip as make_nip
from tests.imports.helpers import PEGAWAI_HEADER, csv_bytes, pegawai_row, run, xlsx

pytestmark = pytest.mark.django_db


def good_rows(n=3):
    return [pegawai_row(make_nip(gender="L"), f"Pegawai {i}") for i in range(n)]


def test_valid_file_creates_employees_and_positions(region):
    rows = good_rows(3)
    r = run("pegawai", xlsx([PEGAWAI_HEADER, *rows]))
    assert (r.rows, r.created, r.updated, r.unchanged, r.rejected, r.exit_code) == (3, 3, 0, 0, 0, 0)
    e = Employee.objects.get(nip=rows[0][0])
    assert (e.organisation.code, e.position.name, e.position.job_kind, e.golongan) == (
        "64.71.01.01",
        "Pengelola Keuangan",
        "PELAKSANA",
        "III/a",
    )
    assert e.position.standard.count() == 9  # default SKJ for a new position
    batch = ImportBatch.objects.get(pk=r.batch_id)
    assert (batch.kind, batch.created, batch.status, len(batch.sha256)) == ("pegawai", 3, "completed", 64)


def test_reimport_is_idempotent_and_changes_are_updates(region):
    rows = good_rows(2)
    run("pegawai", xlsx([PEGAWAI_HEADER, *rows]))
    again = run("pegawai", xlsx([PEGAWAI_HEADER, *rows]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    rows[1][PEGAWAI_HEADER.index("GOLONGAN")] = "III/b"
    changed = run("pegawai", xlsx([PEGAWAI_HEADER, *rows]))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert Employee.objects.get(nip=rows[1][0]).golongan == "III/b"


def bad_file(region):
    """One good row and one row per kind of mistake, with the column each must be blamed on."""
    today = date.today()
    ppu_nip = region["ppu"].nip
    good = pegawai_row(make_nip(), "Baik Sekali")
    cases = [
        (pegawai_row("19900215201503100", "NIP pendek"), "NIP"),
        (pegawai_row("199002302015031002", "Tanggal NIP salah"), "NIP"),
        (pegawai_row(make_nip(), "Unit asing", KODE_UNIT="99.99.99"), "KODE_UNIT"),
        (pegawai_row(make_nip(), "Golongan asing", GOLONGAN="V/z"), "GOLONGAN"),
        (pegawai_row(make_nip(), "TMT besok", TMT_JABATAN=(today + timedelta(days=2)).isoformat()), "TMT_JABATAN"),
        (pegawai_row(make_nip(birth=date(1991, 5, 5)), "Lahir beda", TANGGAL_LAHIR="1991-05-06"), "TANGGAL_LAHIR"),
        (pegawai_row(make_nip(gender="L"), "Kelamin beda", JENIS_KELAMIN="P"), "JENIS_KELAMIN"),
        (
            pegawai_row(
                make_nip(),
                "",
            ),
            "NAMA",
        ),
        (pegawai_row(ppu_nip, "Orang PPU"), "NIP"),  # exists, outside Balikpapan's scope
        (pegawai_row(make_nip(), "Status salah", STATUS="PPPK"), "STATUS"),
    ]
    return good, cases


def test_every_bad_row_is_rejected_with_its_column_and_good_rows_are_written(region):
    good, cases = bad_file(region)
    before = Employee.objects.count()
    r = run("pegawai", xlsx([PEGAWAI_HEADER, good, *[c[0] for c in cases]]), actor=region["users"]["balikpapan"])
    assert r.created == 1 and r.rejected == len(cases) and r.exit_code == 1
    assert Employee.objects.count() == before + 1
    blamed: dict[int, set[str]] = {}
    for e in r.errors:
        blamed.setdefault(e.row, set()).add(e.column)
    for i, (_row, column) in enumerate(cases):
        assert column in blamed[i + 3], (i, r.errors)  # header is sheet row 1, the good row is row 2
    assert all(e.message for e in r.errors)


def test_atomic_writes_nothing_and_dry_run_writes_nothing(region):
    good, cases = bad_file(region)
    data = xlsx([PEGAWAI_HEADER, good, cases[0][0]])
    before = Employee.objects.count(), ImportBatch.objects.count()
    r = run("pegawai", data, atomic=True)
    assert (r.created, r.rejected, r.status, r.exit_code) == (0, 1, "rejected", 1)
    assert Employee.objects.count() == before[0]
    d = run("pegawai", xlsx([PEGAWAI_HEADER, good]), dry_run=True)
    assert (d.created, d.rejected) == (1, 0)
    assert (Employee.objects.count(), ImportBatch.objects.count()) == (before[0], before[1] + 1)


def test_nip_as_an_excel_number_is_rejected_with_advice(region):
    row = pegawai_row(199002152015031002)
    r = run("pegawai", xlsx([PEGAWAI_HEADER, row]))
    assert r.rejected == 1 and r.errors[0].column == "NIP" and "teks" in r.errors[0].message


def test_duplicate_nip_names_both_rows(region):
    n = make_nip()
    r = run("pegawai", xlsx([PEGAWAI_HEADER, pegawai_row(n, "A"), good_rows(1)[0], pegawai_row(n, "B")]))
    assert r.created == 1 and r.rejected == 2
    messages = {e.row: e.message for e in r.errors}
    assert "4" in messages[2] and "2" in messages[4]


def test_header_below_a_title_siasn_aliases_semicolon_csv_and_dates(region):
    n = make_nip(birth=date(1988, 7, 9), gender="P")
    header = [
        "NIP BARU",
        "NAMA",
        "TGL LAHIR",
        "JENIS KELAMIN",
        "STATUS",
        "GOL AKHIR",
        "TINGKAT PENDIDIKAN NAMA",
        "UNOR NAMA",
        "JABATAN NAMA",
        "JENIS JABATAN",
        "TMT JABATAN",
    ]
    rows = [
        ["Daftar Pegawai Kota Balikpapan"],
        [],
        header,
        [
            n,
            "Dewi Lestari",
            "09-07-1988",
            "Perempuan",
            "PNS",
            "iii/c",
            "S-1/Sarjana",
            "Bidang Pengembangan Kompetensi",
            "Analis SDM Aparatur Ahli Muda",
            "Fungsional Ahli Muda",
            "02/01/2023",
        ],
        [],
        ["", "", ""],
    ]
    r = run("pegawai", csv_bytes(rows, sep=";", bom=True), name="siasn.csv")
    assert (r.created, r.rejected, r.header_row) == (1, 0, 3), r.errors
    e = Employee.objects.get(nip=n)
    assert (e.golongan, e.education, e.gender, e.tmt_jabatan, e.position.job_kind) == (
        "III/c",
        "S1",
        "P",
        date(2023, 1, 2),
        "AHLI_MUDA",
    )


@pytest.mark.parametrize(
    "rows, needle",
    [
        ([["NIP", "NAMA"], ["199002152015031002", "X"]], "STATUS"),  # required columns missing
        (
            [["NIP", "TAHUN", "HASIL_KERJA", "PERILAKU_KERJA"], ["1", "2025", "sesuai", "sesuai"]],
            "NAMA",
        ),  # a kinerja file
        ([["TOTALLY", "DIFFERENT"], ["1", "2"]], "pegawai"),  # no header at all
        ([PEGAWAI_HEADER], "no data rows"),
    ],
)
def test_unusable_files_exit_2_and_write_nothing(region, rows, needle):
    before = Employee.objects.count()
    with __import__("django").utils.translation.override("en"):
        r = run("pegawai", xlsx(rows))
    assert (r.status, r.exit_code) == ("unusable", 2)
    assert needle in r.message
    assert Employee.objects.count() == before


def test_user_cannot_import_into_another_scope(region):
    row = pegawai_row(make_nip(), "Masuk PPU", KODE_UNIT="64.09.01")
    r = run("pegawai", xlsx([PEGAWAI_HEADER, row]), actor=region["users"]["opd"])
    assert r.rejected == 1 and r.errors[0].column == "KODE_UNIT"
    assert run("pegawai", xlsx([PEGAWAI_HEADER, row]), actor=region["users"]["ppu"]).created == 1


def test_position_job_kind_conflict_is_a_row_error(region):
    rows = [
        pegawai_row(make_nip(), "A", JABATAN="Analis", JENIS_JABATAN="Ahli Muda"),
        pegawai_row(make_nip(), "B", JABATAN="Analis", JENIS_JABATAN="Ahli Madya"),
    ]
    r = run("pegawai", xlsx([PEGAWAI_HEADER, *rows]))
    assert r.created == 1 and r.errors[0].column == "JENIS_JABATAN"
    assert Position.objects.filter(name="Analis").count() == 1


def test_cli_json_exit_codes_and_report(region, tmp_path):
    good, cases = bad_file(region)
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(xlsx([PEGAWAI_HEADER, good, cases[0][0], cases[3][0]]))
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "pegawai", str(path), "--json", "--report", str(tmp_path / "err.xlsx"), stdout=out)
    assert exit_.value.code == 1
    body = json.loads(out.getvalue())
    assert {k: body[k] for k in ("kind", "rows", "created", "updated", "unchanged", "rejected")} == {
        "kind": "pegawai",
        "rows": 3,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 2,
    }
    assert [set(e) for e in body["errors"]] == [{"row", "column", "value", "message"}] * 2
    report = CalamineWorkbook.from_path(str(tmp_path / "err.xlsx")).get_sheet_by_index(0).to_python()
    assert [int(r[0]) for r in report[1:]] == [3, 4]
    out = StringIO()
    (tmp_path / "ok.xlsx").write_bytes(xlsx([PEGAWAI_HEADER, *good_rows(1)]))
    call_command("import", "pegawai", str(tmp_path / "ok.xlsx"), "--json", stdout=out)  # exit 0: no SystemExit
    assert json.loads(out.getvalue())["created"] == 1
    (tmp_path / "bad.xlsx").write_bytes(b"garbage")
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "pegawai", str(tmp_path / "bad.xlsx"), "--json", stdout=StringIO())
    assert exit_.value.code == 2


def test_messages_in_english_on_request(region, tmp_path):
    path = tmp_path / "p.xlsx"
    path.write_bytes(xlsx([PEGAWAI_HEADER, pegawai_row("123")]))
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("import", "pegawai", str(path), "--json", "--lang", "en", stdout=out)
    assert json.loads(out.getvalue())["errors"][0]["message"] == "NIP must be exactly 18 digits."


def test_column_wise_cleaning_equals_row_by_row(region):
    """PegawaiKind.clean_many (the fast path for big files) gives exactly what clean() gives row by row:
    the same rows and values, the same errors on the same columns, the same positions registered."""
    from datetime import datetime

    from talenta.imports.base import locate_header, records_from
    from talenta.imports.readers import read_table
    from talenta.imports.services import import_context
    from talenta.people.imports.pegawai import PegawaiKind

    today = date.today()
    born = date(1988, 7, 9)
    variants = [
        {},
        {"NIP": 198807092012031004},  # an Excel number
        {"NIP": "1988 0709 2012 03 1 005"},
        {"NIP": "'198807092012031006"},
        {"NIP": "19880709201203100"},
        {"NIP": "١٩٨٨٠٧٠٩٢٠١٢٠٣١٠٠٧"},
        {"NIP": make_nip(birth=born, tmt=date(2021, 1, 1), pppk_round=2), "STATUS": "PNS"},
        {"NIP": make_nip(birth=born, tmt=date(2021, 1, 1), pppk_round=2), "STATUS": "PPPK", "GOLONGAN": "ix"},
        {"STATUS": "p"},
        {"STATUS": "c"},
        {"STATUS": "honorer"},
        {"STATUS": True},
        {"GOLONGAN": "iii / b"},
        {"GOLONGAN": "V/z"},
        {"PENDIDIKAN": "S-1"},
        {"PENDIDIKAN": "Sarjana"},
        {"PENDIDIKAN": "kursus"},
        {"JENIS_JABATAN": "Fungsional Ahli Muda", "JABATAN": "Analis Muda"},
        {"JENIS_JABATAN": "Ahli Madya", "JABATAN": "Analis Muda"},  # conflicts with the row above
        {"JENIS_JABATAN": "tukang"},
        {"JENIS_KELAMIN": "laki-laki"},
        {"JENIS_KELAMIN": "P"},  # the NIP says male
        {"JENIS_KELAMIN": "X"},
        {"TANGGAL_LAHIR": born.isoformat()},
        {"TANGGAL_LAHIR": datetime(1988, 7, 9)},
        {"TANGGAL_LAHIR": "09-07-1988"},
        {"TANGGAL_LAHIR": "1988-07-10"},
        {"TANGGAL_LAHIR": "kemarin"},
        {"TANGGAL_LAHIR": 32333.0},  # an Excel serial as a number
        {"TMT_JABATAN": (today + timedelta(days=3)).isoformat()},
        {"TMT_JABATAN": "31/12/2019"},
        {"TMT_JABATAN": "nanti"},
        {"KODE_UNIT": "99.99"},
        {"KODE_UNIT": "64.09.01"},  # outside Balikpapan
        {"KODE_UNIT": "64.71"},  # not an OPD or unit
        {"NAMA": "  Siti   Aminah  ", "GELAR_DEPAN": " Dr. ", "JURUSAN": 12},
        {"NAMA": ""},
        {"GOLONGAN": "   "},
        {"NIP": region["ppu"].nip},  # an employee outside the scope
    ]
    rows = []
    for k, over in enumerate(variants):
        row = pegawai_row(over.pop("NIP", make_nip(birth=born, gender="L")), f"Pegawai {k}", **over)
        rows.append(row)
    data = xlsx([PEGAWAI_HEADER, *rows])
    actor = region["users"]["balikpapan"]

    def cleaned(fast: bool):
        sheet = read_table(data, "f.xlsx")
        header, columns = locate_header(sheet, PegawaiKind, set())
        records = records_from(sheet, header, columns)
        kind = PegawaiKind(import_context(actor), present=frozenset(columns.values()))
        kind.prepare(records)
        out = kind.clean_many(records) if fast else [kind.clean(r) for r in records]
        errors = [[(e.column, e.value, e.message) for e in r.errors] for r in records]
        return [None if o is None else (o.key, o.values, o.position_key, o.job_kind) for o in out], errors, kind

    fast_rows, fast_errors, fast_kind = cleaned(True)
    slow_rows, slow_errors, slow_kind = cleaned(False)
    assert fast_rows == slow_rows
    assert fast_errors == slow_errors
    assert fast_kind.positions == slow_kind.positions
    assert sum(r is not None for r in fast_rows) >= 15 and sum(bool(e) for e in fast_errors) >= 15


def test_positions_are_created_for_valid_rows_only(region):
    # On PostgreSQL the rows are written while the file is checked, with position ids reserved up front.
    bad = pegawai_row(make_nip(), "A", JABATAN="Jabatan Ditolak", GOLONGAN="IX/z")
    good = pegawai_row(make_nip(), "B", JABATAN="Jabatan Diterima", JENIS_JABATAN="Ahli Muda")
    positions = Position.objects.count()
    r = run("pegawai", xlsx([PEGAWAI_HEADER, bad, good]))
    assert (r.created, r.rejected) == (1, 1)
    assert not Position.objects.filter(name="Jabatan Ditolak").exists()
    assert Employee.objects.get(nip=good[0]).position.name == "Jabatan Diterima"
    assert Position.objects.count() == positions + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="rows are written while checking on PostgreSQL only")
def test_a_row_written_while_checking_then_rejected_undoes_the_import(region, monkeypatch):
    # Only checks of single rows come before a row is written early (rows sharing a NIP wait for the
    # duplicate check); should a later check still reject one, write() refuses to commit anything.
    original = services._mark_duplicates

    def later_check(kind, pairs, records):
        original(kind, pairs, records)
        records[-1].fail("NIP", "rejected by a check after the row was written")

    monkeypatch.setattr(services, "_mark_duplicates", later_check)
    before = Employee.objects.count()
    with pytest.raises(RuntimeError, match="still valid"):
        run("pegawai", xlsx([PEGAWAI_HEADER, *good_rows(2)]))
    assert Employee.objects.count() == before


def test_rows_sharing_a_nip_wait_for_the_duplicate_check(region):
    n = make_nip()
    rows = [pegawai_row(n, "A"), *good_rows(2), pegawai_row(" " + n[:8] + " " + n[8:], "B")]
    r = run("pegawai", xlsx([PEGAWAI_HEADER, *rows]))
    assert (r.created, r.rejected) == (2, 2) and not Employee.objects.filter(nip=n).exists()
