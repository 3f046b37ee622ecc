"""The direct MILP of the planner (HiGHS), for up to ``MILP_MAX_PAIRS`` candidate pairs: exact on small
problems, warm-started from the nomination order, then a second pass that keeps the value and minimises
the cost (among plans of equal value the cheaper)."""

from __future__ import annotations

import time

import highspy
import numpy as np

from .problem import (
    Order,
    PlanProblem,
    PlanResult,
    PlanValue,
    bonus_of,
    cheaper,
    evaluate,
    jp_limit,
    new_highs,
    plan_result,
    program_caps,
    trivial_bound,
    violations,
)

# Above this many candidate pairs the direct MILP does not finish its root LP in useful time (bench/README.md);
# the Lagrangian method takes over.
MILP_MAX_PAIRS = 20_000
# HiGHS's ends of a MILP and what the result calls them; any other end is reported as "error".
STATUSES = {
    highspy.HighsModelStatus.kOptimal: "optimal",
    highspy.HighsModelStatus.kTimeLimit: "time_limit",
    highspy.HighsModelStatus.kIterationLimit: "iteration_limit",
    highspy.HighsModelStatus.kSolutionLimit: "solution_limit",
    highspy.HighsModelStatus.kInterrupt: "interrupted",
}


def solve_milp(
    pr: PlanProblem,
    ranked: Order,
    base: PlanValue,
    before: int,
    t0: float,
    *,
    time_limit: float,
    mip_rel_gap: float,
    threads: int,
) -> PlanResult:
    """The MILP over the candidate pairs ``ranked`` (from :func:`nomination_order`), warm-started from ``base``."""
    ci, cp = ranked[0], ranked[1]
    m = len(ci)
    w, e = pr.w, pr.e
    # y variables: (i, c) with a gap that some candidate pair can close.
    gap_pairs: dict[tuple[int, int], list[int]] = {}
    for idx in range(m):
        i, p = int(ci[idx]), int(cp[idx])
        for comp in np.nonzero((pr.gaps[i] > 0) & (pr.raises[p] > 0))[0].tolist():
            gap_pairs.setdefault((i, comp), []).append(idx)
    ykeys = sorted(gap_pairs)
    below = pr.pns & (pr.jp_now < pr.pns_min_jp)
    zkeys = sorted({int(i) for i in ci[below[ci]]}) if pr.lam > 0 else []
    ny, nz = len(ykeys), len(zkeys)
    ncol = m + ny + nz
    # x columns carry an approved IDP's bonus (``pair_bonus``; 0 without one)
    cost_col = np.concatenate([bonus_of(pr, ci, cp), [w[c] * e[i] for i, c in ykeys], np.full(nz, pr.lam)])
    lower = np.zeros(ncol)
    upper = np.concatenate([np.ones(m), [float(pr.gaps[i, c]) for i, c in ykeys], np.ones(nz)])
    rows: list[tuple[list[int], list[float], float, float]] = []
    inf = highspy.kHighsInf
    # y[i,c] <= sum_p a[p,c] x[i,p]
    for j, (i, c) in enumerate(ykeys):
        idxs = gap_pairs[(i, c)]
        # Coefficients capped at the gap: the same integer solutions, a tighter LP relaxation.
        cap = float(pr.gaps[i, c])
        rows.append(([m + j, *idxs], [1.0, *[-min(float(pr.raises[cp[t], c]), cap) for t in idxs]], -inf, 0.0))
    by_emp: dict[int, list[int]] = {}
    for idx in range(m):
        by_emp.setdefault(int(ci[idx]), []).append(idx)
    # (20 - J_i) z_i <= sum_p h_p x_ip
    for j, i in enumerate(zkeys):
        idxs = by_emp[i]
        need = float(pr.pns_min_jp - pr.jp_now[i])
        # JP coefficients capped at what is still needed: the same plans, a tighter LP relaxation.
        rows.append(([m + ny + j, *idxs], [need, *[-min(float(pr.jp[cp[t]]), need) for t in idxs]], -inf, 0.0))
    room, caps = jp_limit(pr), program_caps(pr)
    for i, idxs in by_emp.items():
        rows.append((idxs, [1.0] * len(idxs), -inf, float(caps[i])))
        rows.append((idxs, [float(pr.jp[cp[t]]) for t in idxs], -inf, float(room[i])))
    for p in np.unique(cp):
        idxs = np.nonzero(cp == p)[0].tolist()
        rows.append((idxs, [1.0] * len(idxs), -inf, float(pr.capacity[p])))
    rows.append((list(range(m)), [float(pr.cost[p]) for p in cp], -inf, float(pr.budget)))
    if pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None:
        units = pr.unit[ci]
        for u in np.unique(units):
            idxs = np.nonzero(units == u)[0].tolist()
            rows.append((idxs, [float(pr.cost[cp[t]]) for t in idxs], -inf, float(pr.unit_budget[u])))

    h = new_highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
    # HiGHS keeps one thread scheduler per process, made by its first run (the Lagrangian's models leave
    # "threads" at its default: every core); a later run asking another count ends at once with "Not Set" and
    # the plan would be the nomination order (a worker's small plan after a large one; each government's
    # separate plan after the joint one). A new scheduler for this run: the worker runs one plan at a time.
    highspy.Highs.resetThreadScheduler(True)  # blocking: its workers are joined
    h.setOptionValue("threads", int(threads))
    lp = highspy.HighsLp()
    lp.num_col_ = ncol
    lp.num_row_ = len(rows)
    lp.col_cost_ = cost_col
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.array([r[2] for r in rows])
    lp.row_upper_ = np.array([r[3] for r in rows])
    lp.sense_ = highspy.ObjSense.kMaximize
    starts, index, value = [0], [], []
    for cols, vals, _lo, _hi in rows:
        index += cols
        value += vals
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    lp.integrality_ = (
        [highspy.HighsVarType.kInteger] * m
        + [highspy.HighsVarType.kContinuous] * ny
        + [highspy.HighsVarType.kInteger] * nz
    )
    h.passModel(lp)
    # Warm start from the greedy plan (a feasible point gives HiGHS an incumbent at once).
    start = np.zeros(ncol)
    pos = {(int(ci[t]), int(cp[t])): t for t in range(m)}
    raised = np.zeros(pr.gaps.shape)
    added = np.zeros(pr.n)
    for i, p in base.assignments:
        start[pos[(i, p)]] = 1.0
        raised[i] += pr.raises[p]
        added[i] += pr.jp[p]
    for j, (i, c) in enumerate(ykeys):
        start[m + j] = min(float(pr.gaps[i, c]), raised[i, c])
    for j, i in enumerate(zkeys):
        start[m + ny + j] = 1.0 if pr.jp_now[i] + added[i] >= pr.pns_min_jp else 0.0
    sol = highspy.HighsSolution()
    sol.col_value = start.tolist()
    sol.value_valid = True
    h.setSolution(sol)
    h.run()
    model_status = h.getModelStatus()
    info = h.getInfo()
    status = STATUSES.get(model_status)
    if status is None:  # the plan without any assignment is feasible: anything else is the solver's failure
        message = f"HiGHS ended with {h.modelStatusToString(model_status)}; the plan is the nomination order"
        return plan_result(pr, "error", base, max(base.objective, trivial_bound(pr)), before, t0, message, base)
    dual = float(info.mip_dual_bound)
    if not np.isfinite(dual):  # stopped before it had a bound of its own
        dual = trivial_bound(pr) - pr.lam * before
    values = _solution(h, t0 + time_limit)
    chosen = [(int(ci[t]), int(cp[t])) for t in np.nonzero(values[:m] > 0.5)[0]]
    v = evaluate(pr, chosen)
    if v.objective < base.objective:  # never worse than the incumbent HiGHS was given
        v, values = base, start
    # The cost pass is a refinement: it gets a quarter of the time the value pass took (at least a second).
    spent = time.perf_counter() - t0
    remaining = min(time_limit - spent, max(1.0, 0.25 * spent))
    if model_status == highspy.HighsModelStatus.kOptimal and remaining > 0 and v.cost > 0:
        # Among plans of equal value, the cheaper: keep the value, minimise the cost.
        value_cols = np.nonzero(cost_col)[0]
        h.addRow(
            v.objective - pr.lam * before - 1e-6,
            inf,
            len(value_cols),
            value_cols.astype(np.int32),
            cost_col[value_cols],
        )
        h.changeColsCost(
            ncol, np.arange(ncol, dtype=np.int32), np.concatenate([pr.cost[cp].astype(float), np.zeros(ny + nz)])
        )
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        h.setOptionValue("time_limit", float(remaining))
        again = highspy.HighsSolution()
        again.col_value = values.tolist()
        again.value_valid = True
        h.setSolution(again)
        h.run()
        x = _solution(h, t0 + time_limit)[:m]
        cheap = [(int(ci[t]), int(cp[t])) for t in np.nonzero(x > 0.5)[0]]
        v2 = evaluate(pr, cheap)
        if v2.objective >= v.objective - 1e-9 and v2.cost < v.cost and not violations(pr, cheap):
            v = v2
    v = cheaper(pr, v, t0 + time_limit)
    # The model has no z for those already at 20 JP; evaluate() counts them, so the bound adds them too.
    bound = max(v.objective, dual + pr.lam * before)
    return plan_result(pr, status, v, bound, before, t0, "", base)


def _solution(h: highspy.Highs, deadline: float) -> np.ndarray:
    """The columns of the solution HiGHS reports. HiGHS 1.16 can report the better plan it found yet hand
    back the start it was given (seen on the cost pass): when the columns do not give the reported objective,
    solve again without the start in the time left, and keep whichever columns are consistent."""
    values = np.array(h.getSolution().col_value)
    reported = float(h.getInfo().objective_function_value)
    cost = np.array(h.getLp().col_cost_)
    left = deadline - time.perf_counter()
    if abs(float(cost @ values) - reported) > 1e-6 * max(1.0, abs(reported)) and left > 0:
        h.clearSolver()
        h.setOptionValue("time_limit", float(left))
        h.run()
        values = np.array(h.getSolution().col_value)
    return values
