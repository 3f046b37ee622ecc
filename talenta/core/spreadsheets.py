"""Writing spreadsheets: csv (UTF-8 with BOM, two decimals) and xlsx (codes and NIPs as text, dates as dates),
to a file or as a download. Every export of Talenta writes through here, whatever app it belongs to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

import xlsxwriter

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TEXT_COLUMNS = {"NIP", "KODE_UNIT", "KODE_INDUK", "KODE", "NOMOR_SERTIFIKAT", "KODE_WILAYAH", "KODE_PROGRAM", "TELEPON"}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a
    leading apostrophe (OWASP, CSV injection); numbers stay numbers. The csv import takes it off again."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_unsafe(value: str) -> str:
    """Undo :func:`csv_safe` on a cell read back from csv."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def csv_cells(row: Iterable[Any]) -> list[Any]:
    """One csv row as every csv of Talenta writes it: floats with two decimals, no text cell a formula."""
    return [f"{v:.2f}" if isinstance(v, float) else csv_safe(v) for v in row]


def write_table(
    target: str | Path | IO[bytes], header: list[str], rows: Iterable[list[Any]], fmt: str, sheet: str = "data"
) -> int:
    """Write csv (UTF-8 with BOM, so Excel shows the letters right; no cell runs as a formula) or xlsx (codes
    and NIPs as text, every text cell a string, never a formula)."""
    n = 0
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(csv_cells(header))
        for row in rows:
            writer.writerow(csv_cells(row))
            n += 1
        data = ("\ufeff" + buf.getvalue()).encode("utf-8")
        if isinstance(target, (str, Path)):
            Path(target).write_bytes(data)
        else:
            target.write(data)
        return n
    return write_sheets(target, [(sheet, header, rows)])[0]


def write_sheets(target: str | Path | IO[bytes], sheets: list[tuple[str, list[str], Iterable[list[Any]]]]) -> list[int]:
    """One xlsx workbook with a sheet per (name, header, rows), codes and NIPs as text; rows written per sheet."""
    wb = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    text_fmt = wb.add_format({"num_format": "@"})
    decimal_fmt = wb.add_format({"num_format": "0.00"})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    counts = []
    used: set[str] = set()
    for sheet, header, rows in sheets:
        name = "".join(ch for ch in sheet if ch not in "[]:*?/\\")[:31] or "data"
        k = 2
        while name.lower() in used:
            name = f"{name[:27]}~{k}"
            k += 1
        used.add(name.lower())
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header, bold)
        text_cols = {i for i, h in enumerate(header) if h in TEXT_COLUMNS}
        for i in text_cols:
            ws.set_column(i, i, 20, text_fmt)
        n = 0
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row):
                if j in text_cols or isinstance(value, str):
                    ws.write_string(i, j, "" if value is None else str(value), text_fmt if j in text_cols else None)
                elif value is None:
                    continue
                elif isinstance(value, float):
                    ws.write_number(i, j, value, decimal_fmt)
                elif isinstance(value, date):  # a date cell Excel shows as a date (not a serial number)
                    ws.write_datetime(i, j, value, date_fmt)
                else:
                    ws.write(i, j, value)
            n += 1
        counts.append(n)
    wb.close()
    return counts


class _Echo:
    """A file-like that hands back what csv.writer writes, for streaming."""

    def write(self, value: str) -> str:
        return value


def download_response(header: list[str], rows: Iterable[list[Any]], fmt: str, filename: str, sheet: str = "data"):
    """A download of the rows: csv streamed row by row (any size), xlsx built in memory."""
    from django.http import HttpResponse, StreamingHttpResponse

    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines() -> Iterator[str]:
            yield "\ufeff" + writer.writerow(csv_cells(header))
            for row in rows:
                yield writer.writerow(csv_cells(row))

        response = StreamingHttpResponse(lines(), content_type=CONTENT_TYPES["csv"])
    else:
        buf = io.BytesIO()
        n = write_table(buf, header, rows, "xlsx", sheet=sheet)
        response = HttpResponse(buf.getvalue(), content_type=CONTENT_TYPES["xlsx"])
        response["X-Talenta-Rows"] = str(n)  # for the access journal (core.middleware)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sheets_response(sheets: list[tuple[str, list[str], Iterable[list[Any]]]], filename: str):
    """A download of one xlsx workbook with a sheet per (name, header, rows), its rows counted for the access
    journal like :func:`download_response`'s."""
    from django.http import HttpResponse

    buf = io.BytesIO()
    counts = write_sheets(buf, sheets)
    response = HttpResponse(buf.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    response["X-Talenta-Rows"] = str(sum(counts))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
