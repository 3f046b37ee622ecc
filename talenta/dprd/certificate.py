"""The certificate of a DPRD member's orientation as a PDF (A4 landscape, centred lines in a frame)."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm

from talenta.core.pdf import A4_LANDSCAPE, centred, render, spacer, tanggal


def certificate_pdf(lines: list[tuple[int, str]], *, issuer: str, issued: date, title: str) -> bytes:
    """``lines``: (font size, text) from top to bottom, centred, inside a frame, then the signature block of
    the issuing organisation's head."""
    story = [spacer(18)]
    for size, text in lines:
        story += [centred(text, size), spacer(size * 0.22)]
    story += [spacer(6), centred(tanggal(issued), 11), centred(f"Kepala {issuer}", 11), spacer(14),
              centred("(nama dan tanda tangan)", 10)]  # fmt: skip
    return render(story, title=title, issuer=issuer, issued=issued, size=A4_LANDSCAPE, frame=6 * mm)
