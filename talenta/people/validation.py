"""Field validation shared by forms, services and imports: one message per wrong field.

Each ``clean_*`` function takes raw user input and returns the normalised value or raises
:class:`talenta.core.errors.ApplicationError` with ``extra={"field": ...}`` and a translated message.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talenta.core.errors import ApplicationError
from talenta.engine.nip import NipError, NipInfo, parse_nip
from talenta.engine.rules import RuleSet

NIP_MESSAGES = {
    "length": gettext_noop("NIP must be exactly 18 digits."),
    "birth_date": gettext_noop("NIP digits 1-8 are not a valid birth date (YYYYMMDD)."),
    "tmt": gettext_noop("NIP digits 9-14 are not a valid TMT (YYYYMM for PNS, YYYY2n for PPPK)."),
    "gender": gettext_noop("NIP digit 15 must be 1 (male) or 2 (female)."),
    "round": gettext_noop("NIP digit 14 (PPPK appointment round) must be 1-9."),
    "age": gettext_noop("The NIP's holder would be under 18 at the TMT it states."),
    "future": gettext_noop("The NIP states a date in the future."),
}


def _fail(field: str, message: str, **params) -> ApplicationError:
    return ApplicationError(_(message) % params if params else _(message), {"field": field})


def normalise_status(value) -> str:
    """``PNS``, ``CPNS``, ``PPPK`` (``P`` and ``C`` short for the first two); anything else gives ``""``."""
    status = str(value or "").strip().upper()
    status = {"P": "PNS", "C": "CPNS"}.get(status, status)
    return status if status in ("PNS", "CPNS", "PPPK") else ""


def clean_nip(value, *, status: str | None = None, today: date | None = None) -> NipInfo:
    """Parse a NIP; with ``status`` also check it is the right kind (PNS/CPNS vs PPPK)."""
    text = str(value or "").strip()
    try:
        info = parse_nip(text, today=today)
    except NipError as exc:
        raise _fail("nip", NIP_MESSAGES[exc.part]) from None
    if status is not None and (info.kind == "PPPK") != (status == "PPPK"):
        raise _fail(
            "status", gettext_noop("Status %(status)s does not match a %(kind)s NIP."), status=status, kind=info.kind
        )
    return info


_JOB_KIND_ALIASES = {
    re.sub(r"[\s_]+", " ", code.lower()): code
    for code in (
        "JPT_UTAMA",
        "JPT_MADYA",
        "JPT_PRATAMA",
        "ADMINISTRATOR",
        "PENGAWAS",
        "PELAKSANA",
        "AHLI_UTAMA",
        "AHLI_MADYA",
        "AHLI_MUDA",
        "AHLI_PERTAMA",
        "PENYELIA",
        "MAHIR",
        "TERAMPIL",
        "PEMULA",
    )
}


@lru_cache(maxsize=4096)  # pure; spreadsheets repeat the same few values
def clean_job_kind(value, ruleset: RuleSet) -> str:
    """Accept ``JPT Pratama``, ``Fungsional Ahli Muda``, ``Ahli Muda`` or the code ``AHLI_MUDA``."""
    text = re.sub(r"[\s_]+", " ", str(value or "").strip().lower())
    text = re.sub(r"^(jabatan )?fungsional ", "", text)
    code = _JOB_KIND_ALIASES.get(text)
    if code is None or code not in ruleset.job_kinds:
        raise _fail("job_kind", gettext_noop("Unknown job kind %(value)r."), value=str(value))
    return code


@lru_cache(maxsize=4096)  # pure; spreadsheets repeat the same few values
def clean_golongan(value, *, status: str, ruleset: RuleSet) -> str:
    """``III/a`` style for PNS/CPNS (case-insensitive), Roman I-XVII for PPPK."""
    text = str(value or "").strip().replace(" ", "")
    if status == "PPPK":
        text = text.upper()
        if text not in ruleset.golongan_pppk:
            raise _fail("golongan", gettext_noop("Unknown PPPK golongan %(value)r (I-XVII)."), value=str(value))
        return text
    if "/" in text:
        head, tail = text.split("/", 1)
        text = f"{head.upper()}/{tail.lower()}"
    if text not in ruleset.golongan_pns_codes:
        raise _fail("golongan", gettext_noop("Unknown golongan %(value)r (I/a-IV/e)."), value=str(value))
    return text


_EDUCATION_ALIASES = {
    "SMK": "SMA",
    "SMA/SMK": "SMA",
    "SLTA": "SMA",
    "SLTA KEJURUAN": "SMA",
    "SLTA KEGURUAN": "SMA",
    "SLTP KEJURUAN": "SMP",
    "SARJANA MUDA": "D3",
    "PROFESI": "S1",
    "SPESIALIS": "S2",
    "MA": "SMA",
    "SMU": "SMA",
    "SLTP": "SMP",
    "MTS": "SMP",
    "SEKOLAH DASAR": "SD",
    "DIPLOMA I": "D1",
    "DIPLOMA II": "D2",
    "DIPLOMA III": "D3",
    "DIPLOMA IV": "D4",
    "SARJANA": "S1",
    "SARJANA TERAPAN": "D4",
    "MAGISTER": "S2",
    "PASCASARJANA": "S2",
    "DOKTOR": "S3",
}


@lru_cache(maxsize=4096)  # pure; spreadsheets repeat the same few values
def clean_education(value, ruleset: RuleSet) -> str:
    """``S1``, ``S-1``, ``S1/Sarjana``, ``D-III``, ``Diploma III``, ``SLTA``, ``SMA/SMK`` ... -> a rule-set level."""
    raw = " ".join(str(value or "").split()).upper()
    text = raw.replace(".", "")
    text = _EDUCATION_ALIASES.get(text, text)
    if text not in ruleset.education_levels:
        head = re.split(r"[/(]", text)[0].strip()
        head = re.sub(
            r"^([SD])[-\s]?(IV|III|II|I|\d)$",
            lambda m: m[1] + str({"I": 1, "II": 2, "III": 3, "IV": 4}.get(m[2], m[2])),
            head,
        )
        text = _EDUCATION_ALIASES.get(head, head)
    if text not in ruleset.education_levels:
        raise _fail(
            "education",
            gettext_noop("Unknown education level %(value)r (SD, SMP, SMA, D1-D4, S1-S3)."),
            value=str(value),
        )
    return text


_GENDERS = {
    "L": "L",
    "P": "P",
    "M": "L",
    "F": "P",
    "LAKI-LAKI": "L",
    "LAKI LAKI": "L",
    "PRIA": "L",
    "PEREMPUAN": "P",
    "WANITA": "P",
    "1": "L",
    "2": "P",
}


@lru_cache(maxsize=4096)  # pure; spreadsheets repeat the same few values
def clean_gender(value) -> str | None:
    """``L``/``P`` (also ``M``/``F``, ``Laki-laki``/``Perempuan``); blank gives ``None``."""
    text = " ".join(str(value or "").split()).upper()
    if not text:
        return None
    if text not in _GENDERS:
        raise _fail("gender", gettext_noop("Gender must be L or P."))
    return _GENDERS[text]


def clean_past_date(value: date | None, field: str, *, today: date | None = None) -> date | None:
    if value is not None and value > (today or date.today()):
        raise _fail(field, gettext_noop("The date %(value)s is in the future."), value=value.isoformat())
    return value
