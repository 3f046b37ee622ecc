"""Benchmark: the planner on a synthetic population (N employees x P programmes), against greedy and the bound.

.venv/bin/python bench/planner_bench.py [--n 8000] [--programs 100] [--time-limit 10] [--method auto|milp|lagrange]
    [--seed 1] [--budget-share 0.35] [--per-unit-budget U] [--idp ignore|weight|first] [--idp-share 0.05]

With ``--per-unit-budget U`` the employees belong to U OPDs, each with a budget of its own (shares drawn at
random, summing to the total budget), which the plan must respect as well as the total. With ``--idp`` a share
of the employees (``--idp-share``) have an approved IDP item naming a random programme (issue 22).
Prints the status, time, objective, proven bound and gap, the greedy baseline and the peak memory of the
process. The issue's sizes: 8,000 x 100 in 10 s, 60,000 x 300 in 60 s, 200,000 x 500 in 300 s.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from talenta.engine.planner import PlanProblem, solve, violations  # noqa: E402


def synthetic(n: int, P: int, k: int = 15, seed: int = 1, budget_share: float = 0.35, units: int = 0) -> PlanProblem:
    rng = np.random.default_rng(seed)
    gaps = np.clip(rng.poisson(0.6, (n, k)), 0, 3)
    raises = np.zeros((P, k), dtype=int)
    for p in range(P):
        raises[p, rng.choice(k, rng.integers(1, 4), replace=False)] = rng.integers(1, 3)
    jp = rng.choice([3.0, 8.0, 16.0, 24.0, 32.0, 40.0], P)
    cost = np.round(rng.uniform(0.2, 6.0, P) * 1e6, -4)
    capacity = rng.integers(20, 200, P)
    # Row blocks draw the same numbers as one (n, P) draw, without its 800 MB of floats at 200,000 x 500 (the
    # peak memory printed is the planner's, not the generator's).
    eligible = np.concatenate([rng.random((min(n, s + 10_000) - s, P)) < 0.6 for s in range(0, n, 10_000)])
    jp_now = rng.choice([0.0, 4, 8, 12, 16, 20, 30], n)
    pns = rng.random(n) < 0.8
    need = float(np.mean(cost)) * n * 0.8
    budget = need * budget_share
    per_unit: dict = {}
    if units:
        unit = rng.integers(0, units, n)
        share = np.bincount(unit, minlength=units) * rng.uniform(0.7, 1.3, units)
        per_unit = {"unit": unit, "unit_budget": budget * share / share.sum(), "per_unit_budget": True}
    return PlanProblem(
        gaps=gaps,
        raises=raises,
        jp=jp,
        cost=cost,
        capacity=capacity,
        eligible=eligible,
        jp_now=jp_now,
        pns=pns,
        pppk=~pns,
        budget=budget,
        **per_unit,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=8000)
    ap.add_argument("--programs", type=int, default=100)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--method", default="auto", choices=["auto", "milp", "lagrange"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget-share", type=float, default=0.35)
    ap.add_argument("--per-unit-budget", type=int, default=0, metavar="U", help="U OPDs, each with its own budget")
    ap.add_argument("--idp", choices=["ignore", "weight", "first"], help="requested pairs: approved IDP items")
    ap.add_argument(
        "--compare-separate",
        action="store_true",
        help="with --per-unit-budget U: also plan each unit alone (its budget, the seats split by headcount) "
        "and compare the sum with the joint plan (issue 24's joint plan of a province and its governments)",
    )
    ap.add_argument("--idp-share", type=float, default=0.05, help="share of employees with an approved IDP item")
    a = ap.parse_args()
    pr = synthetic(a.n, a.programs, seed=a.seed, budget_share=a.budget_share, units=a.per_unit_budget)
    requested = None
    if a.idp:
        rng = np.random.default_rng(a.seed + 1)
        who = np.flatnonzero(rng.random(a.n) < a.idp_share)
        requested = list(zip(who.tolist(), rng.integers(0, a.programs, len(who)).tolist(), strict=True))
    t0 = time.perf_counter()
    r = solve(pr, time_limit=a.time_limit, method=a.method, requested=requested, idp=a.idp or "weight")
    seconds = time.perf_counter() - t0
    assert not violations(pr, r.assignments)
    gain = 100 * (r.objective / r.baseline.objective - 1) if r.baseline.objective else 0.0
    opds = f" over {a.per_unit_budget} OPD budgets" if a.per_unit_budget else ""
    print(f"planner {a.n:,} employees x {a.programs} programmes, budget {pr.budget:,.0f}{opds}")
    print(
        f"status {r.status}, {seconds:.1f} s, objective {r.objective:,.1f}, bound {r.bound:,.1f}, "
        f"gap {100 * r.gap:.2f}%, greedy {r.baseline.objective:,.1f} (+{gain:.1f}%), "
        f"{len(r.assignments):,} assignments, cost {r.cost:,.0f}, "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"
    )
    if r.message:
        print(r.message)
    if a.compare_separate and a.per_unit_budget:
        from talenta.engine.planner import evaluate, separate_plans

        t1 = time.perf_counter()
        shared = np.ones(len(pr.jp), dtype=bool)
        plan, _parts = separate_plans(pr, pr.units, pr.unit_budgets, shared, time_limit=a.time_limit)
        v = evaluate(pr, plan)
        print(
            f"separate plans per unit: objective {v.objective:,.1f} in {time.perf_counter() - t1:.1f} s "
            f"({len(plan):,} assignments, cost {v.cost:,.0f}); joint is "
            f"{100 * (r.objective / v.objective - 1):+.2f}%, {100 * (r.bound - v.objective) / r.bound:.2f}% "
            "below the joint bound"
        )
    if requested:
        why: dict[str, int] = {}
        for _i, _p, reason in r.idp_not_granted:
            why[reason] = why.get(reason, 0) + 1
        print(f"IDP {a.idp}: {r.idp_granted:,} of {r.idp_requested:,} requested pairs granted; not granted: {why}")


if __name__ == "__main__":
    main()
