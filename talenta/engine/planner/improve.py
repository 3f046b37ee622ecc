"""Seat exchanges: a local improvement of a feasible plan (issue 24).

At 200,000 x 500 every seat of every programme is taken and a twentieth of the budget is left: the seats
bind, and what is left to gain is *who* holds them. One exchange moves a seat of programme p from its holder
i to an employee j who gains more from p than i loses (j eligible, within K and H, not holding p). The
programme's cost moves with the seat, so the total budget is unchanged; with OPD budgets j's OPD must have
room. A free seat goes to the employee who gains most while the budget lasts; where the money left is short,
the holder of another programme who loses least among those whose programme frees enough gives it up (drop
one, add one: 60,000 x 300, where the budget binds). Every move is priced exactly from the gaps and raises, so
the plan stays feasible and its value only grows.

Candidates are screened by an upper bound of their gain (the single values of the Lagrangian's pricing, which
are never below the true value of a programme on its own, plus the 20-JP bonus the programme could earn):
per programme the ``per_programme`` best employees not holding it, taken once and again when a round on
stale lists finds nothing (an approved IDP's bonus is not in the screen; a pair screened in is priced with it).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .problem import Ledger, PlanProblem, bonus_of

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


class _State(Ledger):
    """The plan's :class:`Ledger` and its pairs, as moves change them."""

    def __init__(self, pr: PlanProblem, plan: list[tuple[int, int]]) -> None:
        super().__init__(pr)
        self.pairs = set(plan)
        if plan:  # the ledger of the whole plan at once (52,000 pairs at 200,000 x 500)
            i, p = np.array(plan, dtype=np.int64).T
            np.add.at(self.raised, i, np.asarray(pr.raises, dtype=np.int64)[p])
            np.add.at(self.added, i, pr.jp[p])
            np.add.at(self.count, i, 1)
            np.add.at(self.seats, p, 1)
            self.spent = float(pr.cost[p].sum())
            if self.unit_spent is not None:
                np.add.at(self.unit_spent, pr.units[i], pr.cost[p])

    def move(self, j: int, p: int, sign: int) -> None:
        """Employee ``j`` takes (sign +1) or gives up (sign -1) programme ``p``."""
        self.add(j, p, sign)
        if sign > 0:
            self.pairs.add((j, p))
        else:
            self.pairs.discard((j, p))


def _delta(pr: PlanProblem, st: _State, i: I64, p: I64, sign: int) -> F64:
    """The exact change of the objective when each employee ``i[t]`` takes (+1) or gives up (-1) ``p[t]``."""
    if not len(i):
        return np.zeros(0)
    g = np.asarray(pr.gaps, dtype=np.int64)[i]
    r = st.raised[i]
    a = np.asarray(pr.raises, dtype=np.int64)[p]
    after = np.minimum(g, r + sign * a)
    levels = (after - np.minimum(g, r)) * pr.w[None, :]
    value = levels.sum(axis=1) * pr.e[i]
    before_jp = pr.jp_now[i] + st.added[i]
    after_jp = before_jp + sign * pr.jp[p]
    pns = pr.pns[i]
    compliant_change = (pns & (after_jp >= pr.pns_min_jp)).astype(float) - (pns & (before_jp >= pr.pns_min_jp))
    return np.asarray(value + pr.lam * compliant_change + sign * bonus_of(pr, i, p), dtype=np.float64)


def _candidates(pr: PlanProblem, single: NDArray[Any], per_programme: int, chunk: int = 8000) -> I64:
    """(P, T) employees with the highest upper bound of their gain per programme (-1 where fewer)."""
    n, P = single.shape
    T = min(per_programme, n)
    below = pr.pns & (pr.jp_now < pr.pns_min_jp)
    best = np.full((0, P), -np.inf)
    who = np.zeros((0, P), dtype=np.int64)
    for s in range(0, n, chunk):
        sl = slice(s, min(n, s + chunk))
        screen = single[sl].astype(np.float32)
        reach = below[sl, None] & (pr.jp_now[sl, None] + pr.jp[None, :] >= pr.pns_min_jp)
        screen += np.float32(pr.lam) * reach
        t = min(T, sl.stop - s)
        top = np.argpartition(-screen, t - 1, axis=0)[:t] if t < sl.stop - s else np.arange(sl.stop - s)[:, None]
        top = np.broadcast_to(top, (t, P))
        vals = np.take_along_axis(screen, top, axis=0)
        best = np.concatenate([best, vals])
        who = np.concatenate([who, top + s])
        if len(best) > 4 * T:  # keep the running best T per programme
            keep = np.argpartition(-best, T - 1, axis=0)[:T]
            best, who = np.take_along_axis(best, keep, axis=0), np.take_along_axis(who, keep, axis=0)
    order = np.argsort(-best, axis=0, kind="stable")[:T]
    best, who = np.take_along_axis(best, order, axis=0), np.take_along_axis(who, order, axis=0)
    who = np.where(np.isfinite(best), who, -1)
    return np.ascontiguousarray(who.T)


Move = tuple[float, int, int, int, int]  # (gain, programme taken, taker, giver or -1, programme given up)


def _proposals(
    pr: PlanProblem, st: _State, cost: F64, capacity: I64, takers: tuple[I64, I64, F64], givers: tuple[I64, I64, F64]
) -> list[Move]:
    """The round's moves, best first. Per programme: its best candidates to a free seat while the budget has
    one, and its k-th best candidate against the k-th holder who loses least (the seat changes hands). Where
    a free seat is short of money, the candidate against the holder of any programme who loses least among
    those whose programme frees enough of the budget (drop one, add one)."""
    cj, cp, gain = takers
    hi, hp, loss = givers
    P = len(pr.jp)
    moves: list[Move] = []
    c_order = np.lexsort((-gain, cp))
    h_order = np.lexsort((loss, hp))
    c_start = np.searchsorted(cp[c_order], np.arange(P + 1))
    h_start = np.searchsorted(hp[h_order], np.arange(P + 1))
    left = pr.budget - st.spent
    for p in np.unique(cp).tolist():
        best = c_order[c_start[p] : c_start[p + 1]].tolist()
        free = int(capacity[p] - st.seats[p]) if cost[p] <= left + 1e-6 else 0
        moves += [(float(gain[t]), p, int(cj[t]), -1, p) for t in best[:free]]
        for t, g in zip(best, h_order[h_start[p] : h_start[p + 1]].tolist(), strict=False):
            worth = float(gain[t] - loss[g])
            if worth <= 1e-9:
                break
            moves.append((worth, p, int(cj[t]), int(hi[g]), p))
    # drop one, add one: candidates of programmes with a free seat the money left does not pay for
    short = (capacity[cp] > st.seats[cp]) & (cost[cp] > left + 1e-6)
    if short.any() and len(hi):
        by_cost = np.argsort(cost[hp], kind="stable")
        h_cost = cost[hp][by_cost]
        # the least loss among the holders whose programme costs at least h_cost[k] (a suffix minimum)
        rev = loss[by_cost][::-1]
        run = np.minimum.accumulate(rev)[::-1]
        arg = (len(rev) - 1 - _running_argmin(rev))[::-1]
        t = np.flatnonzero(short)
        k = np.searchsorted(h_cost, cost[cp[t]] - left - 1e-6, side="left")
        ok = k < len(h_cost)
        t, k = t[ok], k[ok]
        g = by_cost[arg[k]]
        d = gain[t] - run[k]
        ok = (d > 1e-9) & (hi[g] != cj[t])
        moves += [
            (float(dd), int(q), int(j), int(i), int(p))
            for dd, q, j, i, p in zip(d[ok], cp[t[ok]], cj[t[ok]], hi[g[ok]], hp[g[ok]], strict=True)
        ]
    return moves


def _first(m: Move) -> float:
    return -m[0]


def _own_moves(pr: PlanProblem, st: _State, room: F64, capacity: I64, cj: I64, cq: I64, hi: I64, hp: I64) -> list[Move]:
    """An employee gives up one of its programmes for a candidate programme with a free seat (the money
    checked per move): a plan's bundle was not always the employee's best. ``hi`` sorted (the held pairs)."""
    ok = (st.count[cj] > 0) & (st.seats[cq] < capacity[cq])
    cj, cq = cj[ok], cq[ok]
    lo, hi_end = np.searchsorted(hi, cj, side="left"), np.searchsorted(hi, cj, side="right")
    n_held = hi_end - lo
    t = np.repeat(np.arange(len(cj)), n_held)
    h = np.arange(int(n_held.sum())) - np.repeat(np.cumsum(n_held) - n_held, n_held) + np.repeat(lo, n_held)
    j, q, p = cj[t], cq[t], hp[h]
    after_jp = st.added[j] - pr.jp[p] + pr.jp[q]
    ok = after_jp <= room[j] + 1e-9
    j, q, p, after_jp = j[ok], q[ok], p[ok], after_jp[ok]
    if not len(j):
        return []
    g = np.asarray(pr.gaps, dtype=np.int64)[j]
    r = st.raised[j]
    raises = np.asarray(pr.raises, dtype=np.int64)
    value = ((np.minimum(g, r - raises[p] + raises[q]) - np.minimum(g, r)) * pr.w[None, :]).sum(axis=1) * pr.e[j]
    before = pr.jp_now[j] + st.added[j] >= pr.pns_min_jp
    after = pr.jp_now[j] + after_jp >= pr.pns_min_jp
    d = value + pr.lam * (pr.pns[j] & after).astype(float) - pr.lam * (pr.pns[j] & before)
    d += bonus_of(pr, j, q) - bonus_of(pr, j, p)
    ok = d > 1e-9
    return [
        (float(dd), int(qq), int(jj), int(jj), int(pp))
        for dd, qq, jj, pp in zip(d[ok], q[ok], j[ok], p[ok], strict=True)
    ]


def _running_argmin(a: F64) -> I64:
    """Index of the minimum of a[: k + 1] for each k (the first, where it repeats)."""
    run = np.minimum.accumulate(a)
    is_new = np.r_[True, run[1:] < run[:-1]]
    return np.maximum.accumulate(np.where(is_new, np.arange(len(a)), 0))


def exchange(
    pr: PlanProblem,
    plan: list[tuple[int, int]],
    single: NDArray[Any],
    deadline: float,
    *,
    per_programme: int = 256,
    max_rounds: int = 200,
) -> list[tuple[int, int]]:
    """``plan`` improved by seat exchanges and free seats until no move gains or ``deadline`` passes.

    ``single`` (n, P): an upper bound of the value of each programme to each employee on its own, -inf where
    the employee cannot take it (the Lagrangian's ``Pricing.single``)."""
    if time.perf_counter() >= deadline:
        return list(plan)
    st = _State(pr, plan)
    P = len(pr.jp)
    room, caps = st.room, st.caps
    cost = pr.cost.astype(np.float64)
    capacity = np.asarray(pr.capacity, dtype=np.int64)
    cand = _candidates(pr, single, per_programme)
    fresh = True
    for _round in range(max_rounds):
        if time.perf_counter() >= deadline:
            break
        held = np.array(sorted(st.pairs), dtype=np.int64).reshape(-1, 2)
        hi, hp = held[:, 0], held[:, 1]
        loss = -_delta(pr, st, hi, hp, -1)
        # candidates that may take their programme now (the seat itself and the budget are checked per move)
        cp = np.repeat(np.arange(P), cand.shape[1])
        cj = cand.ravel()
        ok = cj >= 0
        cp, cj = cp[ok], cj[ok]
        ok = (st.count[cj] < caps[cj]) & (st.added[cj] + pr.jp[cp] <= room[cj] + 1e-9)
        if len(held):
            not_holding = ~np.isin(cj * P + cp, hi * P + hp)
            own = _own_moves(pr, st, room, capacity, cj[not_holding], cp[not_holding], hi, hp)
            ok &= not_holding
        else:
            own = []
        cp, cj = cp[ok], cj[ok]
        gain = _delta(pr, st, cj, cp, +1)
        ok = gain > 1e-9
        cp, cj, gain = cp[ok], cj[ok], gain[ok]
        proposals = sorted(_proposals(pr, st, cost, capacity, (cj, cp, gain), (hi, hp, loss)) + own, key=_first)
        touched: set[int] = set()
        applied = 0
        unit_budget = pr.unit_budgets if st.unit_spent is not None else None
        for _d, q, j, i, p in proposals:
            if j in touched or i in touched:
                continue
            back = float(cost[p]) if i >= 0 else 0.0  # what the giver's programme frees
            c = float(cost[q])
            if (p != q and st.seats[q] >= capacity[q]) or st.spent - back + c > pr.budget + 1e-6:
                continue
            if unit_budget is not None and st.unit_spent is not None:
                uj = int(pr.units[j])
                freed = back if i >= 0 and int(pr.units[i]) == uj else 0.0
                if st.unit_spent[uj] - freed + c > float(unit_budget[uj]) + 1e-6:
                    continue
            if i >= 0:
                st.move(i, p, -1)
                touched.add(i)
            st.move(j, q, +1)
            touched.add(j)
            applied += 1
        if applied:
            fresh = False
            continue
        if fresh:
            break  # fresh lists and no move: a local optimum of exchanges
        cand, fresh = _candidates(pr, single, per_programme), True
    return sorted(st.pairs)
