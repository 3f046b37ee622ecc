"""Talent reviews and succession (issue 6): eligibility, fit, readiness, box guidelines, bench strength.

Pure and vectorised like :mod:`talenta.engine.measures`: arrays in, arrays out, row i = candidate i. The
rules (who may succeed to which job kind, the readiness cuts, the fit weights, the box guideline) come
from the rule set's ``[succession]`` and ``[talent.review]`` sections through :func:`succession_tables`.

Encodings: readiness is an index into ``SuccessionTables.readiness_labels`` (0 ready now ... last), -1 where
it cannot be derived (no assessment); golongan is a rank (0 = I/a ... 16 = IV/e, PPPK golongan mapped to
its PNS equivalent), -1 unknown; the box is 1-9, 0 not placed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .rules import JOB_FAMILIES, RuleSet, RuleSetError

F64 = NDArray[np.float64]
I8 = NDArray[np.int8]
B = NDArray[np.bool_]

# Why a candidate is not eligible (bit flags, combined with |).
NOT_JOB_KIND = 1
NOT_GOLONGAN = 2
NOT_STATUS = 4
NOT_RUNWAY = 8
REASONS = {
    NOT_JOB_KIND: "job kind",
    NOT_GOLONGAN: "golongan",
    NOT_STATUS: "status",
    NOT_RUNWAY: "years to retirement",
}


@dataclass(frozen=True)
class Eligibility:
    """Who may succeed to one target job kind."""

    from_kinds: frozenset[str]
    min_golongan: int  # rank, see golongan_rank
    statuses: frozenset[str]


@dataclass(frozen=True)
class SuccessionTables:
    version: str
    eligibility: Mapping[str, Eligibility]
    golongan_ranks: Mapping[str, int]
    min_years_to_retirement: float
    readiness_labels: tuple[str, ...]
    readiness_min_jpm: F64
    readiness_max_gap: NDArray[np.int16]
    fit_weights: tuple[float, float, float]  # jpm, box, runway
    box_points: F64  # (10,) by box, 0 = not placed
    runway_years: float
    box_guideline: F64  # (10,) expected share (percent) per box; index 0 unused
    warn_factor: float
    pool_levels: Mapping[str, str]  # job family -> pool level

    def golongan_rank(self, golongan: str) -> int:
        return self.golongan_ranks.get(golongan.strip(), -1)


def succession_tables(rules: RuleSet) -> SuccessionTables:
    """Build and validate the tables from a rule set (raises RuleSetError on a bad section)."""
    try:
        s: Mapping[str, Any] = rules.raw["succession"]
        review: Mapping[str, Any] = rules.raw["talent"]["review"]
    except KeyError as exc:
        raise RuleSetError(f"rule set lacks [{exc.args[0]}]") from None
    ranks = {code: i for i, (code, _title) in enumerate(rules.golongan_pns)}
    for pppk, pns in s["pppk_equivalent"].items():
        if pns not in ranks or pppk not in rules.golongan_pppk:
            raise RuleSetError(f"succession.pppk_equivalent.{pppk}: {pns!r} is not a PNS golongan")
        ranks[pppk] = ranks[pns]
    eligibility: dict[str, Eligibility] = {}
    for target, spec in s["eligibility"].items():
        unknown = {target, *spec["from"]} - set(rules.job_kinds)
        if unknown or spec["min_golongan"] not in ranks:
            raise RuleSetError(f"succession.eligibility.{target}: unknown {sorted(unknown) or spec['min_golongan']}")
        eligibility[target] = Eligibility(
            frozenset(spec["from"]), ranks[spec["min_golongan"]], frozenset(spec["status"])
        )
    rows = s["readiness"]
    if not rows or rows[-1]["min_jpm"] != 0:
        raise RuleSetError("succession.readiness: the last row must have min_jpm = 0")
    weights = s["fit_weights"]
    fit_weights = (float(weights["jpm"]), float(weights["box"]), float(weights["runway"]))
    if abs(sum(fit_weights) - 1) > 1e-9:
        raise RuleSetError("succession.fit_weights must sum to 1")
    box_points = np.zeros(10)
    for box, points in s["box_points"].items():
        box_points[int(box)] = float(points)
    guideline = np.zeros(10)
    for box, share in review["box_guideline"].items():
        guideline[int(box)] = float(share)
    levels = dict(review["pool_levels"])
    if set(levels) != set(JOB_FAMILIES):
        raise RuleSetError(f"talent.review.pool_levels must name every job family {JOB_FAMILIES}")
    return SuccessionTables(
        version=rules.version,
        eligibility=eligibility,
        golongan_ranks=ranks,
        min_years_to_retirement=float(s["min_years_to_retirement"]),
        readiness_labels=tuple(str(r["label"]) for r in rows),
        readiness_min_jpm=np.array([float(r["min_jpm"]) for r in rows]),
        readiness_max_gap=np.array([int(r["max_gap"]) for r in rows], dtype=np.int16),
        fit_weights=fit_weights,
        box_points=box_points,
        runway_years=float(s["runway_years"]),
        box_guideline=guideline,
        warn_factor=float(review["warn_factor"]),
        pool_levels=levels,
    )


@dataclass(frozen=True)
class TargetMatch:
    """Each candidate's match to the target position's standard (NaN/-1 where not assessed)."""

    jpm_raw: F64
    jpm_capped: F64
    gaps: NDArray[np.int16]  # (n, c) levels short per competency
    max_gap: NDArray[np.int16]
    total_gap: NDArray[np.int16]


def target_match(actual: NDArray[Any], required: NDArray[Any], assessed: B) -> TargetMatch:
    """JPM (RULES.md §4) of ``actual`` (n, c) levels against one standard ``required`` (c,)."""
    actual16 = actual.astype(np.int16)
    req16 = np.asarray(required, dtype=np.int16)
    total_required = int(req16.sum())
    gaps = np.maximum(req16[None, :] - actual16, 0).astype(np.int16)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = actual16.sum(axis=1) * (100.0 / total_required) if total_required else np.full(len(actual), np.nan)
    raw = np.where(assessed, raw, np.nan)
    max_gap = np.where(assessed, gaps.max(axis=1, initial=0), -1).astype(np.int16)
    total_gap = np.where(assessed, gaps.sum(axis=1), -1).astype(np.int16)
    return TargetMatch(raw, np.minimum(raw, 100.0), gaps, max_gap, total_gap)


def readiness(jpm_capped: F64, max_gap: NDArray[Any], t: SuccessionTables) -> I8:
    """The first readiness row whose minimum JPM and largest gap both hold; -1 where JPM is unknown."""
    ok = (jpm_capped[:, None] >= t.readiness_min_jpm[None, :]) & (max_gap[:, None] <= t.readiness_max_gap[None, :])
    ok[:, -1] = True  # the last row takes everyone else
    out: I8 = np.argmax(ok, axis=1).astype(np.int8)
    out[np.isnan(jpm_capped)] = -1
    return out


def eligibility(
    target_kind: str,
    job_kind: Sequence[str],
    golongan_rank: NDArray[Any],
    status: Sequence[str],
    years_left: F64,
    t: SuccessionTables,
) -> NDArray[np.int8]:
    """0 where a candidate may succeed to ``target_kind``, else the ``NOT_*`` flags that fail."""
    rule = t.eligibility.get(target_kind)
    n = len(job_kind)
    if rule is None:
        return np.full(n, NOT_JOB_KIND, dtype=np.int8)
    flags = np.zeros(n, dtype=np.int8)
    flags |= np.where(np.isin(np.asarray(job_kind, dtype=object), list(rule.from_kinds)), 0, NOT_JOB_KIND).astype(
        np.int8
    )
    flags |= np.where(np.asarray(golongan_rank) >= rule.min_golongan, 0, NOT_GOLONGAN).astype(np.int8)
    flags |= np.where(np.isin(np.asarray(status, dtype=object), list(rule.statuses)), 0, NOT_STATUS).astype(np.int8)
    flags |= np.where(years_left >= t.min_years_to_retirement, 0, NOT_RUNWAY).astype(np.int8)
    return flags


def reason_text(flags: int) -> list[str]:
    return [text for bit, text in REASONS.items() if flags & bit]


def fit(jpm_capped: F64, box: NDArray[Any], years_left: F64, t: SuccessionTables) -> F64:
    """Fit 0-100: weighted JPM against the target (0 when unknown), box points and service runway."""
    wj, wb, wr = t.fit_weights
    runway = np.clip(years_left, 0, t.runway_years) * (100.0 / t.runway_years)
    return np.asarray(
        wj * np.nan_to_num(jpm_capped, nan=0.0) + wb * t.box_points[np.asarray(box, dtype=np.int64)] + wr * runway,
        dtype=np.float64,
    )


def rank_order(fit_score: F64, flags: NDArray[Any], key: Sequence[str]) -> NDArray[np.int64]:
    """Indices of the eligible candidates, best fit first (ties by ``key``, e.g. NIP, for a stable order)."""
    ok = np.flatnonzero(np.asarray(flags) == 0)
    keys = np.asarray(key, dtype=object)[ok]
    order = np.lexsort((keys.astype(str), -fit_score[ok]))
    return ok[order]


def box_warnings(counts: Sequence[int], t: SuccessionTables) -> list[tuple[int, float, float]]:
    """(box, share %, guideline %) for every box holding more than warn_factor x its guideline share."""
    c = np.asarray(counts, dtype=np.float64)
    placed = c[1:].sum()
    if not placed:
        return []
    share = 100.0 * c / placed
    return [
        (b, float(share[b]), float(t.box_guideline[b]))
        for b in range(1, 10)
        if t.box_guideline[b] > 0 and share[b] > t.warn_factor * t.box_guideline[b]
    ]


def transition_matrix(before: NDArray[Any], after: NDArray[Any]) -> NDArray[np.int64]:
    """(10, 10) counts of people moving from box ``before[i]`` to ``after[i]`` (0 = not placed)."""
    out = np.zeros((10, 10), dtype=np.int64)
    np.add.at(out, (np.asarray(before, dtype=np.int64), np.asarray(after, dtype=np.int64)), 1)
    return out


def bench_strength(position: NDArray[Any], person: NDArray[Any], n_positions: int) -> tuple[float, float]:
    """Bench strength over ``n_positions`` key positions from their ready-now successors.

    ``position[k]``, ``person[k]``: one (key position, successor) pair per confirmed ready-now nomination.
    Returns the share (0-1) of positions with at least one, and the Nakisa-style coverage: a person named
    for n positions counts 1/n for each, a position counts at most 1, averaged over the positions.
    """
    if n_positions == 0:
        return 0.0, 0.0
    position = np.asarray(position, dtype=np.int64)
    person = np.asarray(person, dtype=np.int64)
    if not len(position):
        return 0.0, 0.0
    _, inverse, per_person = np.unique(person, return_inverse=True, return_counts=True)
    weight = 1.0 / per_person[inverse]
    pos_ids, pos_index = np.unique(position, return_inverse=True)
    covered = np.minimum(np.bincount(pos_index, weights=weight), 1.0)
    return len(pos_ids) / n_positions, float(covered.sum()) / n_positions
