"""Job governance (RULES.md §10): workload, staff needed and effectiveness per position, vectorised.

Pure: arrays in, arrays out, no database. Shapes: ``T`` tasks, ``P`` positions (indices ``0..P-1``).

- ``W[p]`` = sum over the position's tasks of volume x period factor (times a year) x norma waktu (minutes);
- ``raw[p]`` = W / WKE, two decimals half up; ``K[p]`` = raw rounded as the rule set says (half up or
  ceiling); a position without tasks has no ABK: raw, K, selisih and formation are NaN / -1 there;
- ``B[p]`` holders now; ``selisih`` = B - K; ``EJ`` = W / (B x WKE), two decimals (NaN when B = 0);
  ``PJ`` the index of the first band EJ reaches (-1 when B = 0);
- ``formation[p]`` = max(0, K - (B - retiring within the last horizon)).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .rules import AbkRules

_EPS = 1e-9  # W / WKE of whole minutes is a ratio of integers: a hair keeps 0.125 from rounding to 0.12


def round_half_up(x: np.ndarray, decimals: int = 0) -> np.ndarray:
    """Half up, as an officer rounds by hand (NumPy's ``round`` goes half to even)."""
    scale = 10.0**decimals
    return np.floor(np.asarray(x, dtype=np.float64) * scale + 0.5 + _EPS) / scale


@dataclass(frozen=True)
class AbkResult:
    workload: np.ndarray  # float64 [P], minutes a year
    has_abk: np.ndarray  # bool [P]: at least one task
    raw: np.ndarray  # float64 [P], two decimals (NaN without ABK)
    need: np.ndarray  # int64 [P] K (-1 without ABK)
    holders: np.ndarray  # int64 [P] B
    gap: np.ndarray  # int64 [P] B - K (0 without ABK; read with has_abk)
    ej: np.ndarray  # float64 [P], two decimals (NaN when B = 0 or without ABK)
    pj: np.ndarray  # int8 [P] index into the rule set's bands (-1 when none)
    retiring: np.ndarray  # int64 [P, H] holders reaching BUP within each horizon
    formation: np.ndarray  # int64 [P] five-year formation need (0 without ABK)


def annual_volume(volume: np.ndarray, period: np.ndarray, rules: AbkRules) -> np.ndarray:
    """Times a year of each task: ``period`` holds the period names of the rule set (``tahun``, ``bulan``...)."""
    factors = np.array([rules.periods[str(p)] for p in period.tolist()], dtype=np.float64)
    return np.asarray(volume, dtype=np.float64) * factors


def compute_abk(
    *,
    task_position: np.ndarray,
    annual: np.ndarray,
    norm_minutes: np.ndarray,
    holders: np.ndarray,
    retiring: np.ndarray,
    rules: AbkRules,
) -> AbkResult:
    """The figures of RULES.md §10 for ``P = len(holders)`` positions.

    ``task_position`` [T] int (position index of each task), ``annual`` [T] times a year, ``norm_minutes``
    [T]; ``holders`` [P] int; ``retiring`` [P, H] int (holders reaching BUP within each of the rule set's
    ``retirement_years``).
    """
    n = len(holders)
    tp = np.asarray(task_position, dtype=np.int64)
    workload = np.bincount(
        tp, weights=np.asarray(annual, np.float64) * np.asarray(norm_minutes, np.float64), minlength=n
    )
    has_abk = np.bincount(tp, minlength=n) > 0
    wke = rules.wke_minutes
    raw = np.where(has_abk, round_half_up(workload / wke, 2), np.nan)
    safe_raw = np.nan_to_num(raw)
    k = round_half_up(safe_raw) if rules.rounding == "half_up" else np.ceil(safe_raw - _EPS)
    need = np.where(has_abk, k, -1).astype(np.int64)
    b = np.asarray(holders, dtype=np.int64)
    gap = np.where(has_abk, b - need, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ej = np.where(has_abk & (b > 0), round_half_up(workload / (np.maximum(b, 1) * wke), 2), np.nan)
    pj = np.full(n, -1, dtype=np.int8)
    assigned = ~np.isnan(ej)
    for i, (_grade, _label, bound, strict) in enumerate(rules.pj):
        hit = assigned & ((ej > bound + _EPS) if strict else (ej >= bound - _EPS))
        pj[hit] = i
        assigned &= ~hit
    retiring = np.asarray(retiring, dtype=np.int64)
    if n or retiring.ndim != 2:  # no position at all: (0, H) as given, or (0, 0)
        retiring = retiring.reshape(n, -1) if n else np.zeros((0, 0), dtype=np.int64)
    last = retiring[:, -1] if retiring.shape[1] else np.zeros(n, np.int64)
    formation = np.where(has_abk, np.maximum(0, need - (b - last)), 0)
    return AbkResult(workload, has_abk, raw, need, b, gap, ej, pj, retiring, formation)
