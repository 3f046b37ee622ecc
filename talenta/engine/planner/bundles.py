"""Plans from the bundles the prices proposed: the bundles' values and costs, the LP over bundles (column
generation's master), a bundle greedy by reduced value per rupiah, a master MILP (or its LP, rounded) over
the contested employees, and the repair of a priced plan into a feasible one."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .pricing import Pricing, cost_scale
from .problem import PlanProblem, bonus_of, greedy_fill, new_highs

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]


def bundle_lp(
    pr: PlanProblem,
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
    seats, the OPD budgets; the budget rows count in units of the mean cost (:func:`pricing.cost_scale`). Returns a
    ``highspy.HighsLp`` for the caller to solve (as a MILP or an LP) and the employees of its first rows."""
    import highspy

    P = len(pr.jp)
    nb = len(rows)
    emp, members = rows[:, 0], rows[:, 1:]
    used = members < P
    emps, emp_row = np.unique(emp, return_inverse=True)
    ne = len(emps)
    scale = 1.0 / cost_scale(pr)
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
        r_idx.append(ne + 1 + P + pr.units[emp])
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


def bundle_rows(pairs: list[tuple[int, int]], k: int, P: int) -> NDArray[np.int64]:
    """A plan as bundle rows: (employee, programmes sorted, padded with P = an empty slot)."""
    by_emp: dict[int, list[int]] = {}
    for i, p in pairs:
        by_emp.setdefault(i, []).append(p)
    out = np.full((len(by_emp), k + 1), P, dtype=np.int64)
    for r, (i, ps) in enumerate(by_emp.items()):
        out[r, 0] = i
        out[r, 1 : 1 + len(ps)] = sorted(ps)
    return out


def bundle_stats(pr: PlanProblem, rows: NDArray[np.int64], chunk: int = 100_000) -> tuple[F64, F64]:
    """v_i(S) and the cost of each bundle row (in chunks: the levels raised are (rows, K, k) before they are
    summed, 1 GB for 200,000 x 500's 1.5 million bundles at once)."""
    if len(rows) > chunk:
        parts = [_bundle_stats(pr, rows[s : s + chunk]) for s in range(0, len(rows), chunk)]
        return np.concatenate([v for v, _c in parts]), np.concatenate([c for _v, c in parts])
    return _bundle_stats(pr, rows)


def _bundle_stats(pr: PlanProblem, rows: NDArray[np.int64]) -> tuple[F64, F64]:
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
    if pr.pair_bonus is not None:
        extra = bonus_of(pr, np.broadcast_to(emp[:, None], members.shape), safe)
        value = value + np.where(used, extra, 0.0).sum(axis=1)
    return np.asarray(value, dtype=np.float64), np.asarray(cost, dtype=np.float64)


def reduced_values(
    pr: PlanProblem, rows: NDArray[np.int64], prices: tuple[float, F64 | None, F64]
) -> tuple[F64, F64, F64]:
    """Value, cost and reduced value (value minus the priced budget and seats) of each bundle row."""
    P = len(pr.jp)
    mu, mu_u, nu = prices
    value, cost = bundle_stats(pr, rows)
    emp, members = rows[:, 0], rows[:, 1:]
    used = members < P
    unit_mu = mu + (mu_u[pr.unit[emp]] if (mu_u is not None and pr.unit is not None) else 0.0)
    rc = value - cost * unit_mu - np.where(used, nu[np.where(used, members, 0)], 0.0).sum(axis=1)
    return value, cost, rc


def bundle_greedy(
    pr: PlanProblem, rows: NDArray[np.int64], prices: tuple[float, F64 | None, F64], slack: float = 0.5
) -> list[tuple[int, int]]:
    """Employees by their best bundle's reduced value per rupiah; each gets the best of its bundles that
    still fits the budget, the seats and its OPD budget (bundles within ``slack`` of zero reduced value)."""
    P = len(pr.jp)
    value, cost, rc = reduced_values(pr, rows, prices)
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
                u = int(pr.units[i])
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


def master_plan(
    pr: PlanProblem,
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
    best, go to the MILP with what is left of the budget and the seats. ``seconds`` covers the whole call: the
    solver gets what is left of it once the model is built (200,000 x 500: the build takes 2-4 s)."""
    import highspy

    t_start = time.perf_counter()
    P = len(pr.jp)
    if not len(rows):
        return list(start)
    value, cost, rc = reduced_values(pr, rows, prices)
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
    unit_spent = np.zeros(len(pr.unit_budgets)) if per_unit else None
    fixed: list[int] = []
    for r in fr_order.tolist():
        ps = members[r]
        c = float(cost[r])
        if spent + c > 0.95 * pr.budget or (seats[ps] + 1 > capacity[ps]).any():
            continue
        if unit_spent is not None:
            u = int(pr.units[emp[r]])
            if unit_spent[u] + c > 0.95 * float(pr.unit_budgets[u]):
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
    lp, _emps = bundle_lp(
        pr,
        rows[cand],
        value[cand],
        cost[cand],
        pr.budget - spent,
        (capacity[:P] - seats[:P]).astype(np.float64),
        unit_left,
    )
    h = new_highs()
    h.setOptionValue("mip_rel_gap", float(gap))
    mip = nb <= max_mip_columns
    if mip:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * nb
    else:  # too large to branch in the time: the LP relaxation, whose basic solution is almost integral
        h.setOptionValue("solver", "ipm")  # with crossover (HiGHS' default): a basic solution; 2x simplex's speed
    h.passModel(lp)
    left = seconds - (time.perf_counter() - t_start)
    if left <= 0.2:
        return greedy_fill(pr, plan, ranked)
    h.setOptionValue("time_limit", float(left))
    h.run()
    x = np.array(h.getSolution().col_value)
    solved = len(x) == nb and h.getInfo().primal_solution_status == 2
    del h, lp  # the model (200,000 x 500: some 400 MB) is not held through the greedy completion below
    if not solved:  # no feasible solution found in time
        return greedy_fill(pr, plan, ranked)
    for j in np.flatnonzero(x > (0.5 if mip else 1 - 1e-6)).tolist():
        plan += [(int(c_emp[j]), int(p)) for p in c_mem[j][c_used[j]].tolist()]
    return plan if mip else greedy_fill(pr, plan, ranked)


def repair_plan(pr: PlanProblem, ci: I64, cp: I64, pricing: Pricing) -> list[tuple[int, int]]:
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
            u = int(pr.units[i])
            if unit_spent.get(u, 0.0) + c > float(pr.unit_budgets[u]) + 1e-6:
                continue
            unit_spent[u] = unit_spent.get(u, 0.0) + c
        spent += c
        for p in ps:
            seats[p] += 1
            plan.append((i, p))
    return plan
