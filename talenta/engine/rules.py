"""Rule sets: the official formulas of spec/RULES.md as versioned, validated data.

A rule set is a TOML file in ``talenta/engine/rulesets/``. It is read and validated once
(:func:`load_ruleset`), and every stored result names ``RuleSet.version``. Validation fails loudly with
:class:`RuleSetError` naming the offending key, so a bad file never reaches a computation.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .pembina import PembinaRules, PembinaRulesError, parse_pembina

RULESET_DIR = Path(__file__).parent / "rulesets"
DEFAULT_RULESET = "permenpan-2020"

RATINGS = ("di_bawah", "sesuai", "di_atas")
COMPETENCY_KINDS = ("manajerial", "sosial_kultural", "teknis")
JOB_FAMILIES = ("jpt", "administrator", "pengawas", "pelaksana", "fungsional")


class RuleSetError(ValueError):
    """A rule-set file is missing a key or holds a value outside its domain."""


@dataclass(frozen=True)
class JobKind:
    """One job kind (RULES.md §2) with its family, retirement age and default required level."""

    code: str
    label: str
    family: str
    bup: int
    default_level: int


@dataclass(frozen=True)
class LearningForm:
    """A learning form (BENTUK, RULES.md §7): its route and the JP credited when none is stated."""

    name: str
    route: str
    default_jp: float


@dataclass(frozen=True)
class IpWindows:
    """The windows of the IP ASN of one year (RULES.md §6), all measured back from ``reference`` (31 December
    of the year): a record counts when ``*_from <= date <= reference``; ``skp_year`` is the SKP used."""

    year: int
    reference: date
    technical_from: date
    seminar_from: date
    discipline_from: date
    skp_year: int
    technical_months: int
    seminar_months: int
    discipline_years: int


def _months_back(day: date, months: int) -> date:
    """The day after ``day`` minus ``months`` months: the first day inside a window of ``months`` months
    that ends on ``day`` (31 December minus 12 months gives 1 January of the same year)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(day.day, last)) + timedelta(days=1)


@dataclass(frozen=True)
class AbkRules:
    """RULES.md §10: the effective working time, how the need is rounded, the period factors, the PJ bands
    (grade, label, lower bound, whether the bound itself is excluded) and the retirement horizons."""

    wke_minutes: float
    rounding: str  # "half_up" or "ceiling"
    periods: Mapping[str, float]
    pj: tuple[tuple[str, str, float, bool], ...]
    retirement_years: tuple[int, ...]


def parse_abk(doc: Mapping[str, Any]) -> AbkRules:
    abk = _require(doc, "abk")
    wke = abk.get("wke_minutes")
    if not isinstance(wke, (int, float)) or not 0 < wke <= 525_600:
        raise RuleSetError("abk.wke_minutes must be a positive number of minutes a year")
    if abk.get("rounding") not in ("half_up", "ceiling"):
        raise RuleSetError("abk.rounding must be half_up or ceiling")
    periods = {str(k): float(v) for k, v in _require(doc, "abk.periods").items()}
    if not periods or any(v <= 0 for v in periods.values()):
        raise RuleSetError("abk.periods must give each period a positive number of times a year")
    bands = []
    for band in _require(doc, "abk.pj"):
        if ("above" in band) == ("from" in band):
            raise RuleSetError(f"abk.pj {band.get('grade')!r}: give either above or from")
        bands.append(
            (str(band["grade"]), str(band["label"]), float(band.get("above", band.get("from"))), "above" in band)
        )
    if [b[2] for b in bands] != sorted((b[2] for b in bands), reverse=True) or bands[-1][2] > 0:
        raise RuleSetError("abk.pj bands must run from the highest bound down to 0")
    years = tuple(int(y) for y in abk.get("retirement_years", [1, 2, 5]))
    return AbkRules(float(wke), abk["rounding"], MappingProxyType(periods), tuple(bands), years)


@dataclass(frozen=True, eq=False)  # identity equality and hash: rule sets are loaded once and cached
class RuleSet:
    """A validated rule set. ``raw`` keeps the whole document for sections read by later modules."""

    version: str
    name: str
    job_kinds: Mapping[str, JobKind]
    golongan_pns: tuple[tuple[str, str], ...]
    golongan_pppk: tuple[str, ...]
    education_levels: tuple[str, ...]
    competencies: tuple[tuple[str, str, str], ...]
    skp_matrix: Mapping[tuple[str, str], str]
    predikat: tuple[str, ...]
    learning_forms: Mapping[str, LearningForm]
    learning_types: Mapping[str, str]
    raw: Mapping[str, Any] = field(repr=False)
    abk: AbkRules | None = None  # RULES.md §10; None in a rule set without job governance
    pembina: PembinaRules | None = None  # RULES.md §11; None in a rule set without it

    def learning_form(self, value: str) -> str | None:
        """The rule set's form for a BENTUK as written in a file (case, spaces, dashes and aliases ignored)."""
        return _match(value, self.learning_forms, self.raw["learning"].get("form_aliases", {}))

    def learning_type(self, value: str) -> str | None:
        """The rule set's type for a JENIS as written in a file (``Diklatpim Tk. III`` -> ``PKA``)."""
        return _match(value, self.learning_types, self.raw["learning"].get("type_aliases", {}))

    @property
    def golongan_pns_codes(self) -> frozenset[str]:
        return frozenset(code for code, _title in self.golongan_pns)

    def job_kind(self, code: str) -> JobKind:
        try:
            return self.job_kinds[code]
        except KeyError:
            raise RuleSetError(f"unknown job kind {code!r}") from None

    def predikat_for(self, hasil_kerja: str, perilaku: str) -> str:
        """SKP predikat from the two ratings (each one of ``RATINGS``), RULES.md §2."""
        return self.skp_matrix[(hasil_kerja, perilaku)]

    def ip_windows(self, year: int) -> IpWindows:
        """The IP ASN windows of ``year`` from the rule set's ``[ip_asn]`` (RULES.md §6)."""
        ip = self.raw["ip_asn"]
        reference = date(year, 12, 31)
        technical, seminar = int(ip["technical_window_months"]), int(ip["seminar_window_months"])
        discipline = int(ip["discipline_window_years"])
        return IpWindows(
            year=year,
            reference=reference,
            technical_from=_months_back(reference, technical),
            seminar_from=_months_back(reference, seminar),
            discipline_from=_months_back(reference, 12 * discipline),
            skp_year=year - int(ip["skp_year_offset"]),
            technical_months=technical,
            seminar_months=seminar,
            discipline_years=discipline,
        )

    def retirement_date(self, birth_date: date, job_kind: str) -> date:
        """Retirement (BUP) date: the first day of the month after the BUP birthday (PP 11/2017 Pasal 239)."""
        bup = self.job_kind(job_kind).bup
        year, month = birth_date.year + bup, birth_date.month + 1
        if month == 13:
            year, month = year + 1, 1
        return date(year, month, 1)


def _key(text: str) -> str:
    return "".join(ch for ch in str(text).upper() if ch.isalnum())


def _match(value: str, names: Mapping[str, Any], aliases: Mapping[str, str]) -> str | None:
    key = _key(value)
    for name in names:
        if _key(name) == key:
            return name
    for alias, name in aliases.items():
        if _key(alias) == key and name in names:
            return name
    return None


def _require(doc: Mapping[str, Any], path: str) -> Any:
    node: Any = doc
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise RuleSetError(f"rule set lacks [{path}]")
        node = node[part]
    return node


def parse_ruleset(doc: Mapping[str, Any]) -> RuleSet:
    """Validate a parsed TOML document and build a :class:`RuleSet`."""
    version = str(_require(doc, "meta.version"))
    job_kinds: dict[str, JobKind] = {}
    for code, spec in _require(doc, "job_kinds").items():
        try:
            kind = JobKind(code, str(spec["label"]), str(spec["family"]), int(spec["bup"]), int(spec["default_level"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise RuleSetError(f"job_kinds.{code}: {exc}") from None
        if kind.family not in JOB_FAMILIES:
            raise RuleSetError(f"job_kinds.{code}.family must be one of {JOB_FAMILIES}")
        if not 1 <= kind.default_level <= 5 or not 50 <= kind.bup <= 70:
            raise RuleSetError(f"job_kinds.{code}: default_level 1-5 and bup 50-70 expected")
        job_kinds[code] = kind
    matrix_doc = _require(doc, "skp.matrix")
    predikat = tuple(_require(doc, "skp.predikat"))
    matrix: dict[tuple[str, str], str] = {}
    for hasil in RATINGS:
        for perilaku in RATINGS:
            try:
                value = matrix_doc[hasil][perilaku]
            except KeyError:
                raise RuleSetError(f"skp.matrix lacks {hasil} x {perilaku}") from None
            if value not in predikat:
                raise RuleSetError(f"skp.matrix.{hasil}.{perilaku}: {value!r} is not a predikat")
            matrix[(hasil, perilaku)] = value
    competencies = []
    for item in _require(doc, "competencies"):
        if item.get("kind") not in COMPETENCY_KINDS:
            raise RuleSetError(f"competency {item.get('code')!r}: kind must be one of {COMPETENCY_KINDS}")
        competencies.append((str(item["code"]), str(item["name"]), str(item["kind"])))
    routes = tuple(_require(doc, "learning.routes"))
    forms: dict[str, LearningForm] = {}
    for name, spec in _require(doc, "learning.forms").items():
        if spec.get("route") not in routes:
            raise RuleSetError(f"learning.forms.{name}.route must be one of {routes}")
        forms[name] = LearningForm(name, spec["route"], float(spec.get("default_jp", 0)))
    types = dict(_require(doc, "learning.types"))
    for key, lo, hi in (("technical_window_months", 1, 120), ("seminar_window_months", 1, 120),
                        ("discipline_window_years", 1, 20), ("skp_year_offset", 0, 5)):  # fmt: skip
        value = _require(doc, f"ip_asn.{key}")
        if not isinstance(value, int) or not lo <= value <= hi:
            raise RuleSetError(f"ip_asn.{key} must be a whole number {lo}-{hi}")
    golongan_pns = tuple((str(code), str(title)) for code, title in _require(doc, "golongan.pns"))
    return RuleSet(
        version=version,
        name=str(_require(doc, "meta.name")),
        job_kinds=MappingProxyType(job_kinds),
        golongan_pns=golongan_pns,
        golongan_pppk=tuple(_require(doc, "golongan.pppk")),
        education_levels=tuple(_require(doc, "education.levels")),
        competencies=tuple(competencies),
        skp_matrix=MappingProxyType(matrix),
        predikat=predikat,
        learning_forms=MappingProxyType(forms),
        learning_types=MappingProxyType(types),
        raw=MappingProxyType(dict(doc)),
        abk=parse_abk(doc) if "abk" in doc else None,
        pembina=_pembina(doc),
    )


def _pembina(doc: Mapping[str, Any]) -> PembinaRules | None:
    if "pembina" not in doc:
        return None
    try:
        return parse_pembina(doc["pembina"])
    except PembinaRulesError as exc:
        raise RuleSetError(str(exc)) from None


@lru_cache(maxsize=8)
def load_ruleset(name: str = DEFAULT_RULESET) -> RuleSet:
    """Read and validate ``rulesets/<name>.toml`` once per process."""
    path = RULESET_DIR / f"{name}.toml"
    if not path.is_file():
        raise RuleSetError(f"no rule set named {name!r} in {RULESET_DIR}")
    with path.open("rb") as fh:
        return parse_ruleset(tomllib.load(fh))
