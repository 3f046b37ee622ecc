"""Empty templates for download: the header with a note on every column, example rows, and a guide."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talenta.competency.models import Competency

from .registry import KINDS


def blank_template(kind: str) -> bytes:
    cls = KINDS[kind]
    columns = list(cls.columns)
    comp_codes = (
        list(Competency.objects.filter(owner__isnull=True).values_list("code", flat=True))
        if cls.competency_columns
        else []
    )
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    required = wb.add_format({"bold": True, "bg_color": "#F4B183", "border": 1})
    optional = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = wb.add_format({"num_format": "@", "font_color": "#7F7F7F"})
    ws = wb.add_worksheet(kind)
    for j, col in enumerate(columns):
        ws.write_string(0, j, col.name, required if col.required else optional)
        note = [(pgettext("column", "Required") if col.required else _("Optional")) + "."]
        if col.note:
            note.append(col.note_text)
        if col.aliases:
            note.append(_("Also accepted: %(aliases)s") % {"aliases": ", ".join(col.aliases)})
        ws.write_comment(0, j, "\n".join(note), {"x_scale": 2, "y_scale": 1.5})
        ws.set_column(j, j, max(14, len(col.name) + 4), text)
        if col.example:
            ws.write_string(1, j, col.example, text)
    for k, code in enumerate(comp_codes, start=len(columns)):
        ws.write_string(0, k, code, optional)
        ws.write_comment(0, k, _("Level 1-5 of this competency (blank = none)."))
        ws.write_string(1, k, "3", text)
    ws.freeze_panes(1, 0)
    guide = wb.add_worksheet(_("Guide")[:31])
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    guide.write_row(0, 0, [_("Column"), pgettext("column", "Required"), _("Meaning"), _("Also accepted")], head)
    for i, col in enumerate(columns, start=1):
        guide.write_row(i, 0, [col.name, _("yes") if col.required else "", col.note_text, ", ".join(col.aliases)])
    n = len(columns) + 2
    for line in (
        _("Row 2 is an example: replace it with your data."),
        _("Headers may be in any case; spaces, dots and underscores are the same."),
        _("Format NIP and code columns as text so Excel keeps every digit."),
        _("Dates: YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or an Excel date cell."),
    ):
        guide.write(n, 0, line)
        n += 1
    guide.set_column(0, 0, 22)
    guide.set_column(2, 3, 60)
    wb.close()
    return buf.getvalue()
