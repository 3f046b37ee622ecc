"""NIP (Nomor Induk Pegawai) parsing, RULES.md §1. Pure: no Django, no database.

PNS/CPNS: ``YYYYMMDD`` birth + ``YYYYMM`` TMT CPNS + gender (1 male, 2 female) + 3-digit sequence.
PPPK:     ``YYYYMMDD`` birth + ``YYYY`` TMT year + ``2`` + round (1-9) + gender + 3-digit sequence.
The 13th digit tells them apart: a PNS TMT month starts with 0 or 1, the PPPK marker is 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MIN_AGE_AT_APPOINTMENT = 18


class NipError(ValueError):
    """A NIP that does not parse. ``part`` names the wrong part (a key of ``PARTS``)."""

    def __init__(self, part: str, nip: str) -> None:
        super().__init__(f"NIP {nip!r}: invalid {part}")
        self.part = part
        self.nip = nip


PARTS = ("length", "birth_date", "tmt", "gender", "round", "age", "future")


@dataclass(frozen=True)
class NipInfo:
    """What a valid NIP says about its holder."""

    nip: str
    kind: str  # "PNS" (covers CPNS) or "PPPK"
    birth_date: date
    tmt: date  # TMT CPNS (first of its month) or 1 January of the PPPK year
    gender: str  # "L" or "P"
    sequence: int
    pppk_round: int | None = None


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def parse_nip(value: str, *, today: date | None = None) -> NipInfo:
    """Parse and validate an 18-digit NIP; raise :class:`NipError` naming the wrong part.

    ``today`` bounds the dates (no birth or TMT in the future); it defaults to the system date.
    """
    nip = str(value).strip().replace(" ", "")
    if len(nip) != 18 or not nip.isdigit():
        raise NipError("length", nip)
    today = today or date.today()
    birth = _date(nip[0:4], nip[4:6], nip[6:8])
    if birth is None or birth.year < 1900:
        raise NipError("birth_date", nip)
    if birth > today:
        raise NipError("future", nip)
    if nip[12] == "2":  # PPPK
        year = int(nip[8:12])
        if year < 2000 or year > today.year + 1:
            raise NipError("tmt", nip)
        tmt = date(year, 1, 1)
        round_ = int(nip[13])
        if round_ == 0:
            raise NipError("round", nip)
        gender_digit, kind = nip[14], "PPPK"
        # PPPK: the TMT is known to the year only, so the age is checked at the end of that year.
        age_day = date(year, 12, 31)
    else:
        tmt_opt = _date(nip[8:12], nip[12:14], "01")
        if tmt_opt is None or tmt_opt.year < 1940:
            raise NipError("tmt", nip)
        tmt = tmt_opt
        if tmt > today:
            raise NipError("future", nip)
        round_, gender_digit, kind = 0, nip[14], "PNS"
        age_day = tmt
    if gender_digit not in "12":
        raise NipError("gender", nip)
    if _age_on(birth, age_day) < MIN_AGE_AT_APPOINTMENT:
        raise NipError("age", nip)
    return NipInfo(
        nip=nip,
        kind=kind,
        birth_date=birth,
        tmt=tmt,
        gender="L" if gender_digit == "1" else "P",
        sequence=int(nip[15:18]),
        pppk_round=round_ if kind == "PPPK" else None,
    )


def make_nip(*, birth_date: date, tmt: date, gender: str, sequence: int, pppk_round: int | None = None) -> str:
    """Compose a NIP (inverse of :func:`parse_nip`); used by the demo generator and tests."""
    g = "1" if gender == "L" else "2"
    if pppk_round is None:
        return f"{birth_date:%Y%m%d}{tmt:%Y%m}{g}{sequence:03d}"
    return f"{birth_date:%Y%m%d}{tmt.year:04d}2{pppk_round}{g}{sequence:03d}"
