"""PDFs to hand over, on ReportLab (platypus): a header with the issuing organisation, the title and the
date on every page, "Halaman n dari N" at the foot, and Indonesian number and date formats.

ReportLab is chosen over WeasyPrint because it is a single wheel with no system libraries (WeasyPrint needs
Pango and its fonts from the host), lays out tables and page templates itself, and writes the standard
Helvetica fonts, which cover Indonesian text. Every PDF of Talenta is built with :func:`render`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .formats import angka, persen, rupiah, tanggal  # noqa: F401  (the PDFs' formats)

A4_PORTRAIT = A4
MM = mm  # points per millimetre, for column widths
A4_LANDSCAPE = landscape(A4)


def _style(name: str, size: float, *, bold: bool = False, leading: float | None = None, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName="Helvetica-Bold" if bold else "Helvetica", fontSize=size,
                          leading=leading or size * 1.3, **kw)  # fmt: skip


STYLES = {
    "title": _style("title", 15, bold=True, spaceAfter=2 * mm),
    "subtitle": _style("subtitle", 10, textColor=colors.HexColor("#444444"), spaceAfter=4 * mm),
    "h2": _style("h2", 11.5, bold=True, spaceBefore=3.5 * mm, spaceAfter=1.5 * mm),
    "body": _style("body", 9.5, spaceAfter=1.2 * mm),
    "small": _style("small", 8, textColor=colors.HexColor("#444444")),
    "cell": _style("cell", 8.5, leading=10.5),
    "cellbold": _style("cellbold", 8.5, bold=True, leading=10.5),
    "cellbig": _style("cellbig", 14, bold=True, leading=18),
    "cellright": _style("cellright", 8.5, leading=10.5, alignment=TA_RIGHT),
    "cellboldright": _style("cellboldright", 8.5, bold=True, leading=10.5, alignment=TA_RIGHT),
    "centre": _style("centre", 10, alignment=TA_CENTER),
}


def para(text: str, style: str = "body", *, markup: bool = False) -> Paragraph:
    """A paragraph of plain text (escaped; ``markup=True`` for text with ReportLab's <b>/<i> tags)."""
    return Paragraph(text if markup else escape(text), STYLES[style])


def table(rows: Sequence[Sequence[Any]], widths: Sequence[float] | None = None, *, header: bool = True,
          numeric: Sequence[int] = ()) -> Table:  # fmt: skip
    """A grid: the first row bold on grey (``header``), the ``numeric`` columns right-aligned."""

    def cell(value: Any, style: str) -> Any:
        if isinstance(value, (Paragraph, list)):  # a paragraph, or several flowables stacked in the cell
            return value
        return Paragraph(escape(str(value)), STYLES[style])

    def style_of(i: int, j: int) -> str:
        return ("cellbold" if header and i == 0 else "cell") + ("right" if j in numeric else "")

    cells = [[cell(c, style_of(i, j)) for j, c in enumerate(row)] for i, row in enumerate(rows)]
    t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")))
    t.setStyle(TableStyle(style))
    return t


def centred(text: str, size: float, *, bold: bool = False) -> Paragraph:
    """One centred line of ``size`` points (a certificate's lines)."""
    style = ParagraphStyle(f"c{size}{bold}", parent=STYLES["centre"], fontSize=size, leading=size * 1.25,
                           fontName="Helvetica-Bold" if bold else "Helvetica")  # fmt: skip
    return Paragraph(escape(text), style)


def spacer(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so the foot can say "Halaman n dari N" (ReportLab's two-pass recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawRightString(self._pagesize[0] - 18 * mm, 10 * mm, f"Halaman {self._pageNumber} dari {total}")
            super().showPage()
        super().save()


def render(story: list, *, title: str, issuer: str, issued: date, size: tuple[float, float] = A4_PORTRAIT,
           author: str = "", frame: float = 0) -> bytes:  # fmt: skip
    """The PDF of ``story`` (platypus flowables) with the header and foot on every page; ``frame`` (points) draws
    a border that far inside the page edge (a certificate's)."""
    out = BytesIO()

    def decorate(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        width, height = size
        canvas.setFont("Helvetica-Bold", 8.5)
        canvas.drawString(18 * mm, height - 12 * mm, issuer)
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(width - 18 * mm, height - 12 * mm, tanggal(issued))
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#444444"))
        canvas.drawString(18 * mm, 10 * mm, title)
        if frame:
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(3)
            canvas.rect(frame + 10 * mm, frame + 10 * mm, width - 2 * (frame + 10 * mm), height - 2 * (frame + 20 * mm))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out, pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm, bottomMargin=18 * mm,
        title=title, author=author or issuer, creator="Talenta", subject=title,
    )  # fmt: skip
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_NumberedCanvas)
    return out.getvalue()
