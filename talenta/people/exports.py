"""The ``pegawai`` template as a download (CSV or xlsx) of an already scoped employee queryset."""

from __future__ import annotations

import csv
import io

import xlsxwriter
from django.http import HttpResponse, StreamingHttpResponse

from .services import active_ruleset

FORMATS = ("csv", "xlsx")
PEGAWAI_COLUMNS = (
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
)


def pegawai_rows(qs):
    """Yield one tuple per employee in ``PEGAWAI_COLUMNS`` order (dates ISO, job kinds as labelled)."""
    labels = {code: kind.label for code, kind in active_ruleset().job_kinds.items()}
    for row in qs.values_list(
        "nip",
        "name",
        "title_front",
        "title_back",
        "birth_date",
        "gender",
        "status",
        "golongan",
        "education",
        "major",
        "organisation__code",
        "position__name",
        "position__job_kind",
        "tmt_jabatan",
    ).iterator(chunk_size=5000):
        row = list(row)
        row[4] = row[4].isoformat()
        row[12] = labels.get(row[12], row[12])
        row[13] = row[13].isoformat() if row[13] else ""
        yield row


class _Echo:
    def write(self, value):
        return value


def employee_export_response(qs, fmt: str):
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = (writer.writerow(r) for r in _with_header(pegawai_rows(qs)))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="pegawai.csv"'
        return response
    buf = io.BytesIO()
    write_xlsx(buf, PEGAWAI_COLUMNS, pegawai_rows(qs), text_columns={0})
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="pegawai.xlsx"'
    return response


def _with_header(rows):
    yield PEGAWAI_COLUMNS
    yield from rows


def write_xlsx(target, header, rows, *, text_columns: set[int] = frozenset()) -> None:
    """Write one sheet; ``text_columns`` are stored as text so an 18-digit NIP keeps every digit."""
    wb = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("pegawai")
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    text = wb.add_format({"num_format": "@"})
    ws.write_row(0, 0, header, bold)
    for col in text_columns:
        ws.set_column(col, col, 20, text)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if j in text_columns:
                ws.write_string(i, j, str(value), text)
            else:
                ws.write(i, j, value)
    wb.close()
