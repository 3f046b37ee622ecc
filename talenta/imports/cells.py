"""Turning spreadsheet cells into values: headers, dates, numbers, NIPs, yes/no.

Each ``parse_*`` takes what python-calamine or the csv module gives (str, int, float, date, datetime or
None) and returns a clean value or raises :class:`CellError` with a translatable message.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_noop

from talenta.core.errors import ApplicationError


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is a msgid, ``params`` fill it."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


_HEADER_NOISE = re.compile(r"[\s_.\-/]+")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def norm_header(value: Any) -> str:
    """``"Tgl. Lahir"`` -> ``"TGL_LAHIR"``: case, spaces, underscores, dots and dashes do not matter, and a
    camelCase name is its words (SIASN's API fields: ``namaKursus`` is ``NAMA KURSUS``)."""
    return _HEADER_NOISE.sub("_", _CAMEL.sub("_", str(value or "").strip()).upper()).strip("_")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as trimmed text with inner whitespace collapsed; numbers lose a trailing ``.0``."""
    if type(value) is str:  # the common case first
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def texts(values: list[Any]) -> list[str]:
    """:func:`text` of every cell of a column; when the column is all strings already in that form (the
    common case: the import strips each cell), a few scans of the joined column instead of a call per cell.
    Joined by single spaces, a cell with a space at either end or a run of spaces shows as two spaces; any
    other whitespace is not printable."""
    try:
        joined = " ".join(values)
    except TypeError:  # not all strings
        return [text(v) for v in values]
    if not joined.isprintable() or "  " in joined or joined[:1] == " " or joined[-1:] == " ":
        return [text(v) for v in values]
    return list(values)


_MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "peb": 2, "pebruari": 2, "mar": 3, "maret": 3, "apr": 4,
    "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "agu": 8, "agt": 8, "agustus": 8,
    "aug": 8, "sep": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10, "nov": 11, "november": 11,
    "nop": 11, "nopember": 11, "des": 12, "desember": 12, "dec": 12,
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})$")
EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: Any) -> date | None:
    """Excel date cells, ISO ``2024-01-31``, ``31-01-2024``, ``31/01/2024``, ``31 Januari 2024``. A year before
    1900 is a typo that survived as text (SIASN's exports hold a few): refused, never read as the year 201."""
    out = _parse_date(value)
    if out is not None and out.year < 1900:
        raise CellError(
            gettext_noop("%(value)r has the year %(year)s: a typo? Correct the date."), value=text(value), year=out.year
        )
    return out


def _parse_date(value: Any) -> date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 80000:  # an Excel serial date that reached us as a number
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(gettext_noop("%(value)s is not a date."), value=value)
    s = str(value).strip()
    if len(s) == 10 and s[4] == "-":
        try:
            return date.fromisoformat(s)  # the common case, at C speed
        except ValueError:
            pass
    try:
        if m := _ISO.match(s):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(s):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _D_MONTH_Y.match(s)) and m[2].lower() in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        pass
    raise CellError(gettext_noop("%(value)r is not a date (use YYYY-MM-DD or DD-MM-YYYY)."), value=s)


def parse_decimal(value: Any, *, lo: float | None = None, hi: float | None = None) -> Decimal | None:
    """A number; ``85,5`` and ``85.5`` both work; bounds inclusive."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(gettext_noop("%(value)r is not a number."), value=value)
    try:
        if isinstance(value, (int, float)):
            number = Decimal(str(value))
        else:
            number = Decimal(str(value).strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise CellError(gettext_noop("%(value)r is not a number."), value=value) from None
    if not number.is_finite() or (lo is not None and number < lo) or (hi is not None and number > hi):
        # as the user sees the cell: a spreadsheet's 7 arrives as 7.0
        raise CellError(gettext_noop("%(value)s is outside %(lo)s-%(hi)s."), value=text(value), lo=lo, hi=hi)
    return number


def parse_int(value: Any, *, lo: int | None = None, hi: int | None = None) -> int | None:
    number = parse_decimal(value, lo=lo, hi=hi)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(gettext_noop("%(value)r is not a whole number."), value=value)
    return int(number)


_RUPIAH_NOISE = re.compile(r"^(rp\.?)\s*", re.I)


def parse_rupiah(value: Any) -> int | None:
    """Rupiah: ``1500000``, ``1.500.000``, ``Rp 1.500.000,00``, ``1,500,000``."""
    if is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0 or float(value) != int(value):
            raise CellError(gettext_noop("%(value)s is not an amount in whole rupiah."), value=value)
        return int(value)
    s = _RUPIAH_NOISE.sub("", str(value).strip()).replace(" ", "")
    s = re.sub(r"[.,]00$", "", s)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", s):
        s = re.sub(r"[.,]", "", s)
    if not (s.isascii() and s.isdigit()):
        raise CellError(gettext_noop("%(value)r is not an amount in whole rupiah."), value=value)
    return int(s)


_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$")  # 1.99002E+17, or 1,99002E+17 from an Indonesian Excel


def key_text(value: Any) -> str:
    """A key cell as the duplicate check compares it before parsing: its text in upper case without spaces
    (a plain run of digits, almost every NIP, is its own key)."""
    if value.__class__ is str and value.isdigit():
        return value
    return text(value).upper().replace(" ", "")


def nip_text(value: Any) -> str:
    """A NIP cell's text without spaces or the apostrophe that marks text in Excel (no checks)."""
    return str(value or "").strip().replace(" ", "").lstrip("'")


def parse_nip_cell(value: Any) -> str:
    """The NIP as text. A number cell (or its scientific-notation text) has lost digits: refuse it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(
            gettext_noop(
                "The NIP is stored as a number, so Excel has lost digits; format the NIP column as text and "
                "type the NIP again."
            )
        )
    s = nip_text(value)
    if _SCIENTIFIC.match(s) or (s.endswith(".0") and s[:-2].isdigit()):
        raise CellError(
            gettext_noop(
                "The NIP is stored as a number, so Excel has lost digits; format the NIP column as text and "
                "type the NIP again."
            )
        )
    return s


_YES = {"Y", "YA", "YES", "1", "TRUE", "BENAR", "V", "X"}
_NO = {"N", "T", "TIDAK", "NO", "0", "FALSE", "SALAH", ""}


def parse_yes_no(value: Any) -> bool:
    s = text(value).upper()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise CellError(gettext_noop("%(value)r is not Y or N."), value=value)


def split_list(value: Any) -> list[str]:
    """``"A; B, C"`` -> ``["A", "B", "C"]``."""
    raw = "" if value is None else str(value)
    return [" ".join(p.split()) for p in re.split(r"[;,\n]", raw) if p.strip()]


def choice(mapping: dict[str, str], message: str) -> Any:
    """A parser for a closed list: the cell, upper-cased with spaces and underscores collapsed, looked up in
    ``mapping``; anything else raises ``message`` (a msgid with ``%(value)r``)."""

    def parse(value: Any) -> str:
        key = " ".join(text(value).upper().replace("_", " ").split())
        if key in mapping:
            return mapping[key]
        raise CellError(message, value=value)

    return parse


INVALID = object()  # what map_distinct gives for a cell its parser refuses


def map_distinct(parse: Any, values: list[Any]) -> list[Any]:
    """``parse`` of every value, run once per distinct value; a refused value (CellError, or a service's
    ApplicationError) gives :data:`INVALID`. For column-wise cleaning of the closed lists and dates that
    repeat down a sheet. Values Python counts as equal across types (``True``, ``1``, ``1.0``) are parsed
    one by one, so each keeps its own result."""

    def safe(value: Any) -> Any:
        try:
            return parse(value)
        except (CellError, ApplicationError):
            return INVALID

    if set(map(type, values)) & {bool, float, Decimal}:
        return [safe(x) for x in values]
    table = dict.fromkeys(values)
    for key in table:
        table[key] = safe(key)
    return list(map(table.__getitem__, values))
