import pytest

from talenta.imports.readers import FileUnusable, read_table
from tests.imports.helpers import csv_bytes, xlsx


def test_csv_semicolon_bom_and_windows_1252():
    rows = [["NIP", "NAMA"], ["199002152015031002", "Désirée Siregar"]]
    for data in (csv_bytes(rows, sep=";", bom=True), csv_bytes(rows, encoding="cp1252"), csv_bytes(rows)):
        sheet = read_table(data, "pegawai.csv")
        assert sheet.rows[0] == ["NIP", "NAMA"]
        assert sheet.rows[1] == ["199002152015031002", "Désirée Siregar"]


def test_csv_with_commas_inside_quotes():
    sheet = read_table(b'NIP,NAMA\n199002152015031002,"Siregar, S.E."\n', "x.csv")
    assert sheet.rows[1][1] == "Siregar, S.E."


def test_xlsx_renamed_csv_is_still_read():
    data = xlsx([["NIP"], ["199002152015031002"]])
    assert read_table(data, "pegawai.csv").rows[1] == ["199002152015031002"]


def test_garbage_and_unknown_suffix_are_unusable():
    with pytest.raises(FileUnusable):
        read_table(b"this is not a spreadsheet", "x.xlsx")
    with pytest.raises(FileUnusable):
        read_table(b"NIP\n1", "x.pdf")
