"""Requested pairs (approved IDP items naming a catalogue programme, issue 22) in the plan.

Three ways (``--idp``): ``ignore`` plans as if there were none; ``weight`` adds to each requested pair a
bonus of (weight - 1) times its own value (the gap levels it closes, weighted, and the 20-JP bonus it alone
earns), a modular term beside the coverage objective, so every method and its bound apply unchanged (the
model solved is the weighted one); ``first`` reserves budget, seats and the employee's K and H for every
requested pair that fits, in the order given, then optimises the rest in what is left.

Under ``first`` the rest is a problem of the same form: gaps lowered by what the reserved pairs raise
(min(g, a + b) = min(g, a) + min(max(0, g - a), b)), the reserved JP counted as already attended, the
budget, seats, per-employee programmes and JP reduced, the reserved pairs no longer eligible. So the plan's
value is the reserved pairs' gap value plus the rest's value, and the bound is that constant plus the rest's
proven bound: a true bound for every plan that holds the reserved pairs.

Pure: arrays in, arrays out; no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .problem import (
    BUDGET,
    F64,
    NO_SEAT,
    NOT_ELIGIBLE,
    OVER_LIMIT,
    Ledger,
    PlanProblem,
    PlanResult,
    _standalone,
    bonus_of,
    evaluate,
    plan_result,
)

# Why a requested pair is not in the plan (codes of the JSON and the page).
NOT_CHOSEN = "not_chosen"  # it fits, but the optimisation spent the money where it closes more gaps
REASONS = (NOT_ELIGIBLE, OVER_LIMIT, NO_SEAT, BUDGET, NOT_CHOSEN)

Pairs = list[tuple[int, int]]


def requested_weight(pr: PlanProblem, pairs: Pairs, weight: float) -> PlanProblem:
    """``pr`` where each eligible requested pair's own value counts ``weight`` times (a pair bonus of
    (weight - 1) times that value)."""
    if weight < 0:
        raise ValueError("the IDP weight cannot be negative")
    uniq = sorted({(int(i), int(p)) for i, p in pairs if pr.eligible[i, p]})
    if not uniq or weight == 1.0:
        return pr
    bi = np.array([i for i, _p in uniq], dtype=np.int64)
    bp = np.array([p for _i, p in uniq], dtype=np.int64)
    bonus = (float(weight) - 1.0) * _standalone(pr, bi, bp)
    keep = bonus != 0
    return replace(pr, pair_bonus=(bi[keep], bp[keep], bonus[keep]))


@dataclass(frozen=True)
class Reserved:
    """The requested pairs reserved before the optimisation, those refused with their reason, and the
    problem left for the rest with the reserved pairs' gap value (the constant of every such plan)."""

    granted: Pairs
    refused: list[tuple[int, int, str]]
    rest: PlanProblem
    constant: float


def reserve(pr: PlanProblem, pairs: Pairs) -> Reserved:
    """Reserve, in the order given, every requested pair that fits what is left: eligible, within the
    employee's K programmes and H added JP (24 JP for PPPK), a seat free, the budget (and OPD pagu) left."""
    held = Ledger(pr)
    granted: Pairs = []
    refused: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for i, p in pairs:
        i, p = int(i), int(p)
        if (i, p) in seen:
            continue
        seen.add((i, p))
        reason = held.why_not(i, p)
        if reason is not None:
            refused.append((i, p, reason))
            continue
        granted.append((i, p))
        held.add(i, p)
    raised, added, count, seats = held.raised, held.added, held.count, held.seats
    spent, unit_spent, caps = held.spent, held.unit_spent, held.caps
    closed = np.minimum(pr.gaps, raised)
    constant = float(np.sum(closed * pr.w[None, :] * pr.e[:, None]))
    if granted:  # a reserved pair's own bonus, where the problem has one (the rest can no longer take it)
        constant += float(bonus_of(pr, [i for i, _p in granted], [p for _i, p in granted]).sum())
    eligible = pr.eligible
    if granted:
        eligible = eligible.copy()
        eligible[[i for i, _p in granted], [p for _i, p in granted]] = False
    rest = replace(
        pr,
        gaps=(pr.gaps - closed).astype(pr.gaps.dtype),
        jp_now=pr.jp_now + added,
        eligible=eligible,
        capacity=np.asarray(pr.capacity) - seats,
        budget=max(0.0, float(pr.budget) - spent),
        unit_budget=(np.maximum(pr.unit_budgets - unit_spent, 0.0) if unit_spent is not None else pr.unit_budget),
        programs_left=caps - count,
        jp_left=np.maximum(_h_room(pr) - added, 0.0),
    )
    return Reserved(granted, refused, rest, constant)


def _h_room(pr: PlanProblem) -> F64:
    return np.full(pr.n, float(pr.max_jp)) if pr.jp_left is None else np.asarray(pr.jp_left, dtype=np.float64)


def combine(pr: PlanProblem, reserved: Reserved, rest: PlanResult, t0: float) -> PlanResult:
    """The result of the whole problem from the reserved pairs and the rest's result: the value evaluated on
    ``pr``, the bound the constant plus the rest's bound, compliance before counted without the reserved JP."""
    v = evaluate(pr, sorted(reserved.granted + rest.assignments))
    bound = max(v.objective, reserved.constant + rest.bound)
    base = rest.baseline
    baseline = evaluate(pr, sorted(reserved.granted + base.assignments)) if base is not None else v
    before = int(np.sum(pr.pns & (pr.jp_now >= pr.pns_min_jp)))
    return plan_result(pr, rest.status, v, bound, before, t0, rest.message, baseline)


def not_granted(
    pr: PlanProblem, pairs: Pairs, plan: Pairs, refused: list[tuple[int, int, str]] | None = None
) -> list[tuple[int, int, str]]:
    """Every requested pair not in ``plan`` with its reason: the reason it was refused when reserving (under
    ``first``), else what stops it beside the plan (not eligible, the employee's K or H, no seat left, the
    budget left), else "not chosen" (it fitted, and the money closed more gaps elsewhere)."""
    given = {(i, p): reason for i, p, reason in refused or []}
    inplan = set(plan)
    held = Ledger(pr)
    for i, p in plan:
        held.add(i, p)
    out: list[tuple[int, int, str]] = []
    done: set[tuple[int, int]] = set()
    for i, p in pairs:
        i, p = int(i), int(p)
        if (i, p) in inplan or (i, p) in done:
            continue
        done.add((i, p))
        out.append((i, p, given.get((i, p)) or held.why_not(i, p) or NOT_CHOSEN))
    return out


def granted_count(pairs: Pairs, plan: Pairs) -> int:
    """How many distinct requested pairs the plan holds."""
    return len({(int(i), int(p)) for i, p in pairs} & set(plan))


__all__ = [
    "BUDGET",
    "NOT_CHOSEN",
    "NOT_ELIGIBLE",
    "NO_SEAT",
    "OVER_LIMIT",
    "REASONS",
    "Reserved",
    "combine",
    "granted_count",
    "not_granted",
    "requested_weight",
    "reserve",
]
