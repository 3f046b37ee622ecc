"""The planner at scale: Lagrangian relaxation of the budget and the seats, exact per-employee subproblems.

The model is the one of :mod:`talenta.engine.planner` (the contract of issue 5). Pricing the budget
(mu per rupiah, and mu_u per OPD with ``per_unit_budget``) and the seats (nu_p per programme) splits the
plan into one small problem per employee: choose at most K programmes (and at most H added JP, 24 JP for
PPPK) maximising

    v_i(S) - sum_{p in S} pi_ip,    v_i(S) = e_i sum_c w_c min(g_ic, sum_{p in S} a_pc) + lambda [J_i + h(S) >= 20]

with pi_ip = (mu + mu_u(i)) k_p + nu_p. For any prices,

    L(mu, nu) = mu B + sum_u mu_u B_u + sum_p nu_p cap_p + sum_i max_S (v_i(S) - pi(S))

is an upper bound on every feasible plan (weak duality), and a tighter one than the LP relaxation of the
per-employee model, because each employee's choice stays integral.

Exactness of the subproblems: the gap part of v_i is a coverage function (monotone, submodular), so a
programme q adds at most its single value f_i(q) to any set, and at most f_i(q) + lambda counting the
20-JP bonus. A programme with r_iq = f_i(q) - pi_iq <= -lambda [i below 20 JP] (<= 0 otherwise) never
improves a set, so only the others are candidates; when an employee has at most M of them every subset
of size <= K is enumerated (exact). Otherwise the best M are enumerated and the subsets reaching outside
them are bounded by the sum of the K-1 best positive single values, the best outside value and the bonus;
the employee contributes the larger of the two to L, which keeps L a proven bound.

The prices: for a large problem, first the exact LP prices of a random sample of employees (column
generation, :func:`_lp_prices`), then a proximal bundle method on L for everyone (:func:`_dual`); the bound
is L at the best prices with every loose subproblem priced again. Plans come from the bundles the prices
proposed: a bundle greedy by reduced value per rupiah, then a master problem over those bundles (a MILP
when small, else its LP rounded), completed by the nomination order. The result reports the best plan and
the smallest L.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .bundles import bundle_greedy, bundle_lp, bundle_rows, bundle_stats, master_plan, repair_plan
from .improve import exchange
from .pricing import Pricing, cost_scale
from .problem import (
    Order,
    PlanProblem,
    PlanResult,
    PlanValue,
    cheaper,
    employee_rows,
    evaluate,
    greedy_fill,
    new_highs,
    nomination_order,
    plan_result,
    violations,
)

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]


@dataclass(frozen=True)
class LagrangeResult:
    assignments: list[tuple[int, int]]
    bound: float  # proven upper bound on the objective (without the constant of those already at 20 JP)
    iterations: int
    exact_share: float  # share of employees whose subproblem was solved exactly at the best bound
    seconds: float
    phases: tuple[tuple[str, float, float], ...] = ()  # (phase, seconds it took, best value after it), in order


@dataclass
class _Dual:
    """The outcome of a run of the dual: the best prices (scaled), L there, and the bundles seen."""

    x: F64
    bound: float
    exact: float
    iterations: int
    bundles: list[NDArray[np.int64]]
    repriced: bool = False  # L at x with every loose subproblem priced again


def _initial_mu(pr: PlanProblem, pricing: Pricing, seed: int = 0) -> float:
    """A starting budget price: the value per rupiah at which the best single choices would just spend the
    budget (estimated on a sample of the pairs), so the first subproblems are already near a plan."""
    cost = pr.cost.astype(np.float64)
    ii, pp = np.nonzero(np.isfinite(pricing.single) & (pricing.single > 0))
    if not len(ii):
        return 0.0
    rng = np.random.default_rng(seed)
    take = rng.choice(len(ii), size=min(len(ii), 200_000), replace=False)
    ratio = pricing.single[ii[take], pp[take]] / np.maximum(cost[pp[take]], 1.0)
    order = np.argsort(-ratio)
    spend = np.cumsum(cost[pp[take]][order]) * (len(ii) / len(take))
    k = int(np.searchsorted(spend, pr.budget))
    return float(ratio[order[min(k, len(order) - 1)]])


def _evaluate(pr: PlanProblem, pricing: Pricing, x: F64, reprice_share: float = 0.25) -> tuple[float, float, F64, B]:
    """At the scaled prices x = (mu * cbar, nu, mu_u * cbar): L(x) as a proven bound, the value at x of the
    linear minorant of L through the chosen bundles (equal to L where every subproblem is exact) with its
    gradient (always a valid cut), and which employees' subproblems were solved exactly."""
    P = len(pr.jp)
    cost = pr.cost.astype(np.float64)
    units = pr.unit_budget if (pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None) else None
    n_units = len(units) if units is not None else 0
    cbar = cost_scale(pr)
    capacity = np.asarray(pr.capacity, dtype=np.float64)
    mu_x = x[0] / cbar
    mu_ux = x[1 + P :] / cbar if n_units else None
    ub, inside, ci, cp, exact = pricing.best(mu_x, mu_ux, x[1 : 1 + P], reprice_share=reprice_share)
    common = mu_x * pr.budget + float(x[1 : 1 + P] @ capacity)
    L = common + float(ub.sum())
    low = common + float(inside.sum())
    g = np.empty(1 + P + n_units)
    g[0] = (pr.budget - float(cost[cp].sum())) / cbar
    g[1 : 1 + P] = capacity - np.bincount(cp, minlength=P)
    if n_units and units is not None and mu_ux is not None:
        L += float(mu_ux @ units)
        low += float(mu_ux @ units)
        g[1 + P :] = (units - np.bincount(pr.units[ci], weights=cost[cp], minlength=n_units)) / cbar
    return L, low, g, exact


def _dual(
    pr: PlanProblem,
    pricing: Pricing,
    x0: F64,
    delta0: F64,
    deadline: float,
    target: float,
    iterations: int,
    patience: float = np.inf,
) -> _Dual:
    """Minimise L over the scaled prices x = (mu * cbar, nu, mu_u * cbar) from x0 (proximal bundle method).
    It stops after three iterations without gain once they took ``patience`` (a share of its time)."""
    model = _Proximal(len(x0))
    bundles: list[NDArray[np.int64]] = []

    def at(x: F64, reprice_share: float = 0.25) -> tuple[float, float, F64, B]:
        L, low, g, exact = _evaluate(pr, pricing, x, reprice_share)
        bundles.append(pricing.last_bundles)
        return L, low, g, exact

    # The start (the sample's prices) with every loose subproblem priced again: 200,000 x 500 (seed 2) had
    # 28% of its employees loose there, more than the quarter re-priced at the other points, and L was
    # 263,956 for a best choice worth 209,085; re-priced, 209,493 (3.8 s instead of 1.6 s). Every point
    # re-priced so took 20 s an iteration, as the steps wander where many are loose.
    center = x0.copy()
    L0, L_center, g, exact = at(center, 1.0)
    model.add_cut(L_center, g, center)
    best = _Dual(center, L0, float(exact.mean()), 1, bundles, repriced=True)
    # Proximity weight: the first step moves about delta0 along the subgradient.
    u0 = u = float(np.linalg.norm(g)) / max(float(np.linalg.norm(delta0)), 1e-9)
    it = last_gain = 1
    t_gain = time.perf_counter()
    patience = patience * max(0.0, deadline - t_gain) if np.isfinite(patience) else np.inf  # in seconds
    while it < iterations and time.perf_counter() < deadline:
        it += 1
        x, low = model.minimise(center, u)
        predicted = L_center - low
        if predicted <= 1e-6 * max(1.0, abs(L_center)):
            if u <= u0:
                break  # no decrease even with long steps: the prices are optimal (to the tolerance)
            u = u0  # null steps had made the steps too short to see the decrease: lengthen them
            continue
        L_bound, L, g, exact = at(x)
        model.add_cut(L, g, x)
        if L_bound < best.bound:
            if L_bound < best.bound - 1e-4 * max(1.0, abs(best.bound)):
                last_gain, t_gain = it, time.perf_counter()
            best = _Dual(x, L_bound, float(exact.mean()), it, bundles)
        if it - last_gain >= 20 or (it - last_gain >= 3 and time.perf_counter() - t_gain > patience):
            # Twenty iterations without a gain of 0.01%, or three that took the patience: the time is better
            # spent on the plan. 200,000 x 500 (seed 2) from the sample's exact prices: every step's L 50% above
            # the start's, 2.5 s each, nine of them (23 s) where the masters needed the time. Below that size
            # the null steps' bundles feed the master: cut short there (a quarter of the time), 60,000 x 300 at
            # 30 s went from 2.0-2.2% to 4.2-5.5% and 80,000 x 300 x 10 budgets from 2.3% to 10%.
            break
        if L <= L_center - 0.1 * predicted:  # a serious step: move there; longer steps if it went well
            if L <= L_center - 0.5 * predicted:
                u *= 0.5
            center, L_center = x, L
        else:  # a null step: the new cut improves the model; shorter steps
            u *= 1.5
        if best.bound - target <= 1e-4 * max(1.0, best.bound):
            break
    best.iterations = it
    return best


class _GrowingMaster:
    """Column generation's master LP kept in one HiGHS model (issue 24): each round adds its new bundles as
    columns and re-solves from the last basis, where a fresh model per round cost 0.9 s a round on the 8,000-
    employee sample of 60,000 x 300 (ten rounds, the last five adding a few hundred columns each).

    Rows: one per employee (at most one bundle), the total budget (left empty when the OPD budgets imply it),
    the seats, the OPD budgets; the budget rows count in units of the mean cost (:func:`cost_scale`)."""

    def __init__(self, pr: PlanProblem, units: Any) -> None:
        import highspy

        self.inf = highspy.kHighsInf
        self.n, self.P = pr.n, len(pr.jp)
        self.pr, self.units = pr, units
        self.scale = 1.0 / cost_scale(pr)
        self.total_row = not (units is not None and float(np.sum(units)) <= float(pr.budget))
        upper = np.concatenate(
            [
                np.ones(self.n),
                [float(pr.budget) * self.scale if self.total_row else self.inf],
                np.asarray(pr.capacity, dtype=np.float64),
                np.asarray(units, dtype=np.float64) * self.scale if units is not None else np.zeros(0),
            ]
        )
        self.h = new_highs()
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        # From the last basis when only the total budget binds (60,000 x 300's sample: 11.3 -> 4.4 s, the same
        # prices); with OPD budgets a warm re-solve was slower than a fresh one (80,000 x 300 x 10: 29 s against
        # 18.6 s; primal simplex from the last basis 35 s), so those start afresh each round.
        # A larger sample (200,000 x 500: 25,000 employees) warm-started found other optimal duals of the
        # sample's (degenerate) LP, which priced the full problem badly: the dual's iterations went from 2.2 to
        # 10 s and the peak from 3.2 to 9.5 GB. Up to 12,000 employees the prices came out the same.
        self.warm = units is None and pr.n <= 12_000
        self.kept: list[tuple[NDArray[np.int64], F64, F64]] = []
        m = len(upper)
        empty_i, empty_f = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64)
        self.h.addRows(m, np.full(m, -self.inf), upper, 0, np.zeros(m, dtype=np.int32), empty_i, empty_f)
        self.m = m

    def add(self, rows: NDArray[np.int64], value: F64, cost: F64) -> None:
        if not self.warm:  # kept, and the model rebuilt over all of them at the next solve
            self.kept.append((rows, value, cost))
            return
        n, P = self.n, self.P
        nb = len(rows)
        emp, members = rows[:, 0], rows[:, 1:]
        used = members < P
        r_idx = [emp, n + 1 + members[used]]
        c_idx = [np.arange(nb), np.repeat(np.arange(nb), used.sum(axis=1))]
        vals = [np.ones(nb), np.ones(int(used.sum()))]
        if self.total_row:
            r_idx.append(np.full(nb, n))
            c_idx.append(np.arange(nb))
            vals.append(cost * self.scale)
        if self.units is not None:
            r_idx.append(n + 1 + P + self.pr.units[emp])
            c_idx.append(np.arange(nb))
            vals.append(cost * self.scale)
        ri, ci, data = np.concatenate(r_idx), np.concatenate(c_idx), np.concatenate(vals)
        srt = np.lexsort((ri, ci))
        ri, ci, data = ri[srt], ci[srt], data[srt]
        starts = np.searchsorted(ci, np.arange(nb)).astype(np.int32)
        self.h.addCols(
            nb, np.asarray(value, dtype=np.float64), np.zeros(nb), np.ones(nb), len(ri), starts,
            ri.astype(np.int32), data.astype(np.float64),
        )  # fmt: skip

    def solve(self, seconds: float) -> tuple[bool, float, F64]:
        """Re-solve (from the last basis): optimal or not, the value, the row duals (>= 0)."""
        import highspy

        if not self.warm:
            return self._solve_fresh(seconds)
        self.h.setOptionValue("time_limit", max(0.1, seconds))
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return False, -np.inf, np.zeros(self.m)
        y = np.maximum(np.asarray(self.h.getSolution().row_dual, dtype=np.float64), 0.0)  # prices are >= 0
        return True, float(self.h.getInfo().objective_function_value), y

    def _solve_fresh(self, seconds: float) -> tuple[bool, float, F64]:
        """The LP over every column so far as a new model (rows of the employees with columns only), its duals
        put back in this master's row order."""
        import highspy

        rows = np.concatenate([r for r, _v, _c in self.kept])
        value = np.concatenate([v for _r, v, _c in self.kept])
        cost = np.concatenate([c for _r, _v, c in self.kept])
        lp, emps = bundle_lp(
            self.pr, rows, value, cost, float(self.pr.budget), np.asarray(self.pr.capacity, float), self.units
        )
        h = new_highs()
        h.setOptionValue("time_limit", max(0.1, seconds))
        h.passModel(lp)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return False, -np.inf, np.zeros(self.m)
        got = np.maximum(np.asarray(h.getSolution().row_dual, dtype=np.float64), 0.0)
        ne = len(emps)
        y = np.zeros(self.m)
        y[emps] = got[:ne]
        y[self.n :] = got[ne:]
        return True, float(h.getInfo().objective_function_value), y


def _lp_prices(pr: PlanProblem, pricing: Pricing, deadline: float) -> tuple[F64, float] | None:
    """The optimal prices of the LP over all bundles, by column generation: a master LP over the bundles
    found so far (HiGHS, one model re-solved from its last basis as columns come), every employee priced at
    its duals, the bundles that beat their employee's dual added, until none does. Returns the scaled prices
    x = (mu * cbar, nu, mu_u * cbar) and L there (a proven bound), or None when it did not start in time.
    Meant for a sample of a few thousand employees."""
    P = len(pr.jp)
    units = pr.unit_budget if (pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None) else None
    n_units = len(units) if units is not None else 0
    cbar = cost_scale(pr)
    capacity = np.asarray(pr.capacity, dtype=np.float64)
    mu, nu, mu_u = 0.0, np.zeros(P), (np.zeros(n_units) if n_units else None)
    sigma = np.zeros(pr.n)
    seen: set[bytes] = set()
    best: tuple[F64, float] | None = None
    master_obj = -np.inf  # the value of the last master LP: a lower bound on the LP over all bundles
    master = _GrowingMaster(pr, units)
    n = pr.n
    while time.perf_counter() < deadline:
        ub, inside, _ci, _cp, _exact = pricing.best(mu, mu_u, nu)
        bound = mu * pr.budget + float(nu @ capacity) + float(ub.sum())
        if mu_u is not None and units is not None:
            bound += float(mu_u @ units)
        x = np.concatenate([np.array([mu * cbar]), nu, mu_u * cbar if mu_u is not None else np.zeros(0)])
        if best is None or bound < best[1]:
            best = (x, bound)
        if bound - master_obj <= 1e-7 * max(1.0, abs(bound)):
            # L at the master's duals meets the master's value: those duals are optimal for the LP over all
            # bundles. Bundles that tie with their employee's dual would be added round after round without
            # moving either (60,000 x 300 with OPD budgets: 6 of 15 rounds, 5 s).
            break
        new = pricing.last_bundles
        new = new[inside[new[:, 0]] > sigma[new[:, 0]] + 1e-9]
        new = new[np.array([r.tobytes() not in seen for r in new], dtype=bool)] if len(new) else new
        if not len(new):
            break  # no bundle beats its employee's dual: these prices are optimal for the LP over all bundles
        seen.update(r.tobytes() for r in new)
        value, cost = bundle_stats(pr, new)
        master.add(new, value, cost)
        ok, master_obj, y = master.solve(deadline - time.perf_counter())
        if not ok:
            break
        sigma = y[:n]
        mu, nu = float(y[n]) / cbar, y[n + 1 : n + 1 + P]  # the budget rows are in units of cbar rupiah
        mu_u = y[n + 1 + P :] / cbar if units is not None else None
    return best


def _subsample(pr: PlanProblem, size: int, seed: int = 0) -> PlanProblem:
    """The same problem for a random sample of employees, with the budget and the seats scaled down."""
    from dataclasses import replace

    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(pr.n, size=size, replace=False))
    f = size / pr.n
    bonus = None
    if pr.pair_bonus is not None:
        bi, bp, bv = pr.pair_bonus
        keep = np.isin(bi, idx)
        bonus = (np.searchsorted(idx, bi[keep]).astype(np.int64), bp[keep], bv[keep])
    return replace(
        pr,
        **employee_rows(pr, idx),
        pair_bonus=bonus,
        budget=pr.budget * f,
        capacity=np.asarray(pr.capacity, dtype=np.float64) * f,
        unit_budget=None if pr.unit_budget is None else np.asarray(pr.unit_budget, dtype=np.float64) * f,
    )


def lagrangian_plan(
    pr: PlanProblem,
    *,
    time_limit: float = 60.0,
    iterations: int = 1000,
    m: int = 10,
    master_share: float = 0.5,
    start: list[tuple[int, int]] | None = None,
    sample: int = 8000,
    alt_bundles: int = 4,
    alt_slack: float = 1.0,
    seed: int = 0,
    ranked: Order | None = None,
) -> LagrangeResult:
    """Prices by a proximal bundle method on L, then the best plan over the bundles the prices proposed.

    A large problem first finds its prices on a random sample of employees (one in eight, ``sample`` to
    four times ``sample``; budget and seats scaled down), solved exactly as an LP by column generation,
    which puts the full problem's prices close to their optimum from the first iteration.
    The prices get ``1 - master_share`` of the time (the sample's LP at most 40% of that), the rest the plan;
    every bundle an employee chose at some prices (and the
    start plan's and the repaired plan's, and every employee's runner-up bundles at the best prices)
    becomes a column of the final choice: a bundle greedy by reduced value per rupiah, and a master problem
    in the time left (a MILP when small, else its LP by interior point, rounded and completed greedily).
    Each plan is then improved by seat exchanges (:func:`.improve.exchange`) before it is compared.
    """

    t0 = time.perf_counter()
    phases: list[tuple[str, float, float]] = []
    last = [t0]

    def mark(name: str) -> None:
        now = time.perf_counter()
        phases.append((name, now - last[0], best_value))  # best_value: the closure's, as it stands now
        last[0] = now

    P = len(pr.jp)
    K = int(pr.max_programs)
    ranked = ranked if ranked is not None else nomination_order(pr)  # solve() passes the one it computed
    size = pr.n * P
    m = m if size <= 1_000_000 or m != 10 else (8 if size <= 5_000_000 else 6)  # fewer candidates at scale
    cbar = cost_scale(pr)
    n_units = len(pr.unit_budget) if (pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None) else 0
    best_plan: list[tuple[int, int]] = list(start) if start is not None else greedy_fill(pr, [], ranked)
    constant = pr.lam * int(np.sum(pr.pns & (pr.jp_now >= pr.pns_min_jp)))
    best_value = evaluate(pr, best_plan).objective - constant
    deadline = t0 + (1 - master_share) * time_limit
    sample_deadline = t0 + 0.4 * (deadline - t0)
    huge = size > 50_000_000  # 200,000 x 500: the dual's iterations are dear, the master needs its time
    if huge:
        # 200,000 x 500: the master's LP needs 20-27 s after the dual, bundles, greedy and exchanges; with half
        # the time to the prices it got them in one run of two (and the plan was the greedy's, 1.1% from the
        # bound, against 0.24% when it did). The sample keeps its time: cut to 15 s, its LP ended unconverged
        # and the dual from its prices ended 9% above the plan.
        deadline = t0 + 0.35 * time_limit
    if pr.n > 2 * sample:
        # A larger problem gets a larger sample (one in eight), up to 1.5 times ``sample``: a sample of 8,000
        # from 200,000 leaves programmes with one or two seats, whose prices say little about the full
        # problem, while the sample's LP of 25,000 employees x 500 did not converge in 4 minutes (and in the
        # 23 s it had, its prices left the bound 15% above the plan); 12,000 converges in 12 s, and L at its
        # prices is 208,786 where the 25,000's unconverged prices gave 232,000.
        sub = _subsample(pr, max(sample, min(pr.n // 8, 3 * sample // 2)), seed)
        sub_pricing = Pricing(sub, m=10)
        x0 = np.zeros(1 + P + n_units)
        x0[0] = _initial_mu(sub, sub_pricing, seed) * cbar
        delta0 = np.concatenate([[max(x0[0], 1e-3)], np.ones(P), np.full(n_units, max(x0[0], 1e-3))])
        # The sample's LP optimum by column generation (exact prices of the sample; the best so far if time
        # runs out), else the sample's prices by the bundle method.
        mark("setup")
        warm_lp = _lp_prices(sub, sub_pricing, sample_deadline)
        if warm_lp is not None:
            x0 = warm_lp[0]
        else:
            x0 = _dual(sub, sub_pricing, x0, delta0, sample_deadline, -np.inf, iterations).x
        delta0 = np.maximum(0.3 * np.abs(x0), 0.5)  # 60,000 x 300: 2.7% from the bound (0.1 and 0.02: 3.5%)
        mark("sample")
        pricing = Pricing(pr, m=m)
    else:
        pricing = Pricing(pr, m=m)
        x0 = np.zeros(1 + P + n_units)
        x0[0] = _initial_mu(pr, pricing, seed) * cbar
        delta0 = np.concatenate([[max(x0[0], 1e-3)], np.ones(P), np.full(n_units, max(x0[0], 1e-3))])
    mark("pricing")
    d = _dual(pr, pricing, x0, delta0, deadline, best_value, iterations, 0.25 if huge else np.inf)
    mark("dual")
    dual_seconds = phases[-1][1]
    bundles = [bundle_rows(best_plan, K, P), *d.bundles]
    prices = (d.x[0] / cbar, d.x[1 + P :] / cbar if n_units else None, d.x[1 : 1 + P])
    # The priced choices at the best prices, repaired to the budget and seats: columns for the choice below
    # (completed greedily on their own they never beat the bundle greedy, and a completion costs 2 s at
    # 60,000 x 300, 45 s at 200,000 x 500).
    _ub, _inside, ci, cp, _e = pricing.best(*prices)
    bundles.append(bundle_rows(repair_plan(pr, ci, cp, pricing), K, P))
    bundles.append(pricing.alternatives_at(*prices, per_employee=alt_bundles, slack=alt_slack))
    all_rows = np.unique(np.concatenate(bundles), axis=0)
    mark("bundles")
    finish = time.perf_counter()
    plan = greedy_fill(pr, bundle_greedy(pr, all_rows, prices), ranked)
    value = evaluate(pr, plan).objective - constant
    finish = time.perf_counter() - finish  # what completing and scoring a plan costs: kept free at the end
    if value > best_value and not violations(pr, plan):
        best_value, best_plan = value, plan
    mark("greedy")
    # Seat exchanges on the best plan (improve.py): at 200,000 x 500 every seat is taken and the question
    # left is who holds them (1.22% -> 0.32% from the bound in 3.6 s); at most a tenth of the time here, and
    # what they took is kept free for the masters' plans too.
    swaps = time.perf_counter()
    plan = exchange(pr, best_plan, pricing.single, min(t0 + 0.95 * time_limit - finish, swaps + 0.1 * time_limit))
    swaps = time.perf_counter() - swaps
    best_value, best_plan = evaluate(pr, plan).objective - constant, plan
    mark("exchange")
    remaining = time_limit - (time.perf_counter() - t0)
    if remaining > 0.5 and d.bound - best_value > 1e-4 * max(1.0, d.bound):
        # Anytime (issue 24): a quick master first, the employees whose best bundle is clear fixed to it and only
        # the contested ones in, then, each time the time left is at least 1.5 times what the last one took, a
        # larger one from the same bundles. Each keeps the best plan so far, so the plan only improves; a master
        # that cannot finish in its time returns nothing better and the plan stays.
        big = len(all_rows) > 400_000
        # measured on 60,000 x 300's bundles: slack 0.25 8.8 s (0.36% from the bound), 2 15.0 s (0.28%), every
        # employee 25.4 s (0.27%); 200,000 x 500: slack 0.1 and 4 bundles, 16-20 s, 0.20% / 0.39% after the
        # exchanges (slack 0.25 and 6: 18-25 s, cut by the time limit in one run of four); the second stage takes
        # about as long as the first there (21 and 30 s, seed 2: 0.61% -> 0.45%), so it needs only 1.1 times that
        stages = ((0.1, 4), (0.25, 6)) if big else ((0.25, 6), (2.0, 6), (np.inf, 6))
        spent = 0.0
        for k, (slack, max_bundles) in enumerate(stages):
            t_master = time.perf_counter()
            # what comes after the master's LP: its greedy completion, the check, the exchanges (and a margin)
            seconds = time_limit - (t_master - t0) - 0.03 * time_limit - 1.25 * (finish + swaps)
            if seconds <= 0.2 or (k and seconds < (1.1 if big else 1.5) * spent):
                break
            plan = master_plan(
                pr,
                all_rows,
                best_plan,
                seconds,
                prices,
                ranked=ranked,
                slack=slack,
                max_bundles=max_bundles,
            )
            spent = time.perf_counter() - t_master
            # a plan read off an LP solution holds its rows within the solver's tolerance: checked exactly
            if not violations(pr, plan):
                plan = exchange(pr, plan, pricing.single, t0 + 0.95 * time_limit - finish)
                value = evaluate(pr, plan).objective - constant
                if value > best_value:
                    best_value, best_plan = value, plan
            mark(f"master{k + 1}")
    # The bound at the best prices with every loose subproblem priced again (unless they were the start's,
    # priced so already). The plan does not depend on it, so it comes last, when the time left covers it
    # (ten dual iterations' worth; 60,000 x 300 at 30 s: 6.6 s that the master needed more).
    left = time_limit - (time.perf_counter() - t0)
    if not d.repriced and d.exact < 1.0 and left > 10.0 * dual_seconds / max(1, d.iterations):
        L_exact, _low, _g, exact_all = _evaluate(pr, pricing, d.x, reprice_share=1.0)
        if L_exact < d.bound:
            d.bound, d.exact = L_exact, float(exact_all.mean())
        mark("bound")
    return LagrangeResult(best_plan, float(d.bound), d.iterations, d.exact, time.perf_counter() - t0, tuple(phases))


class _Proximal:
    """Cutting-plane model of L (a convex piecewise-linear function of the prices) with a proximal term.

    Each evaluation adds the cut ``theta >= L_j + g_j (x - x_j)``; the next point minimises
    ``theta + u/2 |x - center|^2`` (x >= 0), a small QP (HiGHS). It replaced a box step, which in 300
    dimensions stalled 2% above the optimum of L at 60,000 x 300 (bench/README.md): with few cuts its
    model was poor, null steps shrank the box, and a tiny box showed no decrease."""

    def __init__(self, dim: int) -> None:
        import highspy

        self.dim = dim
        self.h = new_highs()
        inf = highspy.kHighsInf
        self.h.addVars(dim + 1, np.zeros(dim + 1), np.full(dim + 1, inf))
        self.h.changeColBounds(dim, -inf, inf)
        self.h.changeColCost(dim, 1.0)
        self.idx = np.arange(dim + 1, dtype=np.int32)
        self.u = -1.0

    def add_cut(self, L: float, g: F64, x: F64) -> None:
        import highspy

        coef = np.concatenate([-g, [1.0]])
        self.h.addRow(float(L - g @ x), highspy.kHighsInf, self.dim + 1, self.idx, coef)

    def minimise(self, center: F64, u: float) -> tuple[F64, float]:
        """The model's minimiser with the proximal term, and the model's value there (theta)."""
        import highspy

        if u != self.u:
            hessian = highspy.HighsHessian()
            hessian.dim_ = self.dim + 1
            hessian.format_ = highspy.HessianFormat.kTriangular
            hessian.start_ = np.r_[np.arange(self.dim + 1), self.dim].astype(np.int32)
            hessian.index_ = self.idx[:-1]
            hessian.value_ = np.full(self.dim, u)
            self.h.passHessian(hessian)
            self.u = u
        self.h.changeColsCost(self.dim, self.idx[:-1], -u * center)
        self.h.run()
        x = np.array(self.h.getSolution().col_value)
        return x[:-1], float(x[-1])


def solve_lagrange(
    pr: PlanProblem,
    base: PlanValue,
    before: int,
    t0: float,
    time_limit: float,
    *,
    seed: int = 0,
    ranked: Order | None = None,
) -> PlanResult:
    """The Lagrangian plan of ``pr`` in what is left of ``time_limit``, never worse than ``base``."""
    left = max(1.0, time_limit - (time.perf_counter() - t0))
    lr = lagrangian_plan(pr, time_limit=left, start=base.assignments, seed=seed, ranked=ranked)
    v = evaluate(pr, lr.assignments)
    if v.objective < base.objective or violations(pr, lr.assignments):
        v = base
    v = cheaper(pr, v, t0 + time_limit)
    # L leaves out the employees already at 20 JP (a constant of every plan); the bound adds them back.
    bound = max(v.objective, lr.bound + pr.lam * before)
    timing = ", ".join(f"{name} {sec:.1f} s" for name, sec, _value in lr.phases)
    message = (
        f"Lagrangian relaxation: {lr.iterations} price iterations, "
        f"{100 * lr.exact_share:.1f}% of the employees' choices proven exact at the bound ({timing})"
    )
    gap = (bound - v.objective) / max(1.0, abs(bound))
    return plan_result(pr, "optimal" if gap <= 1e-9 else "feasible", v, bound, before, t0, message, base)
