"""RULES.md §11, the regional head as pembina kepegawaian: the freeze window after an inauguration, the
deadline to report a replacement (working days), and an acting official's months against the cap.

Pure date arithmetic on plain values; the rule set's ``[pembina]`` gives the numbers (:class:`PembinaRules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


class PembinaRulesError(ValueError):
    """``[pembina]`` is missing a key or holds a value outside its domain."""


@dataclass(frozen=True)
class PembinaRules:
    freeze_months: int
    report_working_days: int
    covered_families: frozenset[str]
    covered_duties: frozenset[str]
    acting_max_months: int
    acting_extension_months: int
    acting_extensions: int

    @property
    def acting_cap_months(self) -> int:
        """The longest a Plt may last with every extension (3 + 1 x 3 = 6 by default)."""
        return self.acting_max_months + self.acting_extensions * self.acting_extension_months

    def covered(self, family: str, duty: str = "") -> bool:
        """Whether replacing the holder of a position of this job family (or with this added duty) falls
        under the freeze."""
        return family in self.covered_families or bool(duty and duty in self.covered_duties)


def parse_pembina(section: Mapping[str, Any]) -> PembinaRules:
    def whole(key: str, lo: int, hi: int) -> int:
        value = section.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise PembinaRulesError(f"pembina.{key} must be a whole number {lo}-{hi}")
        return value

    return PembinaRules(
        freeze_months=whole("freeze_months", 1, 60),
        report_working_days=whole("report_working_days", 1, 60),
        covered_families=frozenset(map(str, section.get("covered_families", ()))),
        covered_duties=frozenset(map(str, section.get("covered_duties", ()))),
        acting_max_months=whole("acting_max_months", 1, 24),
        acting_extension_months=whole("acting_extension_months", 0, 24),
        acting_extensions=whole("acting_extensions", 0, 10),
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter: 31 August + 6 = 28/29 Feb)."""
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    m += 1
    last = ((date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)).day
    return date(y, m, min(day.day, last))


def period_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` from a date: the day before the same date ``months`` later
    (inaugurated 20 February 2025, 6 months: the freeze runs to 19 August 2025 inclusive; a Plt from 1 January
    with a cap of 6 months may act until 30 June)."""
    return add_months(start, months) - timedelta(days=1)


def add_working_days(day: date, n: int) -> date:
    """The ``n``-th working day (Monday to Friday) after ``day``. National holidays are not known to the rule
    set, so the deadline may fall a day or two early in a holiday week: early, never late."""
    out = day
    while n > 0:
        out += timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (a Plt from 10 January is 1 month in on 10 February)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end < add_months(start, months):
        months -= 1
    return max(months, 0)
