"""NIP (Nomor Induk Pegawai) parsing, RULES.md §1. Pure: no Django, no database.

PNS/CPNS: ``YYYYMMDD`` birth + ``YYYYMM`` TMT CPNS + gender (1 male, 2 female) + 3-digit sequence.
PPPK:     ``YYYYMMDD`` birth + ``YYYY`` TMT year + ``2`` + round (1-9) + gender + 3-digit sequence.
The 13th digit tells them apart: a PNS TMT month starts with 0 or 1, the PPPK marker is 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

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
    if len(nip) != 18 or not (nip.isascii() and nip.isdigit()):  # "²" and "١" are digits to str.isdigit
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


@dataclass(frozen=True)
class NipBatch:
    """Many NIPs parsed at once. ``ok[j]`` only where :func:`parse_nip` accepts ``nips[j]`` (ASCII digits);
    there ``birth``/``tmt`` (datetime64[D]), ``female`` and ``pppk`` say what its :class:`NipInfo` would.
    Rows not ``ok`` may still be valid in forms this fast path leaves to :func:`parse_nip` (or invalid):
    callers parse those one by one, which also gives the exact error."""

    ok: NDArray[np.bool_]
    birth: NDArray[np.datetime64]
    tmt: NDArray[np.datetime64]
    female: NDArray[np.bool_]
    pppk: NDArray[np.bool_]


def _days_in_month(year: NDArray[np.int64], month: NDArray[np.int64]) -> NDArray[np.int64]:
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
    return np.where((month == 2) & leap, 29, days)


def _ymd(year: NDArray[np.int64], month: NDArray[np.int64], day: NDArray[np.int64]) -> NDArray[np.datetime64]:
    months = (year - 1970) * 12 + (month - 1)
    out: NDArray[np.datetime64] = months.astype("datetime64[M]").astype("datetime64[D]") + (day - 1).astype(
        "timedelta64[D]"
    )
    return out


def parse_nips(nips: list[str], *, today: date | None = None) -> NipBatch:
    """:func:`parse_nip`'s rules over whole columns (NumPy), for imports of hundreds of thousands of rows."""
    today = today or date.today()
    n = len(nips)
    ok = np.fromiter((len(s) == 18 and s.isascii() and s.isdigit() for s in nips), dtype=bool, count=n)
    good = [s for s, k in zip(nips, ok.tolist(), strict=True) if k]
    d = np.zeros((n, 18), dtype=np.int64)
    if good:
        d[ok] = np.frombuffer("".join(good).encode("ascii"), dtype=np.uint8).reshape(-1, 18) - 48

    def num(a: int, b: int) -> NDArray[np.int64]:
        out = np.zeros(n, dtype=np.int64)
        for k in range(a, b):
            out = out * 10 + d[:, k]
        return out

    by, bm, bd = num(0, 4), num(4, 6), num(6, 8)
    ok &= (by >= 1900) & (bm >= 1) & (bm <= 12) & (bd >= 1) & (bd <= _days_in_month(by, bm))
    birth = _ymd(np.where(ok, by, 1970), np.where(ok, bm, 1), np.where(ok, bd, 1))
    ok &= birth <= np.datetime64(today, "D")
    pppk = d[:, 12] == 2
    ty, tm = num(8, 12), num(12, 14)
    pns_ok = ~pppk & (tm >= 1) & (tm <= 12) & (ty >= 1940)
    pppk_ok = pppk & (ty >= 2000) & (ty <= today.year + 1) & (d[:, 13] != 0)
    ok &= pns_ok | pppk_ok
    tmt = _ymd(np.where(ok, ty, 1970), np.where(ok & ~pppk, tm, 1), np.ones(n, dtype=np.int64))
    ok &= pppk | (tmt <= np.datetime64(today, "D"))
    ok &= (d[:, 14] == 1) | (d[:, 14] == 2)
    # Age at the TMT (PPPK: on 31 December of the TMT year) at least MIN_AGE_AT_APPOINTMENT.
    age_m, age_d = np.where(pppk, 12, tm), np.where(pppk, 31, 1)
    age = ty - by - ((age_m < bm) | ((age_m == bm) & (age_d < bd)))
    ok &= age >= MIN_AGE_AT_APPOINTMENT
    return NipBatch(ok=ok, birth=birth, tmt=tmt, female=d[:, 14] == 2, pppk=pppk)
