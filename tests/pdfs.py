"""Reading back the PDFs Talenta writes (ReportLab compresses its page streams): the text of each page."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed."""
    assert content.startswith(b"%PDF-"), content[:20]
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))
