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
from itertools import combinations
from typing import Any

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]
Alternatives = tuple[int, float, list[NDArray[np.int64]]]  # (bundles per employee, slack, rows found)


@dataclass(frozen=True)
class LagrangeResult:
    assignments: list[tuple[int, int]]
    bound: float  # proven upper bound on the objective (without the constant of those already at 20 JP)
    iterations: int
    exact_share: float  # share of employees whose subproblem was solved exactly at the best bound
    seconds: float


def _combos(u: int, k: int) -> NDArray[np.int64]:
    """All subsets of size 1..k of range(u) as (T, k) rows of positions, padded with u (an empty slot)."""
    rows: list[tuple[int, ...]] = []
    for size in range(1, min(k, u) + 1):
        rows += list(combinations(range(u), size))
    idx = np.full((len(rows), max(1, k)), u, dtype=np.int64)
    for t, row in enumerate(rows):
        idx[t, : len(row)] = row
    return idx


class Pricing:
    """Per-employee best bundles for given prices, vectorised over employees in chunks."""

    def __init__(self, pr: Any, *, m: int = 10, chunk: int = 4000) -> None:
        self.pr = pr
        self.m = m
        self.chunk = chunk
        n, P = pr.n, len(pr.jp)
        self.n, self.P = n, P
        w, e = pr.w, pr.e
        room = pr.max_jp * np.ones(n)
        room = np.where(pr.pppk, np.minimum(room, np.maximum(pr.pppk_max_jp - pr.jp_now, 0.0)), room)
        self.room = room
        self.below = pr.pns & (pr.jp_now < pr.pns_min_jp)
        self.bonus = np.where(self.below, float(pr.lam), 0.0)
        # Single values f_i(p) (n, P), -inf where p cannot be taken at all (not eligible, over the JP room,
        # no seat).
        single = np.empty((n, P))
        gaps = pr.gaps.astype(np.int16)
        raises = pr.raises.astype(np.int16)
        for s in range(0, n, 2000):
            g = gaps[s : s + 2000]
            single[s : s + 2000] = (np.minimum(g[:, None, :], raises[None, :, :]) * w[None, None, :]).sum(axis=2)
        single *= e[:, None]
        allowed = pr.eligible & (pr.jp[None, :] <= room[:, None] + 1e-9) & (pr.capacity[None, :] > 0)
        self.single = np.where(allowed, single, -np.inf)
        self.m = min(m, P)
        self.combos = {u: _combos(u, int(pr.max_programs)) for u in range(1, self.m + 1)}
        self.unit = pr.unit if (pr.per_unit_budget and pr.unit is not None) else None

    def alternatives_at(
        self, mu: float, mu_u: F64 | None, nu: F64, per_employee: int, slack: float
    ) -> NDArray[np.int64]:
        """Every employee's ``per_employee`` best bundles at these prices within ``slack`` of its best, as rows."""
        found: list[NDArray[np.int64]] = []
        self.best(mu, mu_u, nu, alternatives=(per_employee, slack, found))
        K = int(self.pr.max_programs)
        return np.concatenate(found) if found else np.zeros((0, K + 1), dtype=np.int64)

    def _combos_for(self, u: int) -> NDArray[np.int64]:
        if u not in self.combos:
            self.combos[u] = _combos(u, int(self.pr.max_programs))
        return self.combos[u]

    def _price_rows(
        self, rows: I64, mu: float, mu_u: F64 | None, nu: F64, m: int, alternatives: Alternatives | None = None
    ) -> tuple[F64, F64, B, NDArray[np.int64]]:
        """Subproblems of ``rows`` with at most ``m`` enumerated candidates each: (upper bound, reduced value
        of the chosen bundle, exact, chosen bundle rows (employee, programmes sorted, P = empty)). With
        ``alternatives = (k, slack, out)`` each employee's k best bundles within slack are appended to out."""
        pr = self.pr
        P = self.P
        K = int(pr.max_programs)
        cost = pr.cost.astype(np.float64)
        unit_mu = mu + (mu_u[self.unit[rows]] if (self.unit is not None and mu_u is not None) else 0.0)
        pi = np.asarray(unit_mu, dtype=np.float64).reshape(-1, 1) * cost[None, :] + nu[None, :]
        pi = np.broadcast_to(pi, (len(rows), P))
        r = self.single[rows] - pi  # -inf where not allowed
        bonus = self.bonus[rows]
        useful = r > -bonus[:, None] + 1e-12
        n_useful = useful.sum(axis=1)
        r_rank = np.where(useful, r, -np.inf)
        m = min(m, P)
        top = np.argpartition(-r_rank, m - 1, axis=1)[:, :m] if P > m else np.tile(np.arange(P), (len(rows), 1))
        top_r = np.take_along_axis(r_rank, top, axis=1)
        order = np.argsort(-top_r, axis=1)  # candidates best first, so the first u are the useful ones
        top = np.take_along_axis(top, order, axis=1)
        top_r = np.take_along_axis(top_r, order, axis=1)
        u_all = np.minimum(n_useful, m)
        inside = np.zeros(len(rows))
        chosen_rows: list[NDArray[np.int64]] = []
        # Employees grouped by their number of candidates u: the subsets of u candidates (size <= K).
        for u in np.unique(u_all).tolist():
            if u == 0:
                continue
            grp = np.flatnonzero(u_all == u)
            idx = self._combos_for(u)  # (T, K) positions 0..u-1, u = the empty slot
            cand = top[grp, :u]
            cand_pad = np.concatenate([cand, np.full((len(grp), 1), P, dtype=np.int64)], axis=1)
            raises = np.concatenate([pr.raises[cand], np.zeros((len(grp), 1, pr.raises.shape[1]))], axis=1)
            jp = np.concatenate([pr.jp[cand], np.zeros((len(grp), 1))], axis=1)
            price = np.concatenate([np.take_along_axis(pi[grp], cand, axis=1), np.zeros((len(grp), 1))], axis=1)
            raised = raises[:, idx[:, 0], :]
            jp_sum = jp[:, idx[:, 0]]
            price_sum = price[:, idx[:, 0]]
            for slot in range(1, idx.shape[1]):
                raised = raised + raises[:, idx[:, slot], :]
                jp_sum = jp_sum + jp[:, idx[:, slot]]
                price_sum = price_sum + price[:, idx[:, slot]]
            who = rows[grp]
            covered = (np.minimum(pr.gaps[who][:, None, :], raised) * pr.w[None, None, :]).sum(axis=2)
            covered *= pr.e[who][:, None]
            reach = jp_sum + pr.jp_now[who][:, None] >= pr.pns_min_jp
            value = covered + np.where(self.below[who][:, None] & reach, float(pr.lam), 0.0)
            red = np.where(jp_sum <= self.room[who][:, None] + 1e-9, value - price_sum, -np.inf)
            t_best = np.argmax(red, axis=1)
            best_red = red[np.arange(len(grp)), t_best]
            take = best_red > 1e-12
            inside[grp] = np.where(take, best_red, 0.0)
            members = np.sort(cand_pad[np.arange(len(grp))[:, None], idx[t_best]], axis=1)
            chosen_rows.append(np.concatenate([who[take][:, None], members[take]], axis=1))
            if alternatives is not None:
                # The runner-up bundles within the slack of the best (and not far below zero): near the optimal
                # prices employees are almost indifferent between them, and the final plan needs the choice.
                k_alt, slack, out = alternatives
                kk = min(k_alt, red.shape[1])
                part = np.argpartition(-red, kk - 1, axis=1)[:, :kk]
                part_red = np.take_along_axis(red, part, axis=1)
                near = (part_red >= best_red[:, None] - slack) & (part_red >= -slack)
                g_near, k_near = np.nonzero(near)
                alt = np.sort(cand_pad[g_near[:, None], idx[part[g_near, k_near]]], axis=1)
                out.append(np.concatenate([who[g_near][:, None], alt], axis=1))
        # Subsets reaching outside the m candidates: bounded by the K-1 best positive single values, the best
        # outside one and the 20-JP bonus (submodularity of the coverage part).
        exact = np.ones(len(rows), dtype=bool)
        bound = inside.copy()
        outside = n_useful > m
        if outside.any():
            o = np.flatnonzero(outside)
            head = np.maximum(top_r[o, : max(K - 1, 0)], 0.0).sum(axis=1)
            r_out = np.where(useful[o], r[o], -np.inf)
            np.put_along_axis(r_out, top[o], -np.inf, axis=1)
            ub_out = head + np.maximum(r_out.max(axis=1), 0.0) + bonus[o]
            loose = ub_out > inside[o] + 1e-9
            bound[o] = np.where(loose, ub_out, inside[o])
            exact[o[loose]] = False
        chosen = np.concatenate(chosen_rows) if chosen_rows else np.zeros((0, K + 1), dtype=np.int64)
        return bound, inside, exact, chosen

    def best(
        self,
        mu: float,
        mu_u: F64 | None,
        nu: F64,
        alternatives: Alternatives | None = None,
        reprice_share: float = 0.25,
    ) -> tuple[F64, F64, I64, I64, B]:
        """Every employee's subproblem at prices (mu, mu_u, nu): its upper bound (exact where ``exact``), the
        reduced value of the bundle chosen (a lower bound), and the chosen (employee, programme) pairs.
        Employees whose bound is not exact with ``m`` candidates are priced again with more when they are at
        most ``reprice_share`` of all (1.0: always, for a final bound)."""
        n, P = self.n, self.P
        ub = np.zeros(n)
        inside = np.zeros(n)
        exact = np.ones(n, dtype=bool)
        parts: list[NDArray[np.int64]] = []
        for s in range(0, n, self.chunk):
            rows = np.arange(s, min(n, s + self.chunk))
            b, v, ex, ch = self._price_rows(rows, mu, mu_u, nu, self.m, alternatives)
            ub[rows], inside[rows], exact[rows] = b, v, ex
            parts.append(ch)
        chosen_all = np.concatenate(parts) if parts else np.zeros((0, int(self.pr.max_programs) + 1), dtype=np.int64)
        # Near the optimal prices few employees are loose; those are priced again with twice as many
        # candidates, and again, until exact (or 24 candidates).
        again = np.flatnonzero(~exact)
        m = self.m
        while len(again) and m < min(P, 20) and len(again) <= reprice_share * n:
            m = min(P, 20, 2 * m)
            b, v, ex, ch = self._price_rows(again, mu, mu_u, nu, m, alternatives)
            ub[again], inside[again], exact[again] = b, v, ex
            chosen_all = np.concatenate([chosen_all[~np.isin(chosen_all[:, 0], again)], ch])
            again = again[~ex]
        self.last_bundles = chosen_all
        members = chosen_all[:, 1:]
        used = members < P
        ci = np.repeat(chosen_all[:, 0], used.sum(axis=1))
        cp = members[used]
        return ub, inside, ci.astype(np.int64), cp.astype(np.int64), exact


@dataclass
class _Dual:
    """The outcome of a run of the dual: the best prices (scaled), L there, and the bundles seen."""

    x: F64
    bound: float
    exact: float
    iterations: int
    bundles: list[NDArray[np.int64]]


def _initial_mu(pr: Any, pricing: Pricing) -> float:
    """A starting budget price: the value per rupiah at which the best single choices would just spend the
    budget (estimated on a sample of the pairs), so the first subproblems are already near a plan."""
    cost = pr.cost.astype(np.float64)
    ii, pp = np.nonzero(np.isfinite(pricing.single) & (pricing.single > 0))
    if not len(ii):
        return 0.0
    rng = np.random.default_rng(0)
    take = rng.choice(len(ii), size=min(len(ii), 200_000), replace=False)
    ratio = pricing.single[ii[take], pp[take]] / np.maximum(cost[pp[take]], 1.0)
    order = np.argsort(-ratio)
    spend = np.cumsum(cost[pp[take]][order]) * (len(ii) / len(take))
    k = int(np.searchsorted(spend, pr.budget))
    return float(ratio[order[min(k, len(order) - 1)]])


def _evaluate(pr: Any, pricing: Pricing, x: F64, reprice_share: float = 0.25) -> tuple[float, float, F64, B]:
    """At the scaled prices x = (mu * cbar, nu, mu_u * cbar): L(x) as a proven bound, the value at x of the
    linear minorant of L through the chosen bundles (equal to L where every subproblem is exact) with its
    gradient (always a valid cut), and which employees' subproblems were solved exactly."""
    P = len(pr.jp)
    cost = pr.cost.astype(np.float64)
    units = pr.unit_budget if (pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None) else None
    n_units = len(units) if units is not None else 0
    cbar = _cbar(pr)
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
        g[1 + P :] = (units - np.bincount(pr.unit[ci], weights=cost[cp], minlength=n_units)) / cbar
    return L, low, g, exact


def _dual(pr: Any, pricing: Pricing, x0: F64, delta0: F64, deadline: float, target: float, iterations: int) -> _Dual:
    """Minimise L over the scaled prices x = (mu * cbar, nu, mu_u * cbar) from x0 (proximal bundle method)."""
    model = _Proximal(len(x0))
    bundles: list[NDArray[np.int64]] = []

    def at(x: F64) -> tuple[float, float, F64, B]:
        L, low, g, exact = _evaluate(pr, pricing, x)
        bundles.append(pricing.last_bundles)
        return L, low, g, exact

    center = x0.copy()
    L0, L_center, g, exact = at(center)
    model.add_cut(L_center, g, center)
    best = _Dual(center, L0, float(exact.mean()), 1, bundles)
    # Proximity weight: the first step moves about delta0 along the subgradient.
    u0 = u = float(np.linalg.norm(g)) / max(float(np.linalg.norm(delta0)), 1e-9)
    it = last_gain = 1
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
                last_gain = it
            best = _Dual(x, L_bound, float(exact.mean()), it, bundles)
        if it - last_gain >= 20:
            break  # twenty iterations without a gain of 0.01%: the time is better spent on the plan
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


def _cbar(pr: Any) -> float:
    """The mean programme cost: the unit of the budget rows and prices (rupiah figures near 1e10 otherwise
    leave the LPs badly scaled for HiGHS' tolerances)."""
    return max(float(pr.cost.astype(np.float64).mean()), 1.0)


def _bundle_lp(
    pr: Any,
    rows: NDArray[np.int64],
    value: F64,
    cost: F64,
    budget: float,
    seats: F64,
    unit_budget: Any | None,
) -> tuple[Any, I64]:
    """The LP choosing at most one of ``rows`` (bundles: employee, programmes padded with P) per employee:
    maximise their ``value`` within ``budget``, the ``seats`` left per programme and, when given, each OPD's
    ``unit_budget``. Rows: one per employee (in ``np.unique`` order of the bundles' employees), the budget, the
    seats, the OPD budgets; the budget rows count in units of the mean cost (:func:`_cbar`). Returns a
    ``highspy.HighsLp`` for the caller to solve (as a MILP or an LP) and the employees of its first rows."""
    import highspy

    P = len(pr.jp)
    nb = len(rows)
    emp, members = rows[:, 0], rows[:, 1:]
    used = members < P
    emps, emp_row = np.unique(emp, return_inverse=True)
    ne = len(emps)
    scale = 1.0 / _cbar(pr)
    if unit_budget is not None and float(np.sum(unit_budget)) <= budget:
        # Every employee is in one OPD, so the OPD budgets imply the total: a row over every column that the
        # interior point method need not carry (60,000 x 300 over 40 OPDs: master 23.4 -> 18.6 s). Its price
        # is then 0 and the OPDs' prices carry the budget.
        budget = np.inf
    r_idx = [emp_row, np.full(nb, ne), ne + 1 + members[used]]
    c_idx = [np.arange(nb), np.arange(nb), np.repeat(np.arange(nb), used.sum(axis=1))]
    vals = [np.ones(nb), cost * scale, np.ones(int(used.sum()))]
    upper = [np.ones(ne), np.array([float(budget) * scale]), np.asarray(seats, dtype=np.float64)]
    if unit_budget is not None:
        r_idx.append(ne + 1 + P + pr.unit[emp])
        c_idx.append(np.arange(nb))
        vals.append(cost * scale)
        upper.append(np.asarray(unit_budget, dtype=np.float64) * scale)
    ri, ci, data = np.concatenate(r_idx), np.concatenate(c_idx), np.concatenate(vals)
    srt = np.lexsort((ri, ci))  # by column, each column's rows in order (HiGHS' column-wise format)
    ri, ci, data = ri[srt], ci[srt], data[srt]
    row_upper = np.concatenate(upper)
    lp = highspy.HighsLp()
    lp.num_col_ = nb
    lp.num_row_ = len(row_upper)
    lp.col_cost_ = np.asarray(value, dtype=np.float64)
    lp.col_lower_ = np.zeros(nb)
    lp.col_upper_ = np.ones(nb)
    lp.row_lower_ = np.full(len(row_upper), -highspy.kHighsInf)
    lp.row_upper_ = row_upper
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(ci, np.arange(nb + 1)).astype(np.int32)
    lp.a_matrix_.index_ = ri.astype(np.int32)
    lp.a_matrix_.value_ = data
    return lp, emps


def _lp_prices(pr: Any, pricing: Pricing, deadline: float) -> tuple[F64, float] | None:
    """The optimal prices of the LP over all bundles, by column generation: a master LP over the bundles
    found so far (HiGHS), every employee priced at its duals, the bundles that beat their employee's dual
    added, until none does. Returns the scaled prices x = (mu * cbar, nu, mu_u * cbar) and L there (a proven
    bound), or None when it did not start in time. Meant for a sample of a few thousand employees (a second
    or two per round); at 60,000 employees a round takes 7-20 s."""
    import highspy

    from .planner import _new_highs

    P = len(pr.jp)
    units = pr.unit_budget if (pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None) else None
    n_units = len(units) if units is not None else 0
    cbar = _cbar(pr)
    capacity = np.asarray(pr.capacity, dtype=np.float64)
    mu, nu, mu_u = 0.0, np.zeros(P), (np.zeros(n_units) if n_units else None)
    sigma = np.zeros(pr.n)
    columns = np.zeros((0, int(pr.max_programs) + 1), dtype=np.int64)
    seen: set[bytes] = set()
    best: tuple[F64, float] | None = None
    master_obj = -np.inf  # the value of the last master LP: a lower bound on the LP over all bundles
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
        columns = np.concatenate([columns, new])
        value, cost = _bundle_stats(pr, columns)
        lp, emps = _bundle_lp(pr, columns, value, cost, float(pr.budget), capacity, units)
        ne = len(emps)
        h = _new_highs()
        h.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        h.passModel(lp)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        master_obj = h.getInfo().objective_function_value
        y = np.maximum(np.asarray(h.getSolution().row_dual, dtype=np.float64), 0.0)  # prices are >= 0
        sigma = np.zeros(pr.n)
        sigma[emps] = y[:ne]
        mu, nu = float(y[ne]) / cbar, y[ne + 1 : ne + 1 + P]  # the budget rows are in units of cbar rupiah
        mu_u = y[ne + 1 + P :] / cbar if units is not None else None
    return best


def _subsample(pr: Any, size: int, seed: int = 0) -> Any:
    """The same problem for a random sample of employees, with the budget and the seats scaled down."""
    from dataclasses import replace

    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(pr.n, size=size, replace=False))
    f = size / pr.n

    def rows(a: Any) -> Any:
        return None if a is None else np.asarray(a)[idx]

    return replace(
        pr,
        gaps=pr.gaps[idx],
        eligible=pr.eligible[idx],
        jp_now=pr.jp_now[idx],
        pns=pr.pns[idx],
        pppk=pr.pppk[idx],
        employee_weight=rows(pr.employee_weight),
        unit=rows(pr.unit),
        budget=pr.budget * f,
        capacity=np.asarray(pr.capacity, dtype=np.float64) * f,
        unit_budget=None if pr.unit_budget is None else np.asarray(pr.unit_budget, dtype=np.float64) * f,
    )


def lagrangian_plan(
    pr: Any,
    *,
    time_limit: float = 60.0,
    iterations: int = 1000,
    m: int = 10,
    master_share: float = 0.35,
    start: list[tuple[int, int]] | None = None,
    sample: int = 8000,
    alt_bundles: int = 4,
    alt_slack: float = 1.0,
) -> LagrangeResult:
    """Prices by a proximal bundle method on L, then the best plan over the bundles the prices proposed.

    A large problem first finds its prices on a random sample of employees (one in eight, ``sample`` to
    four times ``sample``; budget and seats scaled down), solved exactly as an LP by column generation,
    which puts the full problem's prices close to their optimum from the first iteration.
    The dual gets ``1 - master_share`` of the time; every bundle an employee chose at some prices (and the
    start plan's and the repaired plan's, and every employee's runner-up bundles at the best prices)
    becomes a column of the final choice: a bundle greedy by reduced value per rupiah, and a master problem
    in the time left (a MILP when small, else its LP by interior point, rounded and completed greedily).
    """
    from .planner import evaluate, greedy_fill, nomination_order, violations

    t0 = time.perf_counter()
    P = len(pr.jp)
    K = int(pr.max_programs)
    ranked = nomination_order(pr)
    size = pr.n * P
    m = m if size <= 1_000_000 or m != 10 else (8 if size <= 5_000_000 else 6)  # fewer candidates at scale
    cbar = _cbar(pr)
    n_units = len(pr.unit_budget) if (pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None) else 0
    best_plan: list[tuple[int, int]] = list(start) if start is not None else greedy_fill(pr, [], ranked)
    constant = pr.lam * int(np.sum(pr.pns & (pr.jp_now >= pr.pns_min_jp)))
    best_value = evaluate(pr, best_plan).objective - constant
    deadline = t0 + (1 - master_share) * time_limit
    if pr.n > 2 * sample:
        # A larger problem gets a larger sample: its seats scale down with it, and a sample of 8,000 from
        # 200,000 leaves programmes with one or two seats, whose prices say little about the full problem.
        sub = _subsample(pr, max(sample, min(pr.n // 8, 4 * sample)))
        sub_pricing = Pricing(sub, m=10)
        x0 = np.zeros(1 + P + n_units)
        x0[0] = _initial_mu(sub, sub_pricing) * cbar
        delta0 = np.concatenate([[max(x0[0], 1e-3)], np.ones(P), np.full(n_units, max(x0[0], 1e-3))])
        # The sample's LP optimum by column generation (exact prices of the sample; the best so far if time
        # runs out), else the sample's prices by the bundle method.
        warm_lp = _lp_prices(sub, sub_pricing, t0 + 0.4 * (deadline - t0))
        if warm_lp is not None:
            x0 = warm_lp[0]
        else:
            x0 = _dual(sub, sub_pricing, x0, delta0, t0 + 0.4 * (deadline - t0), -np.inf, iterations).x
        delta0 = np.maximum(0.3 * np.abs(x0), 0.5)  # 60,000 x 300: 2.7% from the bound (0.1 and 0.02: 3.5%)
        pricing = Pricing(pr, m=m)
    else:
        pricing = Pricing(pr, m=m)
        x0 = np.zeros(1 + P + n_units)
        x0[0] = _initial_mu(pr, pricing) * cbar
        delta0 = np.concatenate([[max(x0[0], 1e-3)], np.ones(P), np.full(n_units, max(x0[0], 1e-3))])
    d = _dual(pr, pricing, x0, delta0, deadline, best_value, iterations)
    if d.exact < 1.0:  # the bound at the best prices with every loose subproblem priced again (200,000 x 500:
        # 28% of employees were loose, more than the iterations re-price, and the bound 18% above the plan)
        L_exact, _low, _g, exact_all = _evaluate(pr, pricing, d.x, reprice_share=1.0)
        if L_exact < d.bound:
            d.bound, d.exact = L_exact, float(exact_all.mean())
    bundles = [_bundle_rows(best_plan, K, P), *d.bundles]
    prices = (d.x[0] / cbar, d.x[1 + P :] / cbar if n_units else None, d.x[1 : 1 + P])
    # The priced choices at the best prices, repaired to the budget and seats: columns for the choice below
    # (completed greedily on their own they never beat the bundle greedy, and a completion costs 2 s at
    # 60,000 x 300, 45 s at 200,000 x 500).
    _ub, _inside, ci, cp, _e = pricing.best(*prices)
    bundles.append(_bundle_rows(_repair(pr, ci, cp, pricing), K, P))
    bundles.append(pricing.alternatives_at(*prices, per_employee=alt_bundles, slack=alt_slack))
    all_rows = np.unique(np.concatenate(bundles), axis=0)
    finish = time.perf_counter()
    plan = greedy_fill(pr, _bundle_greedy(pr, all_rows, prices), ranked)
    value = evaluate(pr, plan).objective - constant
    finish = time.perf_counter() - finish  # what completing and scoring a plan costs: kept free at the end
    if value > best_value and not violations(pr, plan):
        best_value, best_plan = value, plan
    remaining = time_limit - (time.perf_counter() - t0)
    if remaining > 0.5 and d.bound - best_value > 1e-4 * max(1.0, d.bound):
        # Up to a few hundred thousand bundles the master takes every employee and bundle seen (its LP optimum
        # is then the best mix of them: 60,000 x 300 measured 4.1% from the bound against 4.9% fixing the
        # clear choices first); above that the clear choices are fixed and only the contested ones go in.
        big = len(all_rows) > 400_000
        # Each employee's 6 best bundles first; then, when the first master left time for a larger one, all of
        # them (60,000 x 300: 4.6% -> 3.8% from the bound; at 8,000 x 100 the 6 best gave the better plan).
        spent = 0.0
        for max_bundles in (6,) if big else (6, 1_000):
            t_master = time.perf_counter()
            seconds = time_limit - (t_master - t0) - 0.05 * time_limit - 1.5 * finish
            if max_bundles > 6 and seconds < 2 * spent:
                break
            plan = _master(
                pr,
                all_rows,
                best_plan,
                seconds,
                prices,
                ranked=ranked,
                slack=1.0 if big else np.inf,
                max_bundles=max_bundles,
            )
            spent = time.perf_counter() - t_master
            value = evaluate(pr, plan).objective - constant
            # a plan read off an LP solution holds its rows within the solver's tolerance: checked exactly
            if value > best_value and not violations(pr, plan):
                best_value, best_plan = value, plan
    return LagrangeResult(best_plan, float(d.bound), d.iterations, d.exact, time.perf_counter() - t0)


class _Proximal:
    """Cutting-plane model of L (a convex piecewise-linear function of the prices) with a proximal term.

    Each evaluation adds the cut ``theta >= L_j + g_j (x - x_j)``; the next point minimises
    ``theta + u/2 |x - center|^2`` (x >= 0), a small QP (HiGHS). It replaced a box step, which in 300
    dimensions stalled 2% above the optimum of L at 60,000 x 300 (bench/README.md): with few cuts its
    model was poor, null steps shrank the box, and a tiny box showed no decrease."""

    def __init__(self, dim: int) -> None:
        import highspy

        from .planner import _new_highs

        self.dim = dim
        self.h = _new_highs()
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


def _bundle_rows(pairs: list[tuple[int, int]], k: int, P: int) -> NDArray[np.int64]:
    """A plan as bundle rows: (employee, programmes sorted, padded with P = an empty slot)."""
    by_emp: dict[int, list[int]] = {}
    for i, p in pairs:
        by_emp.setdefault(i, []).append(p)
    out = np.full((len(by_emp), k + 1), P, dtype=np.int64)
    for r, (i, ps) in enumerate(by_emp.items()):
        out[r, 0] = i
        out[r, 1 : 1 + len(ps)] = sorted(ps)
    return out


def _bundle_stats(pr: Any, rows: NDArray[np.int64]) -> tuple[F64, F64]:
    """v_i(S) and the cost of each bundle row."""
    P = len(pr.jp)
    emp, members = rows[:, 0], rows[:, 1:]
    used = members < P
    safe = np.where(used, members, 0)
    raised = np.where(used[:, :, None], pr.raises[safe], 0).sum(axis=1)
    jp = np.where(used, pr.jp[safe], 0.0).sum(axis=1)
    cost = np.where(used, pr.cost[safe].astype(np.float64), 0.0).sum(axis=1)
    below = pr.pns & (pr.jp_now < pr.pns_min_jp)
    value = (np.minimum(pr.gaps[emp], raised) * pr.w[None, :]).sum(axis=1) * pr.e[emp]
    value = value + np.where(below[emp] & (pr.jp_now[emp] + jp >= pr.pns_min_jp), float(pr.lam), 0.0)
    return np.asarray(value, dtype=np.float64), np.asarray(cost, dtype=np.float64)


def _reduced(pr: Any, rows: NDArray[np.int64], prices: tuple[float, F64 | None, F64]) -> tuple[F64, F64, F64]:
    """Value, cost and reduced value (value minus the priced budget and seats) of each bundle row."""
    P = len(pr.jp)
    mu, mu_u, nu = prices
    value, cost = _bundle_stats(pr, rows)
    emp, members = rows[:, 0], rows[:, 1:]
    used = members < P
    unit_mu = mu + (mu_u[pr.unit[emp]] if (mu_u is not None and pr.unit is not None) else 0.0)
    rc = value - cost * unit_mu - np.where(used, nu[np.where(used, members, 0)], 0.0).sum(axis=1)
    return value, cost, rc


def _bundle_greedy(
    pr: Any, rows: NDArray[np.int64], prices: tuple[float, F64 | None, F64], slack: float = 0.5
) -> list[tuple[int, int]]:
    """Employees by their best bundle's reduced value per rupiah; each gets the best of its bundles that
    still fits the budget, the seats and its OPD budget (bundles within ``slack`` of zero reduced value)."""
    P = len(pr.jp)
    value, cost, rc = _reduced(pr, rows, prices)
    emp, members = rows[:, 0], rows[:, 1:]
    ok = rc >= -slack
    rows_ok = np.flatnonzero(ok)
    if not len(rows_ok):
        return []
    order = rows_ok[np.lexsort((-rc[rows_ok], emp[rows_ok]))]  # by employee, best first
    first = np.r_[True, emp[order][1:] != emp[order][:-1]]
    starts = np.flatnonzero(first)
    heads = order[starts]
    emp_order = np.argsort(-(np.maximum(rc[heads], 0.0) + 1e-9) / np.maximum(cost[heads], 1.0), kind="stable")
    ends = np.r_[starts[1:], len(order)]
    seats = np.zeros(P + 1, dtype=np.int64)
    capacity = np.r_[pr.capacity, np.iinfo(np.int64).max // 4].tolist()
    seats_l = seats.tolist()
    spent = 0.0
    per_unit = pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None
    unit_left = np.asarray(pr.unit_budget, dtype=np.float64).tolist() if per_unit else None
    members_l = members.tolist()
    cost_l = cost.tolist()
    order_l = order.tolist()
    plan: list[tuple[int, int]] = []
    for k in emp_order.tolist():
        for r in order_l[starts[k] : ends[k]]:
            c = cost_l[r]
            if spent + c > pr.budget:
                continue
            ps = members_l[r]
            if any(seats_l[p] + 1 > capacity[p] for p in ps if p < P):
                continue
            i = int(emp[r])
            if unit_left is not None:
                u = int(pr.unit[i])
                if unit_left[u] < c:
                    continue
                unit_left[u] -= c
            spent += c
            for p in ps:
                if p < P:
                    seats_l[p] += 1
                    plan.append((i, p))
            break
    return plan


def _master(
    pr: Any,
    rows: NDArray[np.int64],
    start: list[tuple[int, int]],
    seconds: float,
    prices: tuple[float, F64 | None, F64],
    slack: float = 0.15,
    gap: float = 1e-3,
    max_bundles: int = 4,
    ranked: Any = None,
    max_mip_columns: int = 30_000,
) -> list[tuple[int, int]]:
    """The best plan choosing at most one bundle per employee among ``rows`` (HiGHS MILP).

    At the prices (mu, mu_u, nu) an employee whose bundles all have a reduced value below -slack gets none,
    one whose best bundle beats every other by more than ``slack`` (and is above ``slack``) is fixed to it
    while the budget and seats allow, and only the others, with their bundles within ``slack`` of their
    best, go to the MILP with what is left of the budget and the seats."""
    import highspy

    from .planner import _new_highs

    P = len(pr.jp)
    if not len(rows):
        return list(start)
    value, cost, rc = _reduced(pr, rows, prices)
    emp, members = rows[:, 0], rows[:, 1:]
    order = np.lexsort((-rc, emp))  # by employee, best first
    emp_o, rc_o = emp[order], rc[order]
    first = np.r_[True, emp_o[1:] != emp_o[:-1]]
    starts = np.flatnonzero(first)
    best = np.repeat(rc_o[starts], np.diff(np.r_[starts, len(order)]))
    second = np.full(len(starts), -np.inf)
    has_second = np.r_[~first[1:], False][starts]
    second[has_second] = rc_o[starts[has_second] + 1]
    best_e = rc_o[starts]
    fix_e = (best_e > slack) & (second < best_e - slack)
    drop_e = best_e < -slack
    # Fixed bundles, while they fit: by reduced value per rupiah, inside 95% of the budget and the seats.
    fixed_rows = order[starts[fix_e]]
    fr_order = fixed_rows[np.argsort(-(rc[fixed_rows] / np.maximum(cost[fixed_rows], 1.0)))]
    seats = np.zeros(P + 1, dtype=np.int64)
    capacity = np.r_[pr.capacity, np.iinfo(np.int64).max // 4]
    spent = 0.0
    per_unit = pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None
    unit_spent = np.zeros(len(pr.unit_budget)) if per_unit else None
    fixed: list[int] = []
    for r in fr_order.tolist():
        ps = members[r]
        c = float(cost[r])
        if spent + c > 0.95 * pr.budget or (seats[ps] + 1 > capacity[ps]).any():
            continue
        if unit_spent is not None:
            u = int(pr.unit[emp[r]])
            if unit_spent[u] + c > 0.95 * float(pr.unit_budget[u]):
                continue
            unit_spent[u] += c
        spent += c
        np.add.at(seats, ps, 1)
        fixed.append(r)
    fixed_emps = set(emp[fixed].tolist())
    contested_e = ~drop_e & ~np.isin(emp_o[starts], list(fixed_emps))
    rank_in_emp = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    keep = contested_e[np.cumsum(first) - 1] & (rc_o >= best - slack) & (rc_o >= -slack) & (rank_in_emp < max_bundles)
    cand = order[keep]

    plan = [(int(emp[r]), int(p)) for r in fixed for p in members[r][members[r] < P].tolist()]
    if len(cand) == 0 or seconds <= 0.2:
        return plan
    nb = len(cand)
    c_emp = emp[cand]
    c_mem = members[cand]
    c_used = c_mem < P
    unit_left = np.asarray(pr.unit_budget, dtype=np.float64) - unit_spent if unit_spent is not None else None
    lp, _emps = _bundle_lp(
        pr,
        rows[cand],
        value[cand],
        cost[cand],
        pr.budget - spent,
        (capacity[:P] - seats[:P]).astype(np.float64),
        unit_left,
    )
    h = _new_highs()
    h.setOptionValue("time_limit", float(seconds))
    h.setOptionValue("mip_rel_gap", float(gap))
    mip = nb <= max_mip_columns
    if mip:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * nb
    else:  # too large to branch in the time: the LP relaxation, whose basic solution is almost integral
        h.setOptionValue("solver", "ipm")  # with crossover (HiGHS' default): a basic solution; 2x simplex's speed
    h.passModel(lp)
    h.run()
    x = np.array(h.getSolution().col_value)
    from .planner import greedy_fill

    if len(x) != nb or h.getInfo().primal_solution_status != 2:  # no feasible solution found in time
        return greedy_fill(pr, plan, ranked)
    for j in np.flatnonzero(x > (0.5 if mip else 1 - 1e-6)).tolist():
        plan += [(int(c_emp[j]), int(p)) for p in c_mem[j][c_used[j]].tolist()]
    return plan if mip else greedy_fill(pr, plan, ranked)


def _repair(pr: Any, ci: I64, cp: I64, pricing: Pricing) -> list[tuple[int, int]]:
    """The priced choices, kept employee by employee (best reduced value per rupiah first) while they fit."""
    if not len(ci):
        return []
    cost = pr.cost.astype(np.float64)
    order_emp: dict[int, list[int]] = {}
    for i, p in zip(ci.tolist(), cp.tolist(), strict=True):
        order_emp.setdefault(i, []).append(p)
    emps = np.array(list(order_emp), dtype=np.int64)
    bundle_cost = np.array([cost[order_emp[i]].sum() for i in emps.tolist()])
    bundle_value = np.array([pricing.single[i, order_emp[i]].sum() for i in emps.tolist()])
    order = np.argsort(-(bundle_value / np.maximum(bundle_cost, 1.0)), kind="stable")
    seats = np.zeros(len(pr.jp), dtype=np.int64)
    spent = 0.0
    unit_spent: dict[int, float] = {}
    per_unit = pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None
    plan: list[tuple[int, int]] = []
    for k in order.tolist():
        i = int(emps[k])
        ps = order_emp[i]
        c = float(bundle_cost[k])
        if spent + c > pr.budget + 1e-6 or any(seats[p] >= pr.capacity[p] for p in ps):
            continue
        if per_unit:
            u = int(pr.unit[i])
            if unit_spent.get(u, 0.0) + c > float(pr.unit_budget[u]) + 1e-6:
                continue
            unit_spent[u] = unit_spent.get(u, 0.0) + c
        spent += c
        for p in ps:
            seats[p] += 1
            plan.append((i, p))
    return plan
