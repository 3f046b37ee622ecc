"""A one-page certificate as PDF (A4 landscape, centred lines in a frame)."""

from __future__ import annotations

from talenta.core.pdf import A4_LANDSCAPE, Page


def certificate_pdf(lines: list[tuple[int, str]]) -> bytes:
    """``lines``: (font size, text) from top to bottom, centred. Text outside Latin-1 is replaced."""
    page = Page(A4_LANDSCAPE)
    y = page.height - 120
    for size, text in lines:
        page.centred(y, text, size)
        y -= size + 18
    page.rect(30, 30, 782, 535, line=4)
    return bytes(page)
