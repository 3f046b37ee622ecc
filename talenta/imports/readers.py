"""Reading xlsx/xls/ods and csv files into rows of cells, and finding the header row.

Real files: the header is not always the first row (titles, blank lines above it), csv may be comma or
semicolon separated, UTF-8 with or without BOM or Windows-1252, and sheets end with blank rows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop
from python_calamine import CalamineWorkbook

from talenta.core.spreadsheets import csv_unsafe

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
    rows = [
        [csv_unsafe(c) if c[:1] == "'" else c for c in r]
        for r in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    ]
    check_shape(len(rows), max((len(r) for r in rows), default=0))
    return Sheet(rows=rows)


# -- limits checked before a file is parsed (settings; README "Hostile files") ----------------------------
_DIMENSION = re.compile(rb'<dimension ref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"')


DAMAGED = gettext_noop(
    "The file is damaged or too large to read: the reader stopped (%(reason)s). Nothing was written; check the "
    "file in a spreadsheet program (stray cells far below or right of the table) or split it."
)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_shape(rows: int, columns: int) -> None:
    """Refuse a sheet whose used area exceeds the row, column or cell limits."""
    if rows > settings.TALENTA_IMPORT_MAX_ROWS:
        raise FileUnusable(
            gettext_noop("The sheet reaches row %(n)s; an import takes at most %(limit)s rows: split the file."),
            n=rows,
            limit=settings.TALENTA_IMPORT_MAX_ROWS,
        )
    if columns > settings.TALENTA_IMPORT_MAX_COLUMNS:
        raise FileUnusable(
            gettext_noop("The sheet reaches column %(n)s; an import reads at most %(limit)s columns."),
            n=columns,
            limit=settings.TALENTA_IMPORT_MAX_COLUMNS,
        )
    if rows * columns > settings.TALENTA_IMPORT_MAX_CELLS:
        raise FileUnusable(
            gettext_noop(
                "The sheet spans %(rows)s rows by %(columns)s columns, more than the %(limit)s cells an import "
                "reads: split the file, or delete the stray cells far below or right of the table."
            ),
            rows=rows,
            columns=columns,
            limit=settings.TALENTA_IMPORT_MAX_CELLS,
        )


def _first_sheet_path(z: zipfile.ZipFile) -> str | None:
    """The part of an xlsx's first sheet (workbook.xml's first sheet, through its relationship)."""
    try:
        book = z.read("xl/workbook.xml")[:200_000]
        rels = z.read("xl/_rels/workbook.xml.rels")[:200_000]
    except KeyError:
        return None
    m = re.search(rb"<sheet\b[^>]*\br:id=\"([^\"]+)\"", book) or re.search(rb"<sheet\b[^>]*\bid=\"([^\"]+)\"", book)
    if not m:
        return None
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        if re.search(rb'\bId="' + re.escape(m.group(1)) + rb'"', tag):
            target = re.search(rb'\bTarget="([^"]+)"', tag)
            if target:
                t = target.group(1).decode("utf-8", "replace").lstrip("/")
                return t if t.startswith("xl/") else f"xl/{t}"
    return None


def precheck(data: bytes, filename: str) -> None:
    """What can be known about a file without parsing it: its size, and for a zipped spreadsheet (xlsx, ods)
    the unpacked size, the packing ratio and the first sheet's declared dimension. A zip bomb or a sheet
    declared a million columns wide is refused here, before the native reader sees it."""
    limit_mb = settings.TALENTA_MAX_UPLOAD_MB
    if len(data) > limit_mb * 1024 * 1024:
        raise FileUnusable(
            gettext_noop("The file is %(mb)s MB; an import takes at most %(limit)s MB: split the file."),
            mb=round(len(data) / 1048576, 1),
            limit=limit_mb,
        )
    if data[:4] != b"PK\x03\x04":
        return
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileUnusable(
            gettext_noop("The file cannot be read as a spreadsheet (%(error)s)."), error=str(exc)[:200]
        ) from None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    max_mb = settings.TALENTA_IMPORT_MAX_UNZIPPED_MB
    if len(infos) > 10_000 or unpacked > max_mb * 1024 * 1024:
        raise FileUnusable(
            gettext_noop("The file unpacks to %(mb)s MB; an import takes at most %(limit)s MB: split the file."),
            mb=round(unpacked / 1048576),
            limit=max_mb,
        )
    ratio = settings.TALENTA_IMPORT_MAX_RATIO
    if unpacked > 10 * 1024 * 1024 and unpacked / packed > ratio:
        raise FileUnusable(
            gettext_noop(
                "The file unpacks to %(times)s times its size (a spreadsheet packs to about a tenth): it is "
                "damaged or built to exhaust the server, and is not read."
            ),
            times=round(unpacked / packed),
        )
    sheet = _first_sheet_path(z)
    if sheet is None or sheet not in z.NameToInfo:
        return
    with z.open(sheet) as fh:
        head = fh.read(65536)
    m = _DIMENSION.search(head)
    if m:
        c1, r1 = _column_number(m.group(1)), int(m.group(2))
        c2, r2 = (_column_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        check_shape(max(r1, r2), max(c1, c2))


def read_spreadsheet(data: bytes) -> Sheet:
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = wb.get_sheet_by_index(0)
        check_shape(sheet.total_height, sheet.total_width)  # as Python rows, from A1: before making them
        rows = sheet.to_python(skip_empty_area=False)
    except FileUnusable:
        raise
    except MemoryError:
        raise FileUnusable(DAMAGED, reason="MemoryError") from None
    except Exception as exc:  # calamine raises several types for damaged or foreign files
        raise FileUnusable(
            gettext_noop("The file cannot be read as a spreadsheet (%(error)s)."), error=str(exc)[:200]
        ) from None
    return Sheet(rows=[["" if c is None else c for c in r] for r in rows])


def read_table(data: bytes, filename: str) -> Sheet:
    """Read the first sheet of a spreadsheet or a csv file, chosen by the file name's suffix, after the
    :func:`precheck` of its size and shape."""
    precheck(data, filename)
    suffix = Path(filename).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return read_spreadsheet(data)
    if suffix in (".csv", ".txt", ".tsv"):
        if data[:4] == b"PK\x03\x04":
            return read_spreadsheet(data)  # an xlsx renamed .csv
        return read_csv(data)
    raise FileUnusable(gettext_noop("Unsupported file type %(suffix)r: use .xlsx or .csv."), suffix=suffix or "?")
