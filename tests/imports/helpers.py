"""Build real xlsx/csv files in memory for import tests."""

from __future__ import annotations

import csv
import io
from typing import Any

import xlsxwriter

from talenta.imports.services import import_file


def xlsx(rows: list[list[Any]], *, text_cols: set[int] = frozenset()) -> bytes:
    """An xlsx whose cells are typed as given (str, int, float, date...); ``text_cols`` stored as text."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Sheet1")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is None:
                continue
            if hasattr(v, "year") and not isinstance(v, str):
                ws.write_datetime(
                    i, j, v if hasattr(v, "hour") else __import__("datetime").datetime(v.year, v.month, v.day), date_fmt
                )
            elif isinstance(v, str) or j in text_cols:
                ws.write_string(i, j, str(v))
            else:
                ws.write_number(i, j, v)
    wb.close()
    return buf.getvalue()


def csv_bytes(rows: list[list[Any]], *, sep: str = ",", encoding: str = "utf-8", bom: bool = False) -> bytes:
    """A csv as a spreadsheet program writes it (values holding the separator are quoted)."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows([["" if v is None else v for v in row] for row in rows])
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def run(kind: str, data: bytes, name: str = "file.xlsx", actor=None, **kw):
    return import_file(actor=actor, kind=kind, data=data, filename=name, **kw)


PEGAWAI_HEADER = [
    "NIP",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "TANGGAL_LAHIR",
    "JENIS_KELAMIN",
    "STATUS",
    "GOLONGAN",
    "PENDIDIKAN",
    "JURUSAN",
    "KODE_UNIT",
    "JABATAN",
    "JENIS_JABATAN",
    "TMT_JABATAN",
]


def pegawai_row(nip: str, name: str = "Budi Santoso", **over: Any) -> list[Any]:
    base = {
        "NIP": nip,
        "NAMA": name,
        "GELAR_DEPAN": "",
        "GELAR_BELAKANG": "S.E.",
        "TANGGAL_LAHIR": "",
        "JENIS_KELAMIN": "",
        "STATUS": "PNS",
        "GOLONGAN": "III/a",
        "PENDIDIKAN": "S1",
        "JURUSAN": "Akuntansi",
        "KODE_UNIT": "64.71.01.01",
        "JABATAN": "Pengelola Keuangan",
        "JENIS_JABATAN": "Pelaksana",
        "TMT_JABATAN": "2022-01-03",
    }
    base.update(over)
    return [base[h] for h in PEGAWAI_HEADER]
