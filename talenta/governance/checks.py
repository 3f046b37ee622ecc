"""The checks of one ABK task (RULES.md §10), shared by the ``abk`` import and the web editor so that a task
the page accepts is a task the import accepts, with the same messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop

from talenta.engine.rules import AbkRules
from talenta.imports import cells as c
from talenta.imports.base import Record, plain_number

THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 2.400, 12.000.000: a thousands separator, not a decimal
# The cells of a task, by the import's column names; the web editor builds a Record of these.
TASK_COLUMNS = ("URAIAN_TUGAS", "SATUAN_HASIL", "VOLUME", "PERIODE", "NORMA_WAKTU")


@dataclass(frozen=True)
class TaskValues:
    task: str
    output_unit: str
    volume: Decimal
    period: str
    norm_minutes: Decimal


def two_decimals(value: Decimal | None) -> Decimal | None:
    """As stored (two decimals), so that saving the same values again compares equal."""
    return None if value is None else value.quantize(Decimal("0.01"))


def clean_task(rec: Record, abk: AbkRules) -> TaskValues | None:
    """The task's cells parsed and checked; problems are recorded on ``rec`` (then None)."""
    task = " ".join(c.text(rec.raw("URAIAN_TUGAS")).split())[:500]
    if not task:
        rec.fail("URAIAN_TUGAS", gettext_noop("%(column)s is required."), column="URAIAN_TUGAS")
    output_unit = rec.take("SATUAN_HASIL", required=True)
    ambiguous = [col for col in ("VOLUME", "NORMA_WAKTU") if isinstance(rec.raw(col), str)
                 and THOUSANDS.match(rec.raw(col).strip())]  # fmt: skip
    for column in ambiguous:  # "2.400": 2,400 or 2.4? Ask, never guess
        rec.fail(column, gettext_noop("%(value)r is ambiguous: write whole numbers without a thousands separator "
                                      "(2400, not 2.400) and decimals with a comma (2,5)."),
                 value=rec.raw(column).strip())  # fmt: skip
    if ambiguous:
        return None
    volume = two_decimals(rec.take("VOLUME", c.parse_decimal, required=True))
    if volume is not None and not 0 < volume < 10**9:
        rec.fail("VOLUME", gettext_noop("%(column)s must be more than 0."), column="VOLUME")
        volume = None
    period = c.text(rec.raw("PERIODE")).casefold()
    if period not in abk.periods:
        rec.fail(
            "PERIODE",
            gettext_noop("Unknown period %(value)r; use one of: %(options)s."),
            value=c.text(rec.raw("PERIODE")),
            options=", ".join(abk.periods),
        )
    norm = two_decimals(rec.take("NORMA_WAKTU", c.parse_decimal, required=True))
    if norm is not None and norm <= 0:
        rec.fail("NORMA_WAKTU", gettext_noop("%(column)s must be more than 0."), column="NORMA_WAKTU")
        norm = None
    elif norm is not None and norm > abk.wke_minutes:
        rec.fail(
            "NORMA_WAKTU",
            gettext_noop("A standard time of %(value)s minutes is more than a whole working year (%(wke)s)."),
            value=plain_number(norm),
            wke=f"{abk.wke_minutes:,.0f}".replace(",", "."),
        )
        norm = None
    if not task or output_unit is None or volume is None or norm is None or period not in abk.periods:
        return None
    return TaskValues(task, output_unit, volume, period, norm)
