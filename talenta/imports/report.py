"""The error report: the rejected rows as the user sent them, bad cells highlighted, plus a list."""

from __future__ import annotations

from typing import IO

import xlsxwriter
from django.utils.translation import gettext as _

from .cells import text
from .results import ImportResult


def write_error_report(result: ImportResult, target: str | IO[bytes]) -> None:
    wb = xlsxwriter.Workbook(target, {"in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    bad = wb.add_format({"bg_color": "#F8CBAD", "border": 1, "num_format": "@"})
    plain = wb.add_format({"num_format": "@"})
    warn = wb.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1})
    ws = wb.add_worksheet(_("Rejected rows")[:31])
    columns = result.columns
    top = 0
    # Columns nothing read come first, above the rows: a user must see what was not imported at all.
    for label, names in ((_("Unrecognised columns, not imported"), result.ignored_columns),
                         (_("SIASN columns not used"), result.unused_columns)):  # fmt: skip
        if names:
            ws.write_string(top, 0, label, warn)
            ws.write_row(top, 1, names, warn)
            top += 1
    if top:
        top += 1  # a blank row before the table
    ws.write_row(top, 0, [_("ROW"), *columns, _("ERRORS")], head)
    for i, rec in enumerate(result.rejected_records, start=top + 1):
        wrong = {e.column for e in rec.errors}
        ws.write_number(i, 0, rec.row)
        for j, col in enumerate(columns, start=1):
            ws.write_string(i, j, text(rec.raw(col)), bad if col in wrong else plain)
        ws.write_string(i, len(columns) + 1, "; ".join(f"{e.column}: {e.message}" for e in rec.errors))
    ws.freeze_panes(top + 1, 1)
    ws.set_column(1, len(columns), 18)
    ws.set_column(len(columns) + 1, len(columns) + 1, 80)
    ws2 = wb.add_worksheet(_("Errors")[:31])
    ws2.write_row(0, 0, [_("ROW"), _("COLUMN"), _("VALUE"), _("MESSAGE")], head)
    for i, e in enumerate(result.errors, start=1):
        ws2.write_row(i, 0, [e.row, e.column, e.value, e.message])
    ws2.set_column(3, 3, 90)
    summary = wb.add_worksheet(_("Summary")[:31])
    for i, (label, value) in enumerate(
        [
            (_("File"), result.filename),
            (_("Kind"), result.kind),
            (_("Rows"), result.rows),
            (_("Created"), result.created),
            (_("Updated"), result.updated),
            (_("Unchanged"), result.unchanged),
            (_("Rejected"), result.rejected),
            (_("Message"), " ".join([result.message, *result.notes]).strip()),
        ]
    ):
        summary.write(i, 0, label, head)
        summary.write(i, 1, value)
    wb.close()
