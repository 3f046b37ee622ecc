"""The development planner (issue 5): who attends which programme, within budget and seats.

Model (the default objective, a contract): for employees i, programmes p, competencies c, choose
x[i,p] in {0,1} to maximise

    sum_i sum_c w[c] * e[i] * min(g[i,c], sum_p a[p,c] x[i,p])
      + lambda * #{i in PNS/CPNS : J[i] + sum_p h[p] x[i,p] >= 20}

(e[i] = 1 unless an employee weight is given) subject to total cost <= budget (and, optionally, each
unit's own budget), seats per programme, at most K programmes and H added JP per employee, and PPPK at
most 24 JP in the year; among plans of equal value the cheaper wins. Pure: arrays in, a frozen result out;
no Django.

The package: ``problem`` holds the problem and what every method shares; ``milp`` is the direct MILP for
small problems; ``lagrange`` the Lagrangian method for large ones; :func:`solve` chooses between them. Each
method imports from ``problem`` only.
"""

from __future__ import annotations

import time

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
    violations,
)

__all__ = [
    "MILP_MAX_PAIRS",
    "PlanProblem",
    "PlanResult",
    "PlanValue",
    "candidate_pairs",
    "evaluate",
    "greedy",
    "greedy_fill",
    "nomination_order",
    "reduce_cost",
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
) -> PlanResult:
    """The best plan found in ``time_limit`` with a proven bound, and the greedy baseline beside it.

    ``method``: "milp" (the direct MILP, warm-started from greedy; exact on small problems and then the
    cheapest of the best plans), "lagrange" (prices on the budget and seats, exact per-employee choices,
    a plan from the priced bundles; scales to provinces), or "auto": the MILP up to ``MILP_MAX_PAIRS``
    candidate pairs, else Lagrange. ``seed`` fixes the Lagrangian method's random sample (same seed, same
    plan for the same problem and time)."""
    t0 = time.perf_counter()
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
        return solve_lagrange(pr, base, before, t0, time_limit, seed=seed)
    return solve_milp(pr, ranked, base, before, t0, time_limit=time_limit, mip_rel_gap=mip_rel_gap, threads=threads)
