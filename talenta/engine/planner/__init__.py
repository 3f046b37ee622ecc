"""The development planner (issue 5): who attends which programme, within budget and seats.

Model (the default objective, a contract): for employees i, programmes p, competencies c, choose
x[i,p] in {0,1} to maximise

    sum_i sum_c w[c] * e[i] * min(g[i,c], sum_p a[p,c] x[i,p])
      + lambda * #{i in PNS/CPNS : J[i] + sum_p h[p] x[i,p] >= 20}

(e[i] = 1 unless an employee weight is given) subject to total cost <= budget (and, optionally, each
unit's own budget), seats per programme, at most K programmes and H added JP per employee, and PPPK at
most 24 JP in the year; among plans of equal value the cheaper wins. Pure: arrays in, a frozen result out;
no Django.

Approved IDP items naming a catalogue programme are requested pairs (``requested``, issue 22): ``idp``
"ignore", "weight" (the pair's own value counts ``idp_weight`` times) or "first" (reserved before the rest
is optimised); see ``requested``.

The package: ``problem`` holds the problem and what every method shares; ``milp`` is the direct MILP for
small problems; ``lagrange`` the Lagrangian method for large ones; :func:`solve` chooses between them. Each
method imports from ``problem`` only.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import numpy as np

from .lagrange import solve_lagrange
from .milp import MILP_MAX_PAIRS, solve_milp
from .problem import (
    PlanProblem,
    PlanResult,
    PlanValue,
    candidate_pairs,
    evaluate,
    greedy,
    greedy_fill,
    nomination_order,
    plan_result,
    reduce_cost,
    restrict,
    violations,
)
from .requested import REASONS, combine, granted_count, not_granted, requested_weight, reserve

IDP_MODES = ("ignore", "weight", "first")

__all__ = [
    "IDP_MODES",
    "MILP_MAX_PAIRS",
    "REASONS",
    "PlanProblem",
    "PlanResult",
    "PlanValue",
    "candidate_pairs",
    "evaluate",
    "greedy",
    "idp_model",
    "greedy_fill",
    "nomination_order",
    "reduce_cost",
    "separate_plans",
    "restrict",
    "solve",
    "violations",
]


def solve(
    pr: PlanProblem,
    *,
    time_limit: float = 60.0,
    mip_rel_gap: float = 2e-3,
    threads: int = 1,
    method: str = "auto",
    seed: int = 0,
    requested: list[tuple[int, int]] | None = None,
    idp: str = "weight",
    idp_weight: float = 2.0,
) -> PlanResult:
    """The best plan found in ``time_limit`` with a proven bound, and the greedy baseline beside it.

    ``method``: "milp" (the direct MILP, warm-started from greedy; exact on small problems and then the
    cheapest of the best plans), "lagrange" (prices on the budget and seats, exact per-employee choices,
    a plan from the priced bundles; scales to provinces), or "auto": the MILP up to ``MILP_MAX_PAIRS``
    candidate pairs, else Lagrange. ``seed`` fixes the Lagrangian method's random sample (same seed, same
    plan for the same problem and time). ``requested`` pairs (approved IDP items) are handled as ``idp``
    says; the result counts them and gives each one not granted with its reason."""
    t0 = time.perf_counter()
    if idp not in IDP_MODES:
        raise ValueError(f"unknown IDP mode {idp!r}")
    wanted = [(int(i), int(p)) for i, p in (requested or [])]
    refused: list[tuple[int, int, str]] = []
    if wanted and idp == "first":
        reserved = reserve(pr, wanted)
        rest = _solve(reserved.rest, t0, time_limit, mip_rel_gap, threads, method, seed)
        result = combine(pr, reserved, rest, t0)
        refused = reserved.refused
    else:
        model = idp_model(pr, wanted, idp, idp_weight)
        result = _solve(model, t0, time_limit, mip_rel_gap, threads, method, seed)
    if not wanted:
        return result
    return replace(
        result,
        idp_mode=idp,
        idp_requested=len(set(wanted)),
        idp_granted=granted_count(wanted, result.assignments),
        idp_not_granted=not_granted(pr, wanted, result.assignments, refused),
    )


def separate_plans(
    pr: PlanProblem,
    group: Any,
    budgets: Any,
    shared: Any,
    *,
    time_limit: float,
    seed: int = 0,
) -> tuple[list[tuple[int, int]], list[PlanResult]]:
    """What offices do today, beside a joint plan (issue 24): each group (a government) planned alone with its
    own budget, the seats of the ``shared`` programmes split in proportion to headcount (rounded down) and its
    own programmes whole. Returns the union of the plans (feasible for the joint problem: the splits sum to at
    most the seats, each group within its budget) and each group's result, in group order."""
    group = np.asarray(group, dtype=np.int64)
    G = len(budgets)
    heads = np.bincount(group, minlength=G)
    shared = np.asarray(shared, dtype=bool)
    capacity = np.asarray(pr.capacity, dtype=np.int64)
    plan: list[tuple[int, int]] = []
    results: list[PlanResult] = []
    t0 = time.perf_counter()
    for k in range(G):
        rows = np.flatnonzero(group == k)
        seats = np.where(shared, np.floor(capacity * heads[k] / max(1, pr.n)), capacity).astype(np.int64)
        left = max(0.5, time_limit * (k + 1) / G - (time.perf_counter() - t0))
        if not len(rows):
            continue
        sub = restrict(pr, rows, budget=float(budgets[k]), capacity=seats)
        r = solve(sub, time_limit=left, seed=seed)
        results.append(r)
        plan += [(int(rows[i]), p) for i, p in r.assignments]
    return sorted(plan), results


def idp_model(pr: PlanProblem, requested: list[tuple[int, int]] | None, idp: str, idp_weight: float) -> PlanProblem:
    """The problem whose :func:`evaluate` gives the objective :func:`solve` reports for these requested pairs
    (under "weight" the weighted one; otherwise ``pr``)."""
    return requested_weight(pr, list(requested or []), idp_weight) if requested and idp == "weight" else pr


def _solve(
    pr: PlanProblem, t0: float, time_limit: float, mip_rel_gap: float, threads: int, method: str, seed: int
) -> PlanResult:
    if method not in ("auto", "milp", "lagrange"):
        raise ValueError(f"unknown method {method!r}")
    ranked = nomination_order(pr)
    base = evaluate(pr, greedy_fill(pr, [], ranked))
    before = int(np.sum(pr.pns & (pr.jp_now >= pr.pns_min_jp)))
    m = len(ranked[0])
    if m == 0:
        v = evaluate(pr, [])
        message = "nothing to plan: no eligible programme closes a gap or adds JP"
        return plan_result(pr, "optimal", v, v.objective, before, t0, message, base)
    if method == "lagrange" or (method == "auto" and m > MILP_MAX_PAIRS):
        return solve_lagrange(pr, base, before, t0, time_limit, seed=seed, ranked=ranked)
    return solve_milp(pr, ranked, base, before, t0, time_limit=time_limit, mip_rel_gap=mip_rel_gap, threads=threads)
