"""The official measures of spec/RULES.md over whole populations, vectorised with NumPy.

Every function takes arrays with one entry (row) per employee and returns arrays of the same length, so
one employee on a profile page and four million in a national roll-up go through the same code. Tables
come from a :class:`RuleSet` through :func:`tables_for` (built once per rule set).

Encodings used throughout (int8 unless said otherwise; ``-1`` means "no data"):

- rating (SKP hasil kerja / perilaku kerja): 0 di bawah, 1 sesuai, 2 di atas ekspektasi
- predikat: index into ``RuleSet.predikat`` (0 Sangat Baik, 1 Baik, 2 Butuh Perbaikan,
  3 Kurang/Misconduct, 4 Sangat Kurang)
- band (performance and potential): 0 low (di bawah / rendah), 1 middle, 2 high
- education: index into ``RuleSet.education_levels`` (0 SD ... 9 S3)
- discipline: 0 none, 1 ringan, 2 sedang, 3 berat
- job family: index into ``JOB_FAMILIES`` (jpt, administrator, pengawas, pelaksana, fungsional)
- scores and JP: float64, NaN where not computable

Some result fields (:class:`Expanded`) may hold a :class:`Deferred` instead of an array: they still read as
float64 arrays, computed on first read (the fused kernel's table look-ups).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from .rules import JOB_FAMILIES, RATINGS, RuleSet

F64 = NDArray[np.float64]
I8 = NDArray[np.int8]
B = NDArray[np.bool_]
BANDS = ("di_bawah", "sesuai", "di_atas")
POTENTIAL_BANDS = ("rendah", "menengah", "tinggi")
DISCIPLINE = ("none", "ringan", "sedang", "berat")


@dataclass(frozen=True, eq=False)
class Cuts:
    """Ascending thresholds and their labels: value >= thresholds[i] (or > with ``strict``) gives label i."""

    thresholds: F64
    labels: tuple[str, ...]
    strict: bool = False

    @classmethod
    def from_pairs(cls, pairs: list[list[object]], strict: bool = False) -> Cuts:
        ordered = sorted(((float(str(t)), str(label)) for t, label in pairs), key=lambda p: p[0])
        return cls(np.array([t for t, _ in ordered]), tuple(label for _, label in ordered), strict)

    def index(self, values: F64) -> I8:
        """Category index per value; -1 for NaN. A few comparisons beat a binary search for short lists."""
        idx = np.zeros(values.shape, dtype=np.int8)
        for t in self.thresholds[1:]:
            idx += (values > t) if self.strict else (values >= t)
        idx[np.isnan(values)] = -1
        return idx


@dataclass(frozen=True, eq=False)
class Tables:
    """Look-up tables of a rule set, in the encodings above."""

    version: str
    predikat_matrix: I8  # (3, 3): [hasil, perilaku] -> predikat
    predikat_points: F64  # (5,) SKOR_KINERJA per predikat
    predikat_band: I8  # (5,) performance band per predikat
    performance_from_score: bool
    performance_cuts: Cuts
    potential_cuts: Cuts
    weights: dict[str, float]
    talent_weights: tuple[float, float]
    integrity: F64  # (4,) by discipline level
    integrity_serving: float
    boxes: I8  # (3, 3): [performance band, potential band] -> box 1..9
    pool: B  # (10,) box -> in the talent pool
    national_pool: B  # (10,)
    jpm_mapping: Cuts
    jpm_selection: Cuts
    ip_categories: Cuts
    ip_qualification: F64  # (10,) by education
    ip_skp_bands: Cuts  # numeric SKP score -> points (labels are the points)
    ip_predikat_points: F64  # (5,)
    ip_discipline: F64  # (4,)
    ip_points: (
        F64  # (3 groups, 4 items) leadership/functional, technical, seminar; groups structural, fungsional, pelaksana
    )
    technical_min_jp: float
    family_group: I8  # (5,) job family -> 0 structural, 1 fungsional, 2 pelaksana
    education_item: F64  # (10,) education -> qualification item score 0-100
    experience_cuts: Cuts
    pns_min_jp: float
    pppk_max_jp: float
    assessment_validity_days: float
    performance_main: float  # weight of the main performance (SKP predikat points) in the performance score
    performance_supporting: float  # weight of the supporting performance (awards, team assignments)
    supporting_points: tuple[float, float]  # points per award and per team assignment (capped at 100)


@lru_cache(maxsize=8)
def tables_for(rules: RuleSet) -> Tables:
    raw = rules.raw
    talent, ip, learning = raw["talent"], raw["ip_asn"], raw["learning"]
    pred = {name: i for i, name in enumerate(rules.predikat)}
    matrix = np.array([[pred[rules.predikat_for(h, p)] for p in RATINGS] for h in RATINGS], dtype=np.int8)
    boxes = np.array([[int(talent["boxes"][perf][pot]) for pot in POTENTIAL_BANDS] for perf in BANDS], dtype=np.int8)
    pool = np.zeros(10, dtype=bool)
    pool[list(talent["pool_boxes"])] = True
    national = np.zeros(10, dtype=bool)
    national[list(talent["national_pool_boxes"])] = True
    points = ip["competency_points"]
    ip_points = np.array(
        [
            [points["structural"]["leadership"], points["structural"]["technical"], points["structural"]["seminar"]],
            [points["fungsional"]["functional"], points["fungsional"]["technical"], points["fungsional"]["seminar"]],
            [0.0, points["pelaksana"]["technical"], points["pelaksana"]["seminar"]],
        ],
        dtype=np.float64,
    )
    group = {"jpt": 0, "administrator": 0, "pengawas": 0, "fungsional": 1, "pelaksana": 2}
    integrity = talent["integrity_score"]
    return Tables(
        version=rules.version,
        predikat_matrix=matrix,
        predikat_points=np.array([float(talent["predikat_points"][p]) for p in rules.predikat]),
        predikat_band=np.array([BANDS.index(talent["performance_band"][p]) for p in rules.predikat], dtype=np.int8),
        performance_from_score=talent.get("performance_from", "predikat") == "score",
        performance_cuts=Cuts.from_pairs(talent["performance_cuts"]),
        potential_cuts=Cuts.from_pairs(talent["potential_cuts"]),
        weights={k: float(v) for k, v in talent["potential_weights"].items()},
        talent_weights=(float(talent["talent_weights"]["performance"]), float(talent["talent_weights"]["potential"])),
        integrity=np.array([float(integrity[d]) for d in DISCIPLINE]),
        integrity_serving=float(integrity["serving"]),
        boxes=boxes,
        pool=pool,
        national_pool=national,
        jpm_mapping=Cuts.from_pairs(raw["jpm"]["mapping"]),
        jpm_selection=Cuts.from_pairs(raw["jpm"]["selection"]),
        ip_categories=Cuts.from_pairs(ip["categories"], strict=True),
        ip_qualification=np.array([float(ip["qualification"][e]) for e in rules.education_levels]),
        ip_skp_bands=Cuts.from_pairs(ip["skp_score_bands"]),
        ip_predikat_points=np.array([float(ip["skp_predikat_points"][p]) for p in rules.predikat]),
        ip_discipline=np.array([float(ip["discipline_points"][d]) for d in DISCIPLINE]),
        ip_points=ip_points,
        technical_min_jp=float(ip["technical_min_jp"]),
        family_group=np.array([group[f] for f in JOB_FAMILIES], dtype=np.int8),
        education_item=np.array([float(talent["education_score"][e]) for e in rules.education_levels]),
        experience_cuts=Cuts.from_pairs(talent["experience_score"]),
        pns_min_jp=float(learning["pns_min_jp"]),
        pppk_max_jp=float(learning["pppk_max_jp"]),
        assessment_validity_days=365.25 * float(raw["jpm"]["assessment_validity_years"]),
        performance_main=float(talent["performance_weights"]["main"]),
        performance_supporting=float(talent["performance_weights"]["supporting"]),
        supporting_points=(
            float(talent["supporting_points"]["penghargaan"]),
            float(talent["supporting_points"]["tim_kerja"]),
        ),
    )


def _take(table: NDArray[np.generic], idx: NDArray[np.integer], missing: float | int) -> NDArray[np.generic]:
    """``table[idx]`` with ``missing`` where idx is -1 (the extra last entry answers index -1)."""
    extended: NDArray[np.generic] = np.append(table, missing)
    out: NDArray[np.generic] = extended[idx]
    return out


@dataclass(frozen=True, eq=False)
class Deferred:
    """Per-employee values computed when first read, as ``fn(*args)``.

    The fused kernel returns the measures that are a rule-set table entry (the potential's items, the IP ASN
    dimensions, the performance score) as each employee's index into the table, and IKK as 100 - JPM: nine
    float64 columns it need not write (bench/README.md). See :func:`lookup`.
    """

    fn: Callable[..., NDArray[Any]]
    args: tuple[Any, ...]

    def values(self) -> NDArray[Any]:
        return self.fn(*self.args)


def lookup(table: NDArray[Any], index: NDArray[np.integer], missing: float) -> Deferred:
    """``table[index]`` when read, ``missing`` where the index is -1 (as :func:`_take`)."""
    return Deferred(np.take, (np.append(np.asarray(table, dtype=np.float64), missing), index))


class Expanded:
    """A dataclass field holding an array or a :class:`Deferred`; it reads as an array (computed once)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Expanded: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> NDArray[Any]: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> NDArray[Any] | Expanded:
        if obj is None:
            raise AttributeError(self.slot)  # no default value for the dataclass field
        value = obj.__dict__[self.slot]
        if isinstance(value, Deferred):  # two threads may both compute it: same values either way
            value = obj.__dict__[self.slot] = value.values()
        return value  # type: ignore[no-any-return]

    def __set__(self, obj: object, value: NDArray[Any] | Deferred) -> None:
        obj.__dict__[self.slot] = value


# -- RULES.md §4: gaps and Job Person Match ------------------------------------------------------------
@dataclass(frozen=True)
class JpmResult:
    """Per employee: JPM raw (may exceed 100) and capped at 100, IKK, categories; gaps per competency."""

    raw: F64  # (n,) percent, NaN without an assessment
    capped: F64  # (n,)
    mapping: I8  # (n,) index into Tables.jpm_mapping.labels (Kurang Optimal, Cukup Optimal, Optimal)
    selection: I8  # (n,) index into Tables.jpm_selection.labels (KMS, MMS, MS)
    gaps: NDArray[np.int8]  # (n, k) levels below the standard, 0 where met or not in the standard
    ikk: Expanded = Expanded()  # (n,) float64, 100 - capped


def jpm(required: NDArray[np.integer], actual: NDArray[np.integer], assessed: B, tables: Tables) -> JpmResult:
    """Gaps and JPM of each employee against their position's standard (RULES.md §4).

    ``required`` (n, k): required level 1-5 per competency, 0 where the competency is not in the standard.
    ``actual`` (n, k): assessed level 1-5, 0 where not assessed (counts as 0 within the standard).
    ``assessed`` (n,): whether the employee has an assessment at all (JPM is NaN otherwise).
    """
    required = np.asarray(required, dtype=np.int8)  # no copy when already int8
    act = np.asarray(actual, dtype=np.int8) * (required > 0)  # levels outside the standard do not count
    total_req = required.sum(axis=1, dtype=np.int32)
    total_act = act.sum(axis=1, dtype=np.int32)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = total_act * 100.0 / total_req
    raw[~assessed | (total_req == 0)] = np.nan
    capped = np.minimum(raw, 100.0)
    gaps = required - act
    np.maximum(gaps, 0, out=gaps)
    gaps *= assessed[:, None]
    return JpmResult(
        raw, capped, tables.jpm_mapping.index(capped), tables.jpm_selection.index(capped), gaps, 100.0 - capped
    )


def stale_assessment(age_days: F64, tables: Tables) -> B:
    """True where the latest assessment is older than the rule set's validity window (default 3 years)."""
    return np.nan_to_num(age_days, nan=-1.0) > tables.assessment_validity_days


# -- RULES.md §2 and §5: SKP, performance, potential, nine boxes ---------------------------------------
def skp_predikat(hasil: I8, perilaku: I8, tables: Tables) -> I8:
    """Predikat index from the two ratings (PermenPAN-RB 6/2022 matrix); -1 where a rating is missing."""
    out = tables.predikat_matrix[hasil, perilaku]  # -1 picks the last row/column: fixed just below
    out[(hasil < 0) | (perilaku < 0)] = -1
    return out


def supporting_performance(awards: NDArray[np.integer], teams: NDArray[np.integer], tables: Tables) -> F64:
    """Supporting performance 0-100 (RULES.md §5, BKN-2025): the rule set's points per award and per team
    assignment (SK tim kerja) within the window before the reference date, capped at 100; 0 without any."""
    pa, pt = tables.supporting_points
    out: F64 = np.minimum(100.0, pa * np.asarray(awards, dtype=np.float64) + pt * np.asarray(teams, dtype=np.float64))
    return out


def performance_score(predikat: I8, supporting: F64 | None, tables: Tables) -> F64:
    """Performance score 0-100: main (the predikat's points) x its weight + supporting x its weight (default
    rule set: 1 and 0, so the predikat's points; BKN-2025: 0.6 and 0.4). NaN without an SKP."""
    points = _take(tables.predikat_points, predikat, np.nan).astype(np.float64)
    if supporting is None or not tables.performance_supporting:
        return points if tables.performance_main == 1.0 else tables.performance_main * points
    out: F64 = tables.performance_main * points + tables.performance_supporting * supporting
    return out


def performance(predikat: I8, tables: Tables, supporting: F64 | None = None) -> tuple[F64, I8]:
    """Performance score (0-100, :func:`performance_score`) and band (0-2), from the latest SKP's predikat
    and, where the rule set weighs it, the supporting performance (:func:`supporting_performance`)."""
    score = performance_score(predikat, supporting, tables)
    if tables.performance_from_score:
        band = tables.performance_cuts.index(score)
    else:
        band = _take(tables.predikat_band, predikat, -1).astype(np.int8)
    return score, band


def qualification_items(education: I8, years_of_service: F64, tables: Tables) -> tuple[F64, F64]:
    """The education and experience items of the potential score (each 0-100, rule-set rubric)."""
    edu = _take(tables.education_item, education, np.nan).astype(np.float64)
    exp_idx = tables.experience_cuts.index(years_of_service)
    exp_points = np.array([float(label) for label in tables.experience_cuts.labels])
    return edu, _take(exp_points, exp_idx, np.nan).astype(np.float64)


def integrity_score(discipline: I8, serving: B, tables: Tables) -> F64:
    """Integrity item 0-100 from the worst penalty: none 100, ringan 75, sedang 50, berat 25, serving now 0."""
    score = tables.integrity[discipline]
    score[serving] = tables.integrity_serving
    return score


def potential(
    assessment_potential: F64,
    jpm_capped: F64,
    education: F64,
    field_match: F64,
    training: F64,
    experience: F64,
    integrity: F64,
    tables: Tables,
) -> tuple[F64, I8]:
    """Potential score 0-100 and band (RULES.md §5), all inputs (n,) on 0-100.

    The ``assessment`` weight applies to the assessment's potential score, or to JPM (capped) where the
    assessment gave none; the ``competency`` weight applies to JPM. NaN where neither exists.
    """
    w = tables.weights
    assessment = np.where(np.isnan(assessment_potential), jpm_capped, assessment_potential)
    parts = {
        "assessment": assessment,
        "competency": jpm_capped,
        "education": education,
        "field_match": field_match,
        "training": training,
        "experience": experience,
        "integrity": integrity,
    }
    score = np.zeros(len(assessment), dtype=np.float64)
    for name, values in parts.items():
        if w.get(name):  # a zero weight must not turn a missing component into a missing score
            score = score + w[name] * values
    return score, tables.potential_cuts.index(score)


def nine_box(performance_band: I8, potential_band: I8, tables: Tables) -> I8:
    """Box 1-9 (RULES.md §5 grid); 0 where either band is unknown."""
    box = tables.boxes[performance_band, potential_band]
    box[(performance_band < 0) | (potential_band < 0)] = 0
    return box


def official_box(engine_box: I8, reviewed_box: NDArray[np.integer] | None, tables: Tables) -> tuple[I8, B, B, B]:
    """The box of the year (RULES.md §5): the one a finalised talent review gave where it placed the employee
    (``reviewed_box`` 1-9; 0 or None: no review), else the engine's. Returns the box, whether it is the
    review's, and its talent-pool and national-pool membership (which follow the box)."""
    if reviewed_box is None or not np.any(reviewed_box):
        box = engine_box
        reviewed = np.zeros(len(engine_box), dtype=bool)
    else:
        reviewed = np.asarray(reviewed_box) > 0
        box = np.where(reviewed, reviewed_box, engine_box).astype(np.int8)
    pool, national = in_pool(box, tables)
    return box, reviewed, pool, national


def talent_score(performance_score: F64, potential_score: F64, tables: Tables) -> F64:
    wp, wq = tables.talent_weights
    return wp * performance_score + wq * potential_score


def in_pool(box: I8, tables: Tables) -> tuple[B, B]:
    """Talent pool (boxes 7-9) and national pool (box 9) membership."""
    return tables.pool[box], tables.national_pool[box]


# -- RULES.md §6: IP ASN -------------------------------------------------------------------------------
@dataclass(frozen=True)
class IpResult:
    """IP ASN per employee (float64 points) and its category."""

    total: F64
    category: I8  # index into Tables.ip_categories.labels (Sangat Rendah ... Sangat Tinggi)
    qualification: Expanded = Expanded()
    competency: Expanded = Expanded()
    performance: Expanded = Expanded()
    discipline: Expanded = Expanded()


def ip_asn(
    education: I8,
    family: I8,
    leadership_ok: B,
    functional_ok: B,
    technical_jp: F64,
    seminar: B,
    skp_score: F64,
    predikat: I8,
    discipline: I8,
    tables: Tables,
) -> IpResult:
    """Indeks Profesionalitas ASN and its four dimensions (RULES.md §6).

    ``leadership_ok``: has the leadership training of the job's level or higher; ``functional_ok``: has a
    functional training; ``technical_jp``: technical training JP in the last year; ``seminar``: a seminar
    or workshop in the last 2 years; ``skp_score``: previous year's numeric SKP (NaN -> use ``predikat``);
    ``discipline``: worst penalty in the last 5 years.
    """
    qualification = _take(tables.ip_qualification, education, 0.0).astype(np.float64)
    group = tables.family_group[family]
    first = np.where(group == 0, leadership_ok, functional_ok)
    competency = (
        tables.ip_points[:, 0][group] * first
        + tables.ip_points[:, 1][group] * (technical_jp >= tables.technical_min_jp)
        + tables.ip_points[:, 2][group] * seminar
    )
    band_points = np.array([float(label) for label in tables.ip_skp_bands.labels])
    from_score = _take(band_points, tables.ip_skp_bands.index(skp_score), np.nan)
    from_predikat = _take(tables.ip_predikat_points, predikat, 0.0)
    perf = np.where(np.isnan(skp_score), from_predikat, from_score).astype(np.float64)
    disc = tables.ip_discipline[discipline]
    total = qualification + competency + perf + disc
    return IpResult(total, tables.ip_categories.index(total), qualification, competency, perf, disc)


# -- RULES.md §7: JP -----------------------------------------------------------------------------------
def jp_totals(employee: NDArray[np.integer], jp: F64, n: int) -> F64:
    """JP per employee from learning records: ``employee`` (m,) row index 0..n-1, ``jp`` (m,) JP each."""
    return np.bincount(employee, weights=jp, minlength=n)[:n].astype(np.float64)


def jp_compliance(total: F64, pppk: B, tables: Tables) -> tuple[F64, I8]:
    """JP counted (PPPK capped at 24) and 20-JP compliance: 1 yes, 0 no, -1 not applicable (PPPK)."""
    counted = np.where(pppk, np.minimum(total, tables.pppk_max_jp), total)
    compliant = np.where(pppk, -1, counted >= tables.pns_min_jp).astype(np.int8)
    return counted, compliant


# -- everything at once --------------------------------------------------------------------------------
def supporting_inputs(x: Mapping[str, NDArray[Any]], tables: Tables) -> F64 | None:
    """The supporting performance of ``x`` (optional inputs ``awards`` and ``team_assignments``), or None
    where the rule set does not weigh it or the inputs are absent."""
    if not tables.performance_supporting or "awards" not in x:
        return None
    return supporting_performance(x["awards"], x["team_assignments"], tables)


INPUT_KEYS = (
    "required", "actual", "assessed", "assessment_age_days", "hasil", "perilaku", "prev_hasil", "prev_perilaku",
    "prev_score", "assessment_potential", "education", "years", "field_match", "training", "discipline", "serving",
    "family", "leadership", "functional", "technical_jp", "seminar", "pppk", "learning_employee", "learning_jp",
)  # fmt: skip
# Optional inputs: ``reviewed_box`` (n,) int8, the box a finalised talent review gave for the year (0: none);
# ``awards`` and ``team_assignments`` (n,) counts within the supporting-performance window (BKN-2025).


@dataclass(frozen=True)
class Measures:
    """Every measure per employee (arrays, row i = employee i) and the rule-set version.

    ``box`` is the box of the year: a finalised review's where there is one (``box_reviewed``), else the
    engine's (``engine_box``); ``pool`` and ``national_pool`` follow ``box``."""

    ruleset: str
    jpm: JpmResult
    stale: B
    predikat: I8
    performance_band: I8
    potential_score: F64
    potential_band: I8
    box: I8
    pool: B
    national_pool: B
    ip: IpResult
    jp: F64
    compliant: I8
    engine_box: I8
    box_reviewed: B
    performance_score: Expanded = Expanded()  # float64
    education_item: Expanded = Expanded()
    experience_item: Expanded = Expanded()
    integrity: Expanded = Expanded()


def compute_reference(x: Mapping[str, NDArray[Any]], tables: Tables) -> Measures:
    """Every measure from one dict of input arrays (keys as in ``INPUT_KEYS``), one row per employee, step by
    step with the NumPy functions above: the reference the fused kernel equals (``engine.compute``).

    ``prev_*`` are the SKP of the year IP ASN uses; ``hasil``/``perilaku`` the latest SKP (for the box);
    ``learning_employee``/``learning_jp`` the JP records of the year.
    """
    n = len(x["assessed"])
    jp = jp_totals(x["learning_employee"], x["learning_jp"], n)
    j = jpm(x["required"], x["actual"], x["assessed"], tables)
    predikat = skp_predikat(x["hasil"], x["perilaku"], tables)
    supporting = supporting_inputs(x, tables)
    perf_score, perf_band = performance(predikat, tables, supporting)
    edu_item, exp_item = qualification_items(x["education"], x["years"], tables)
    integrity = integrity_score(x["discipline"], x["serving"], tables)
    pot, pot_band = potential(
        x["assessment_potential"], j.capped, edu_item, x["field_match"], x["training"], exp_item, integrity, tables
    )
    engine_box = nine_box(perf_band, pot_band, tables)
    box, reviewed, pool, national = official_box(engine_box, x.get("reviewed_box"), tables)
    prev_predikat = skp_predikat(x["prev_hasil"], x["prev_perilaku"], tables)
    ip = ip_asn(
        x["education"],
        x["family"],
        x["leadership"],
        x["functional"],
        x["technical_jp"],
        x["seminar"],
        x["prev_score"],
        prev_predikat,
        x["discipline"],
        tables,
    )
    counted, compliant = jp_compliance(jp, x["pppk"], tables)
    return Measures(
        tables.version,
        j,
        stale_assessment(x["assessment_age_days"], tables),
        predikat,
        perf_band,
        pot,
        pot_band,
        box,
        pool,
        national,
        ip,
        counted,
        compliant,
        engine_box,
        reviewed,
        perf_score,
        edu_item,
        exp_item,
        integrity,
    )
