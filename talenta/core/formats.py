"""Indonesian formats of numbers, money, shares and dates, for PDFs and pages alike (``{% load formats %}``):
``Rp 1.484.050.000``, ``64,5``, ``12,5%``, ``2 Desember 2026``; a dash for none."""

from __future__ import annotations

from datetime import date
from typing import Any

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip


def tanggal(day: date | None) -> str:
    """``2 Desember 2026``; a dash for none."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "–"


def angka(value: Any, decimals: int = 0, *, trim: bool = False) -> str:
    """``1.484.050`` / ``64,5``: Indonesian separators (``trim``: no trailing zero decimals, ``24`` not
    ``24,00``); a dash for none."""
    if value is None:
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def rupiah(value: float | int | None) -> str:
    """``Rp 1.484.050.000``; a dash for none."""
    return "–" if value is None else f"Rp {angka(round(value))}"


def persen(value: float | None, decimals: int = 1) -> str:
    """``12,5%`` from a share 0-100; a dash for none."""
    return "–" if value is None else f"{angka(value, decimals)}%"
