"""The development planner's problem and what every method shares: shapes and checks, evaluation,
constraints, the nomination order, the greedy fill, the cost reduction and the result.

Model (the default objective, a contract): for employees i, programmes p, competencies c, choose
x[i,p] in {0,1} to maximise

    sum_i sum_c w[c] * e[i] * min(g[i,c], sum_p a[p,c] x[i,p])
      + lambda * #{i in PNS/CPNS : J[i] + sum_p h[p] x[i,p] >= 20}

(e[i] = 1 unless an employee weight is given) subject to total cost <= budget (and, optionally, each
unit's own budget), seats per programme, at most K programmes and H added JP per employee, and PPPK at
most 24 JP in the year; among plans of equal value the cheaper wins (a tie-break term smaller than any
value difference). Solved as a MILP with HiGHS; the greedy "nomination order" baseline is computed beside.
Pure: arrays in, a frozen result out; no Django.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

import highspy
import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]
B = NDArray[np.bool_]
I64 = NDArray[np.int64]
I32 = NDArray[np.int32]
# The candidate pairs (employee, programme) and the nomination order over them, as int32: 200,000 x 500 has
# 46 million candidate pairs, 1.1 GB of int64 (issue 24's 2 GB).
Order = tuple[I32, I32, I32]


@dataclass(frozen=True, eq=False)
class PlanProblem:
    """Shapes: n employees, P programmes, k competencies, U units.

    ``gaps`` (n, k) levels below the standard; ``raises`` (P, k) levels a programme raises; ``jp`` (P,) JP
    of a programme; ``cost`` (P,) rupiah per participant; ``capacity`` (P,) seats; ``eligible`` (n, P);
    ``jp_now`` (n,) JP already this year; ``pns`` (n,) PNS or CPNS; ``pppk`` (n,); ``unit`` (n,) index of
    the employee's OPD into ``unit_budget`` (U,), used only with ``per_unit_budget``.

    Per employee, ``programs_left`` (n,) and ``jp_left`` (n,) tighten K and H (what pairs fixed before the
    optimisation left, :mod:`.requested`); ``pair_bonus`` = (employee rows, programme rows, bonus), sorted by
    (employee, programme), adds a bonus to the objective for each of those pairs taken (an approved IDP item
    under ``--idp weight``): the objective stays a coverage function plus a modular term.
    """

    gaps: NDArray[np.integer]
    raises: NDArray[np.integer]
    jp: F64
    cost: F64
    capacity: NDArray[Any]  # seats: whole numbers (a sample's problem scales them down)
    eligible: B
    jp_now: F64
    pns: B
    pppk: B
    budget: float
    competency_weight: F64 | None = None  # (k,) w[c], default 1
    employee_weight: F64 | None = None  # (n,) e[i], default 1
    unit: I64 | None = None
    unit_budget: F64 | None = None
    per_unit_budget: bool = False
    lam: float = 1.0
    max_programs: int = 3
    max_jp: float = 60.0
    pns_min_jp: float = 20.0
    pppk_max_jp: float = 24.0
    programs_left: I64 | None = None
    jp_left: F64 | None = None
    pair_bonus: tuple[I64, I64, F64] | None = None

    def __post_init__(self) -> None:
        """Check the shapes and signs once (scikit-learn's check_array): the methods then assume them."""
        n, k = np.shape(self.gaps) if np.ndim(self.gaps) == 2 else (-1, -1)
        if n < 0:
            raise ValueError("gaps must be a 2-d array (employees x competencies)")
        P = np.shape(self.raises)[0] if np.ndim(self.raises) == 2 else -1
        expect = {
            "raises": (P, k), "jp": (P,), "cost": (P,), "capacity": (P,), "eligible": (n, P), "jp_now": (n,),
            "pns": (n,), "pppk": (n,),
        }  # fmt: skip
        if P < 0:
            raise ValueError("raises must be a 2-d array (programmes x competencies)")
        for name, shape in expect.items():
            if np.shape(getattr(self, name)) != shape:
                raise ValueError(f"{name} has shape {np.shape(getattr(self, name))}, expected {shape}")
        per_row = ("competency_weight", (k,)), ("employee_weight", (n,)), ("unit", (n,))
        for name, shape in (*per_row, ("programs_left", (n,)), ("jp_left", (n,))):
            value = getattr(self, name)
            if value is not None and np.shape(value) != shape:
                raise ValueError(f"{name} has shape {np.shape(value)}, expected {shape}")
        if self.unit_budget is not None and np.ndim(self.unit_budget) != 1:
            raise ValueError("unit_budget must be a 1-d array (one pagu per unit)")
        if self.unit is not None and self.unit_budget is not None and len(self.unit):
            if int(np.min(self.unit)) < 0 or int(np.max(self.unit)) >= len(self.unit_budget):
                raise ValueError("unit holds an index outside unit_budget")
        if self.per_unit_budget and (self.unit is None or self.unit_budget is None):
            raise ValueError("per_unit_budget needs unit and unit_budget")
        for name in ("gaps", "raises", "jp", "cost", "capacity", "jp_now"):
            if np.size(getattr(self, name)) and np.min(getattr(self, name)) < 0:
                raise ValueError(f"{name} cannot be negative")
        if self.budget < 0:
            raise ValueError("the budget cannot be negative")
        if self.pair_bonus is not None:
            bi, bp, bv = self.pair_bonus
            if not (np.shape(bi) == np.shape(bp) == np.shape(bv)) or np.ndim(bi) != 1:
                raise ValueError("pair_bonus needs three 1-d arrays of one length")
            if len(bi) and (np.min(bi) < 0 or np.max(bi) >= n or np.min(bp) < 0 or np.max(bp) >= P):
                raise ValueError("pair_bonus holds a pair outside the problem")
            keys = np.asarray(bi, dtype=np.int64) * P + np.asarray(bp, dtype=np.int64)
            if len(keys) > 1 and not np.all(np.diff(keys) > 0):
                raise ValueError("pair_bonus must be sorted by (employee, programme), each pair once")
        if self.max_programs < 1 or self.max_jp < 0 or self.lam < 0:
            raise ValueError("max_programs >= 1, max_jp >= 0 and lam >= 0 expected")

    @property
    def units(self) -> I64:
        """``unit``, for a problem with OPD budgets (an error without one)."""
        if self.unit is None:
            raise ValueError("the problem has no units")
        return self.unit

    @property
    def unit_budgets(self) -> F64:
        """``unit_budget``, for a problem with OPD budgets (an error without one)."""
        if self.unit_budget is None:
            raise ValueError("the problem has no unit budgets")
        return self.unit_budget

    @property
    def n(self) -> int:
        return int(self.gaps.shape[0])

    @property
    def w(self) -> F64:
        k = self.gaps.shape[1]
        return np.ones(k) if self.competency_weight is None else np.asarray(self.competency_weight, dtype=float)

    @property
    def e(self) -> F64:
        return np.ones(self.n) if self.employee_weight is None else np.asarray(self.employee_weight, dtype=float)


@dataclass(frozen=True)
class PlanResult:
    status: str  # optimal, feasible (Lagrange, with its bound), time_limit and the other limits, or error
    objective: float  # value of the plan (the model's objective, without the tie-break)
    bound: float  # a proven upper bound on the objective
    gap: float  # (bound - objective) / max(1, |bound|)
    cost: float
    budget: float
    assignments: list[tuple[int, int]]  # (employee row, programme row)
    compliant_before: int
    compliant_after: int
    levels_closed: float  # sum over employees and competencies of min(g, levels raised), unweighted
    seconds: float
    message: str = ""
    baseline: PlanValue | None = None
    # Requested pairs (approved IDP items, issue 22): how many, how many the plan holds, and each one not
    # in the plan with its reason (:mod:`.requested`).
    idp_mode: str = "ignore"
    idp_requested: int = 0
    idp_granted: int = 0
    idp_not_granted: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PlanValue:
    """What a given plan achieves (used for the baseline and for checks)."""

    objective: float
    cost: float
    compliant_after: int
    levels_closed: float
    assignments: list[tuple[int, int]] = field(default_factory=list)


@contextmanager
def _c_stdout_silenced() -> Iterator[None]:
    """HiGHS prints its banner from C++ when constructed, before any option can be set; the CLI's --json
    must own stdout, so the process's file descriptor 1 points at /dev/null for that moment."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def new_highs() -> highspy.Highs:
    with _c_stdout_silenced():
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
    return h


def jp_limit(pr: PlanProblem) -> F64:
    """Added JP allowed per employee: H (or what ``jp_left`` says), and for PPPK what is left below 24 JP."""
    limit = np.full(pr.n, float(pr.max_jp)) if pr.jp_left is None else np.asarray(pr.jp_left, dtype=np.float64)
    pppk_room = np.maximum(pr.pppk_max_jp - pr.jp_now, 0.0)
    return np.where(pr.pppk, np.minimum(limit, pppk_room), limit)


def program_caps(pr: PlanProblem) -> I64:
    """Programmes allowed per employee: K, or what ``programs_left`` says."""
    if pr.programs_left is None:
        return np.full(pr.n, int(pr.max_programs), dtype=np.int64)
    return np.minimum(np.asarray(pr.programs_left, dtype=np.int64), int(pr.max_programs))


def bonus_of(pr: PlanProblem, i: Any, p: Any) -> F64:
    """The ``pair_bonus`` of each pair (i[t], p[t]) (0 for a pair without one), vectorised."""
    i, p = np.asarray(i, dtype=np.int64), np.asarray(p, dtype=np.int64)
    if pr.pair_bonus is None or not len(pr.pair_bonus[0]):
        return np.zeros(i.shape)
    bi, bp, bv = pr.pair_bonus
    P = len(pr.jp)
    keys = np.asarray(bi, dtype=np.int64) * P + np.asarray(bp, dtype=np.int64)
    want = i * P + p
    at = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
    return np.where(keys[at] == want, np.asarray(bv, dtype=np.float64)[at], 0.0)


def candidate_pairs(pr: PlanProblem, chunk: int = 4000) -> tuple[I32, I32]:
    """Pairs (i, p) worth deciding: eligible, fitting the JP room, and of some value to i (row-major order)."""
    room = jp_limit(pr)
    caps = program_caps(pr)
    below = pr.pns & (pr.jp_now < pr.pns_min_jp)
    raises = pr.raises > 0
    out_i, out_p = [], []
    for s in range(0, pr.n, chunk):
        sl = slice(s, min(pr.n, s + chunk))
        has_gap = pr.gaps[sl] > 0
        helps_gap = (has_gap.astype(np.int16) @ raises.T.astype(np.int16)) > 0  # (c, P)
        helps_jp = below[sl, None] & (pr.jp[None, :] > 0)
        ok = pr.eligible[sl] & (pr.jp[None, :] <= room[sl, None]) & (helps_gap | (helps_jp & (pr.lam > 0)))
        ok &= (pr.capacity[None, :] > 0) & (caps[sl, None] > 0)
        i, p = np.nonzero(ok)
        out_i.append((i + s).astype(np.int32))
        out_p.append(p.astype(np.int32))
    if not out_i:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    return np.concatenate(out_i), np.concatenate(out_p)


def evaluate(pr: PlanProblem, pairs: list[tuple[int, int]]) -> PlanValue:
    """The objective, cost, compliance and levels closed of a plan."""
    raised = np.zeros(pr.gaps.shape)
    added = np.zeros(pr.n)
    cost = 0.0
    for i, p in pairs:
        raised[i] += pr.raises[p]
        added[i] += pr.jp[p]
        cost += float(pr.cost[p])
    closed = np.minimum(pr.gaps, raised)
    compliant = int(np.sum(pr.pns & (pr.jp_now + added >= pr.pns_min_jp)))
    value = float(np.sum(closed * pr.w[None, :] * pr.e[:, None])) + pr.lam * compliant
    if pr.pair_bonus is not None and pairs:
        value += float(bonus_of(pr, [i for i, _p in pairs], [p for _i, p in pairs]).sum())
    return PlanValue(value, cost, compliant, float(closed.sum()), sorted(pairs))


def violations(pr: PlanProblem, pairs: list[tuple[int, int]]) -> list[str]:
    """Every constraint a plan breaks (empty for a feasible plan)."""
    out = []
    if len(set(pairs)) != len(pairs):
        out.append("duplicate assignment")
    per_emp = np.zeros(pr.n, dtype=int)
    added = np.zeros(pr.n)
    seats = np.zeros(len(pr.jp), dtype=int)
    cost = 0.0
    unit_cost: dict[int, float] = {}
    for i, p in pairs:
        if not pr.eligible[i, p]:
            out.append(f"employee {i} not eligible for {p}")
        per_emp[i] += 1
        added[i] += pr.jp[p]
        seats[p] += 1
        cost += float(pr.cost[p])
        if pr.unit is not None:
            unit_cost[int(pr.unit[i])] = unit_cost.get(int(pr.unit[i]), 0.0) + float(pr.cost[p])
    if cost > pr.budget + 1e-6:
        out.append(f"cost {cost} over budget {pr.budget}")
    if pr.per_unit_budget and pr.unit_budget is not None:
        out += [f"unit {u} over its budget" for u, c in unit_cost.items() if c > pr.unit_budget[u] + 1e-6]
    out += [f"programme {p} over capacity" for p in np.nonzero(seats > pr.capacity)[0]]
    caps = program_caps(pr)
    out += [f"employee {i} over {caps[i]} programmes" for i in np.nonzero(per_emp > caps)[0]]
    h_room = np.full(pr.n, float(pr.max_jp)) if pr.jp_left is None else np.asarray(pr.jp_left, dtype=np.float64)
    out += [f"employee {i} over {h_room[i]} added JP" for i in np.nonzero(added > h_room + 1e-9)[0]]
    pppk_over = pr.pppk & (pr.jp_now + added > pr.pppk_max_jp + 1e-9) & (added > 0)
    out += [f"PPPK {i} over {pr.pppk_max_jp} JP" for i in np.nonzero(pppk_over)[0]]
    return out


def greedy(pr: PlanProblem) -> PlanValue:
    """Nomination order: pairs by value per rupiah (standalone), accepted while they fit and still add value."""
    return evaluate(pr, greedy_fill(pr, []))


def _standalone(
    pr: PlanProblem, ci: NDArray[np.integer[Any]], cp: NDArray[np.integer[Any]], chunk: int = 1 << 20
) -> F64:
    """Each pair's value on its own: gap levels it closes (weighted) plus the 20-JP bonus it alone earns."""
    below = pr.pns & (pr.jp_now < pr.pns_min_jp)
    gaps, raises = pr.gaps.astype(np.int8), pr.raises.astype(np.int8)
    out = np.empty(len(ci))
    for s in range(0, len(ci), chunk):
        i, p = ci[s : s + chunk], cp[s : s + chunk]
        out[s : s + chunk] = (np.minimum(gaps[i], raises[p]) @ pr.w) * pr.e[i]
        out[s : s + chunk] += pr.lam * (below[i] & (pr.jp_now[i] + pr.jp[p] >= pr.pns_min_jp))
        if pr.pair_bonus is not None:
            out[s : s + chunk] += bonus_of(pr, i, p)
    return out


def nomination_order(pr: PlanProblem) -> Order:
    """The candidate pairs and the nomination order over them (best value per rupiah first)."""
    ci, cp = candidate_pairs(pr)
    standalone = _standalone(pr, ci, cp)
    key = _rank_key(standalone, cp, pr.cost)
    if key is None:  # other weights: the general sort
        ratio = standalone / np.maximum(pr.cost[cp], 1e-9)
        return ci, cp, np.lexsort((-standalone, -ratio)).astype(np.int32)
    del standalone  # 46 million pairs: 370 MB that the sort below need not hold beside its own
    return ci, cp, _stable_order(key)


def _stable_order(key: NDArray[np.unsignedinteger[Any]], chunk: int = 1 << 20) -> I32:
    """``np.argsort(key, kind="stable")`` as int32, by a counting sort over chunks: each chunk's pairs go to
    their key's next places, so no int64 permutation of every pair is made (46 million pairs: 370 MB)."""
    size = int(key.max(initial=0)) + 1
    offset = np.zeros(size, dtype=np.int64)
    offset[1:] = np.cumsum(np.bincount(key, minlength=size))[:-1]
    out = np.empty(len(key), dtype=np.int32)
    for s in range(0, len(key), chunk):
        part = key[s : s + chunk]
        order = np.argsort(part, kind="stable")
        sorted_keys = part[order]
        first = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
        starts = np.flatnonzero(first)
        within = np.arange(len(part)) - np.repeat(starts, np.diff(np.r_[starts, len(part)]))
        out[offset[sorted_keys] + within] = order + s
        offset += np.bincount(part, minlength=size)
    return out


def _rank_key(standalone: F64, cp: I32, cost: F64, chunk: int = 1 << 20) -> NDArray[np.unsignedinteger[Any]] | None:
    """A sort key ordering the pairs by value per rupiah, then by value (ties keep their (employee, programme)
    order under a stable sort), or None when the values are not whole numbers.

    With whole-number values (the default weights) a pair's key depends only on (value, programme), a few
    thousand combinations: those are ranked, and the pairs sorted by their combination's rank, a radix sort
    when the ranks fit 16 bits (46 million pairs: 8 s -> under 1 s). Built in chunks, so no int64 copy of
    every pair is made (200,000 x 500: 1.1 GB)."""
    P = len(cost)
    top = float(standalone.max()) if len(standalone) else 0.0
    if not (top < 1e6 and (int(top) + 1) * P <= 4_000_000):
        return None
    for s in range(0, len(standalone), chunk):
        part = standalone[s : s + chunk]
        if not np.all(part == np.floor(part)):
            return None
    values = np.repeat(np.arange(int(top) + 1, dtype=np.float64), P)
    progs = np.tile(np.arange(P), int(top) + 1)
    c_ratio = values / np.maximum(cost[progs], 1e-9)
    by = np.lexsort((-values, -c_ratio))
    new = np.r_[True, (c_ratio[by][1:] != c_ratio[by][:-1]) | (values[by][1:] != values[by][:-1])]
    rank = np.empty(len(by), dtype=np.int64)
    rank[by] = np.cumsum(new) - 1  # equal keys share a rank, so the stable sort keeps their pairs' order
    dtype = np.uint16 if rank.max(initial=0) < 1 << 16 else np.uint32
    rank_d = rank.astype(dtype)
    key: NDArray[np.unsignedinteger[Any]] = np.empty(len(cp), dtype=dtype)
    for s in range(0, len(cp), chunk):
        key[s : s + chunk] = rank_d[standalone[s : s + chunk].astype(np.int64) * P + cp[s : s + chunk]]
    return key


def greedy_fill(pr: PlanProblem, start: list[tuple[int, int]], order: Order | None = None) -> list[tuple[int, int]]:
    """``start`` (a feasible plan) completed by the nomination order with what budget and seats are left
    (``order`` from :func:`nomination_order`, computed when not given)."""
    ci, cp, ranked = order if order is not None else nomination_order(pr)
    w, e = pr.w, pr.e
    below = pr.pns & (pr.jp_now < pr.pns_min_jp)
    raised_np = np.zeros(pr.gaps.shape, dtype=np.int64)
    added = np.zeros(pr.n)
    count = np.zeros(pr.n, dtype=int)
    seats = np.zeros(len(pr.jp), dtype=int)
    room = jp_limit(pr)
    caps = program_caps(pr)
    caps_l = caps.tolist()
    spent = 0.0
    unit_budget = pr.unit_budget if pr.per_unit_budget and pr.unit is not None else None
    unit_spent = np.zeros(len(unit_budget)) if unit_budget is not None else None
    chosen: list[tuple[int, int]] = list(start)
    taken = set(start)
    for i, p in start:
        raised_np[i] += pr.raises[p]
        added[i] += pr.jp[p]
        count[i] += 1
        seats[p] += 1
        spent += float(pr.cost[p])
        if unit_spent is not None and pr.unit is not None:
            unit_spent[pr.unit[i]] += float(pr.cost[p])
    raised = cast(list[list[int]], raised_np.tolist())
    # Pairs are taken in blocks; a pair that fails the budget, its seats, the employee's count or JP room at
    # the start of a block fails later too (they only tighten), so each block is filtered with NumPy first.
    gaps_l = cast(list[list[int]], pr.gaps.tolist())
    raises_l = cast(list[list[int]], pr.raises.tolist())
    cost_l, jp_l, cap_l, w_l = pr.cost.tolist(), pr.jp.tolist(), pr.capacity.tolist(), w.tolist()
    e_l, below_l, jp_now_l = e.tolist(), below.tolist(), pr.jp_now.tolist()
    unit_l = pr.unit.tolist() if pr.unit is not None else None
    cheapest = float(pr.cost[cp].min()) if len(cp) else 0.0
    block = 65536
    for b in range(0, len(ranked), block):
        idxs = ranked[b : b + block]
        bi, bp = ci[idxs], cp[idxs]
        alive = (
            (pr.cost[bp] <= pr.budget - spent)
            & (seats[bp] < pr.capacity[bp])
            & (count[bi] < caps[bi])
            & (added[bi] + pr.jp[bp] <= room[bi])
        )
        if not alive.any():
            if spent + cheapest > pr.budget:
                break
            continue
        extra = bonus_of(pr, bi[alive], bp[alive]).tolist() if pr.pair_bonus is not None else None
        for t, (i, p) in enumerate(zip(bi[alive].tolist(), bp[alive].tolist(), strict=True)):
            c = cost_l[p]
            if (
                spent + c > pr.budget
                or seats[p] >= cap_l[p]
                or count[i] >= caps_l[i]
                or added[i] + jp_l[p] > room[i]
                or (i, p) in taken
            ):
                continue
            if unit_spent is not None and unit_budget is not None and unit_l is not None:
                if unit_spent[unit_l[i]] + c > unit_budget[unit_l[i]]:
                    continue
            gi, ri, rp = gaps_l[i], raised[i], raises_l[p]
            gain = sum(wc * (min(g, r + a) - min(g, r)) for wc, g, r, a in zip(w_l, gi, ri, rp, strict=True)) * e_l[i]
            total = added[i] + jp_now_l[i]
            if below_l[i] and total < pr.pns_min_jp <= total + jp_l[p]:
                gain += pr.lam
            if extra is not None:
                gain += extra[t]
            if gain <= 0:
                continue
            chosen.append((i, p))
            taken.add((i, p))
            raised[i] = [r + a for r, a in zip(ri, rp, strict=True)]
            added[i] += jp_l[p]
            count[i] += 1
            seats[p] += 1
            spent += c
            if unit_spent is not None and unit_l is not None:
                unit_spent[unit_l[i]] += c
    return chosen


def reduce_cost(
    pr: PlanProblem, pairs: list[tuple[int, int]], *, deadline: float | None = None
) -> list[tuple[int, int]]:
    """The plan made cheaper without losing value: among plans of equal value the cheaper wins, where the
    exact tie-break (the MILP's cost pass) is too expensive or did not run.

    The objective is a sum over employees, so a change to one employee's programmes that keeps that
    employee's value keeps the plan's. Per employee (the costliest first): drop a programme that adds
    nothing to the others, then replace each by the cheapest programme that keeps the value and fits
    (eligible, a seat free, the JP room). Cost and seats only go down, so every constraint still holds.
    Stops at ``deadline`` (a ``time.perf_counter()`` value) with what it has. Employees with a ``pair_bonus``
    keep their programmes as they are (a swap would weigh the bonus too; they are few)."""
    if not pairs:
        return []
    w, e = pr.w, pr.e
    cost = pr.cost.astype(np.float64)
    seats = np.bincount(np.array([p for _i, p in pairs]), minlength=len(cost))
    room = jp_limit(pr)
    by_emp: dict[int, list[int]] = {}
    for i, p in pairs:
        by_emp.setdefault(i, []).append(p)
    order = sorted(by_emp, key=lambda i: -sum(float(cost[p]) for p in by_emp[i]))
    kept = set(np.asarray(pr.pair_bonus[0]).tolist()) if pr.pair_bonus is not None else set()
    cheaper_first = np.argsort(cost, kind="stable")

    def value(i: int, raised: NDArray[np.integer], added: float) -> float:
        closed = np.minimum(pr.gaps[i], raised)
        bonus = pr.lam if pr.pns[i] and pr.jp_now[i] + added >= pr.pns_min_jp else 0.0
        return float(closed @ w) * float(e[i]) + bonus

    out: list[tuple[int, int]] = []
    for n_done, i in enumerate(order):
        progs = by_emp[i]
        if deadline is not None and n_done % 64 == 0 and time.perf_counter() > deadline:
            out += [(i2, p) for i2 in order[n_done:] for p in by_emp[i2]]
            break
        if i in kept:
            out += [(i, p) for p in progs]
            continue
        raised = pr.raises[progs].sum(axis=0).astype(np.int64)
        added = float(pr.jp[progs].sum())
        target = value(i, raised, added) - 1e-9
        for p in sorted(progs, key=lambda q: -cost[q]):  # drops: a programme the others make redundant
            if value(i, raised - pr.raises[p], added - pr.jp[p]) >= target:
                progs.remove(p)
                raised = raised - pr.raises[p]
                added -= float(pr.jp[p])
                seats[p] -= 1
        for p in sorted(progs, key=lambda q: -cost[q]):  # swaps: the cheapest programme doing as much
            cands = cheaper_first[: int(np.searchsorted(cost[cheaper_first], cost[p], side="left"))]
            if not len(cands):
                continue
            cands = cands[pr.eligible[i, cands] & (seats[cands] < pr.capacity[cands])]
            cands = cands[~np.isin(cands, progs)]
            base_raised, base_added = raised - pr.raises[p], added - float(pr.jp[p])
            cands = cands[base_added + pr.jp[cands] <= room[i] + 1e-9]
            if not len(cands):
                continue
            closed = np.minimum(pr.gaps[i][None, :], base_raised[None, :] + pr.raises[cands])
            values = (closed @ w) * float(e[i])
            if pr.pns[i]:
                values = values + pr.lam * (pr.jp_now[i] + base_added + pr.jp[cands] >= pr.pns_min_jp)
            ok = np.flatnonzero(values >= target)
            if not len(ok):
                continue
            q = int(cands[ok[0]])  # cands are in ascending cost
            progs[progs.index(p)] = q
            raised, added = base_raised + pr.raises[q], base_added + float(pr.jp[q])
            seats[p] -= 1
            seats[q] += 1
        out += [(i, p) for p in progs]
    return sorted(out)


def employee_rows(pr: PlanProblem, rows: Any) -> dict[str, Any]:
    """The per-employee arrays of ``pr`` for the employees ``rows`` (a sample, a government), as keyword
    arguments of ``dataclasses.replace``."""
    idx = np.asarray(rows, dtype=np.int64)

    def take(a: Any) -> Any:
        return None if a is None else np.asarray(a)[idx]

    return {
        "gaps": pr.gaps[idx],
        "eligible": pr.eligible[idx],
        "jp_now": pr.jp_now[idx],
        "pns": pr.pns[idx],
        "pppk": pr.pppk[idx],
        "employee_weight": take(pr.employee_weight),
        "unit": take(pr.unit),
        "programs_left": take(pr.programs_left),
        "jp_left": take(pr.jp_left),
    }


def restrict(pr: PlanProblem, rows: Any, *, budget: float, capacity: Any) -> PlanProblem:
    """The problem of the employees ``rows`` alone, with their own ``budget`` and ``capacity`` seats (a
    government's separate plan, the comparison of a joint one; issue 24). OPD budgets and pair bonuses do not
    carry over."""
    from dataclasses import replace

    return replace(
        pr,
        **{**employee_rows(pr, rows), "unit": None},
        unit_budget=None,
        per_unit_budget=False,
        pair_bonus=None,
        budget=float(budget),
        capacity=np.asarray(capacity),
    )


# Why a pair does not fit beside others (codes of the JSON and the page; see :mod:`.requested`).
NOT_ELIGIBLE = "not_eligible"  # the programme is not open to the employee (job kind), or not in this plan
OVER_LIMIT = "over_limit"  # the employee's K programmes or H added JP (24 JP for PPPK) would be passed
NO_SEAT = "no_seat"  # the programme's seats are taken
BUDGET = "budget"  # the budget (or the OPD's pagu) left does not cover it


class Ledger:
    """What a set of pairs uses: each employee's programmes and added JP, each programme's seats, the money
    (in total and per OPD), the levels raised; and why one more pair would not fit (the requested pairs'
    reasons, the plan's explanation)."""

    def __init__(self, pr: PlanProblem) -> None:
        self.pr = pr
        self.caps, self.room = program_caps(pr), jp_limit(pr)
        self.count = np.zeros(pr.n, dtype=np.int64)
        self.added = np.zeros(pr.n)
        self.seats = np.zeros(len(pr.jp), dtype=np.int64)
        self.raised = np.zeros(pr.gaps.shape, dtype=np.int64)
        self.spent = 0.0
        per_unit = pr.per_unit_budget and pr.unit is not None and pr.unit_budget is not None
        self.unit_spent = np.zeros(len(pr.unit_budgets)) if per_unit else None

    def add(self, i: int, p: int, sign: int = 1) -> None:
        """Employee ``i`` takes programme ``p`` (``sign`` -1: gives it up)."""
        pr = self.pr
        self.count[i] += sign
        self.added[i] += sign * float(pr.jp[p])
        self.seats[p] += sign
        self.raised[i] += sign * pr.raises[p]
        self.spent += sign * float(pr.cost[p])
        if self.unit_spent is not None:
            self.unit_spent[pr.units[i]] += sign * float(pr.cost[p])

    def why_not(self, i: int, p: int) -> str | None:
        """The reason (i, p) does not fit beside what is held, or None when it fits."""
        pr, c = self.pr, float(self.pr.cost[p])
        if not pr.eligible[i, p]:
            return NOT_ELIGIBLE
        if self.count[i] + 1 > self.caps[i] or self.added[i] + pr.jp[p] > self.room[i] + 1e-9:
            return OVER_LIMIT
        if self.seats[p] + 1 > pr.capacity[p]:
            return NO_SEAT
        over_unit = self.unit_spent is not None and (
            self.unit_spent[pr.units[i]] + c > pr.unit_budgets[pr.units[i]] + 1e-6
        )
        if self.spent + c > pr.budget + 1e-6 or over_unit:
            return BUDGET
        return None


def trivial_bound(pr: PlanProblem) -> float:
    """An upper bound on every plan that needs no solver: every gap closed and every PNS at 20 JP."""
    bonus = 0.0 if pr.pair_bonus is None else float(np.maximum(pr.pair_bonus[2], 0.0).sum())
    return float(np.sum(pr.gaps * pr.w[None, :] * pr.e[:, None])) + pr.lam * int(np.sum(pr.pns)) + bonus


def cheaper(pr: PlanProblem, v: PlanValue, deadline: float) -> PlanValue:
    """``v`` or, when :func:`reduce_cost` finds one, a plan of the same value at a lower cost."""
    pairs = reduce_cost(pr, v.assignments, deadline=deadline)
    cheaper = evaluate(pr, pairs)
    if cheaper.objective >= v.objective - 1e-9 and cheaper.cost < v.cost - 1e-6 and not violations(pr, pairs):
        return cheaper
    return v


def plan_result(
    pr: PlanProblem, status: str, v: PlanValue, bound: float, before: int, t0: float, message: str, base: PlanValue
) -> PlanResult:
    return PlanResult(
        status,
        v.objective,
        bound,
        (bound - v.objective) / max(1.0, abs(bound)),
        v.cost,
        pr.budget,
        v.assignments,
        before,
        v.compliant_after,
        v.levels_closed,
        time.perf_counter() - t0,
        message,
        base,
    )
