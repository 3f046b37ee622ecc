"""Why a plan leaves what it leaves (issue 23: the result explains itself): the gap levels no programme can
close, and the budget left unspent with its reason. Pure and vectorised: arrays in, a small result out."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import F64, Ledger, PlanProblem, jp_limit, program_caps

# Why money is left (codes of the JSON; the page words them).
NOTHING_LEFT = "nothing_left"  # every gap a programme can close is closed, every PNS that can reach 20 JP does
SEATS_FULL = "seats_full"  # what would still help has no seat left
TOO_LITTLE = "too_little"  # what would still help costs more than is left (in total or in the OPD's pagu)
LIMITS = "limits"  # what would still help passes the employees' programmes or JP allowed
SPENT = "spent"  # nothing (or next to nothing) is left


@dataclass(frozen=True)
class Explanation:
    """Per competency: gap levels no programme of the catalogue raises (``no_programme``), and those only
    programmes out of the employee's reach raise (not open to them, over their JP limit, no seats at all:
    ``out_of_reach``); the budget left and why."""

    no_programme: F64  # (k,) levels
    out_of_reach: F64  # (k,) levels
    left: float
    reason: str


def explain(
    pr: PlanProblem, assignments: list[tuple[int, int]], *, optimal: bool = False, chunk: int = 4000
) -> Explanation:
    """``optimal``: the plan is proven optimal, so what is left cannot be for want of time."""
    n, P = pr.n, len(pr.jp)
    raises = pr.raises > 0
    gaps = np.asarray(pr.gaps)
    room = jp_limit(pr)
    caps = program_caps(pr)
    offered = np.asarray(raises.any(axis=0), dtype=bool)  # (k,) some programme raises it
    no_programme = np.where(offered, 0.0, gaps.sum(axis=0)).astype(np.float64)
    out_of_reach = np.zeros(gaps.shape[1])
    held = Ledger(pr)  # what the plan gives each employee
    for i, p in assignments:
        held.add(i, p)
    raised, added, count, seats, cost, unit_spent = (
        held.raised, held.added, held.count, held.seats, held.spent, held.unit_spent
    )  # fmt: skip
    left = max(0.0, float(pr.budget) - cost)
    residual = np.maximum(gaps - raised, 0)
    below = np.asarray(pr.pns & (pr.jp_now + added < pr.pns_min_jp), dtype=bool)
    useful_any = fits_any = seat_any = afford_any = False
    free = np.asarray(pr.capacity) - seats
    for s in range(0, n, chunk):
        sl = slice(s, min(n, s + chunk))
        reach = pr.eligible[sl] & (pr.jp[None, :] <= room[sl, None] + 1e-9) & (np.asarray(pr.capacity)[None, :] > 0)
        can = (reach.astype(np.int16) @ raises.astype(np.int16)) > 0  # (c, k) some reachable programme raises it
        out_of_reach += np.where(offered[None, :] & ~can, gaps[sl], 0).sum(axis=0)
        # pairs that would still add value beside the plan
        helps = ((residual[sl] > 0).astype(np.int16) @ raises.T.astype(np.int16)) > 0
        # 20 JP: only a programme that brings the employee there adds the bonus
        reaches = pr.jp_now[sl, None] + added[sl, None] + pr.jp[None, :] >= pr.pns_min_jp
        helps |= below[sl, None] & reaches & (pr.lam > 0)
        useful = reach & helps  # a programme the employee could take at all, that would still add value
        if not useful.any():
            continue
        useful_any = True
        fits = useful & (count[sl, None] < caps[sl, None]) & (added[sl, None] + pr.jp[None, :] <= room[sl, None] + 1e-9)
        if not fits.any():
            continue
        fits_any = True
        seated = fits & (free[None, :] > 0)
        if not seated.any():
            continue
        seat_any = True
        money = np.full(seated.shape, left)
        if unit_spent is not None:
            unit_left = pr.unit_budgets - unit_spent
            money = np.minimum(money, unit_left[pr.units[sl]][:, None])
        if (seated & (pr.cost[None, :] <= money + 1e-6)).any():
            afford_any = True
    cheapest = float(np.min(pr.cost)) if P else 0.0
    if left < max(1.0, 1e-6 * float(pr.budget)) or (P and left < cheapest):
        reason = SPENT if not useful_any else TOO_LITTLE
    elif not useful_any:
        reason = NOTHING_LEFT
    elif not fits_any:
        reason = LIMITS
    elif not seat_any:
        reason = SEATS_FULL
    elif not afford_any:
        reason = TOO_LITTLE
    elif optimal:  # a proven optimum leaves it: a pair alone would add, but not beside what the plan holds
        reason = NOTHING_LEFT
    else:  # something useful still fits: the plan stopped short of it (its time limit)
        reason = "stopped"
    return Explanation(no_programme, out_of_reach, left, reason)
