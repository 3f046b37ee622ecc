"""Rows below the header become records sharing one column table (talenta/imports/base.py)."""

from talenta.imports.base import Record, columns, records_from
from talenta.imports.readers import Sheet


def sheet() -> Sheet:
    return Sheet(
        rows=[
            ["Daftar pegawai", "", ""],
            ["NIP", "NAMA", "CATATAN"],
            [" 1990 ", "  Siti  ", "x"],
            ["", None, ""],  # blank between data rows
            [None, "Budi", 0],  # first cell blank, the row is not
            ["  ", "", None],  # only spaces: blank
            ["2001"],  # a short csv line
            [3.0, " Ani", "y"],
            ["", "", ""],  # trailing blank rows
            [None, None, None],
        ]
    )


def test_records_keep_sheet_rows_skip_blank_ones_and_strip_text():
    records = records_from(sheet(), 1, {0: "NIP", 1: "NAMA", 2: "CATATAN"})
    assert [r.row for r in records] == [3, 5, 7, 8]
    assert [r.cells for r in records] == [
        {"NIP": "1990", "NAMA": "Siti", "CATATAN": "x"},
        {"NIP": None, "NAMA": "Budi", "CATATAN": 0},
        {"NIP": "2001", "NAMA": None, "CATATAN": None},
        {"NIP": 3.0, "NAMA": "Ani", "CATATAN": "y"},
    ]
    assert records[1].has("CATATAN") and not records[1].has("GELAR") and records[1].raw("GELAR") is None


def test_columns_of_a_run_of_records_and_of_any_selection_agree():
    records = records_from(sheet(), 1, {0: "NIP", 1: "NAMA"})
    for chosen in (records, records[1:3], records[::2], records[::-1], [records[0], Record(9, {"NAMA": "Dewi"})]):
        col = columns(chosen)
        for name in ("NIP", "NAMA", "GELAR"):
            assert col(name) == [r.raw(name) for r in chosen], (chosen, name)
    assert columns([])("NIP") == []


def test_a_record_made_alone_reports_its_errors_with_the_cell_value():
    rec = Record(4, {"NIP": "123", "NAMA": "Siti"})
    assert rec.ok and rec.raw("NIP") == "123"
    rec.fail("NIP", "%(column)s is required.", column="NIP")
    assert not rec.ok and [(e.row, e.column, e.value) for e in rec.errors] == [(4, "NIP", "123")]
