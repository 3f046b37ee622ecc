"""Reading xlsx/xls/ods and csv files into rows of cells, and finding the header row.

Real files: the header is not always the first row (titles, blank lines above it), csv may be comma or
semicolon separated, UTF-8 with or without BOM or Windows-1252, and sheets end with blank rows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_noop
from python_calamine import CalamineWorkbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
HEADER_SCAN_ROWS = 30


class FileUnusable(Exception):
    """The file as a whole cannot be imported (exit code 2): ``message`` is a msgid with ``params``."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass
class Sheet:
    """All rows of the first sheet, as the user sees them (row ``i`` of the list is sheet row ``i + 1``)."""

    rows: list[list[Any]]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_csv(data: bytes) -> Sheet:
    content = _decode(data)
    sample = [line for line in content.splitlines()[:HEADER_SCAN_ROWS] if line.strip()]
    delimiter = ";" if sum(line.count(";") for line in sample) > sum(line.count(",") for line in sample) else ","
    if delimiter == "," and sum(line.count("\t") for line in sample) > sum(line.count(",") for line in sample):
        delimiter = "\t"
    return Sheet(rows=[list(r) for r in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)])


def read_spreadsheet(data: bytes) -> Sheet:
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = wb.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several types for damaged or foreign files
        raise FileUnusable(
            gettext_noop("The file cannot be read as a spreadsheet (%(error)s)."), error=str(exc)[:200]
        ) from None
    return Sheet(rows=[["" if c is None else c for c in r] for r in rows])


def read_table(data: bytes, filename: str) -> Sheet:
    """Read the first sheet of a spreadsheet or a csv file, chosen by the file name's suffix."""
    suffix = Path(filename).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return read_spreadsheet(data)
    if suffix in (".csv", ".txt", ".tsv"):
        if data[:4] == b"PK\x03\x04":
            return read_spreadsheet(data)  # an xlsx renamed .csv
        return read_csv(data)
    raise FileUnusable(gettext_noop("Unsupported file type %(suffix)r: use .xlsx or .csv."), suffix=suffix or "?")
