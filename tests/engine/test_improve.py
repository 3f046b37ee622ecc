"""Seat exchanges (engine/planner/improve.py): feasible, never worse, and a local optimum of single moves."""

import itertools
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talenta.engine.planner import PlanProblem, evaluate, violations
from talenta.engine.planner.improve import exchange
from talenta.engine.planner.pricing import Pricing

from .test_planner import problem


def _later(seconds=30.0):
    return time.perf_counter() + seconds


def _one_seat(**kw):
    """One programme, one seat: employee 0 gains 1 level from it, employee 1 gains 2."""
    args = dict(
        gaps=np.array([[1, 0], [2, 0]]),
        raises=np.array([[2, 0]]),
        jp=np.array([4.0]),
        cost=np.array([1e6]),
        capacity=np.array([1]),
        eligible=np.ones((2, 1), bool),
        jp_now=np.array([30.0, 30.0]),
        pns=np.array([True, True]),
        pppk=np.array([False, False]),
        budget=1e6,
    )
    args.update(kw)
    return PlanProblem(**args)


def test_a_seat_moves_to_the_employee_who_gains_more():
    pr = _one_seat()
    new = exchange(pr, [(0, 0)], Pricing(pr).single, _later())
    assert new == [(1, 0)]
    assert evaluate(pr, new).objective == 2.0 + 2  # two levels, and both employees already at 20 JP


def test_a_free_seat_goes_to_the_best_candidate_while_the_budget_lasts():
    pr = _one_seat(capacity=np.array([2]), budget=2e6)
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(0, 0), (1, 0)]
    pr = _one_seat(capacity=np.array([2]), budget=1.5e6)  # no money for a second seat: the swap instead
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(1, 0)]


def test_an_expensive_programme_worth_little_makes_room_for_a_cheap_one_worth_more():
    """The budget pays for one of the two: employee 0's 1 level at 4 million, or employee 1's 2 at 1 million."""
    pr = _one_seat(
        raises=np.array([[2, 0], [2, 0]]),
        jp=np.array([4.0, 4.0]),
        cost=np.array([4e6, 1e6]),
        capacity=np.array([1, 1]),
        eligible=np.array([[True, False], [False, True]]),
        budget=4.5e6,
    )
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(1, 1)]


def test_the_seat_does_not_move_into_an_opd_without_room():
    units = dict(unit=np.array([0, 1]), per_unit_budget=True)
    pr = _one_seat(unit_budget=np.array([1e6, 0.5e6]), **units)
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(0, 0)]
    pr = _one_seat(unit_budget=np.array([1e6, 1e6]), **units)
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(1, 0)]


def test_the_20_jp_bonus_counts_on_both_sides():
    """Employee 0 reaches 20 JP with the programme (1 level + 1), employee 1 is already there (2 levels)."""
    pr = _one_seat(jp_now=np.array([16.0, 30.0]), lam=1.0)
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(0, 0)]  # 2 == 2: no gain, no move
    pr = _one_seat(jp_now=np.array([16.0, 30.0]), lam=0.5)
    assert exchange(pr, [(0, 0)], Pricing(pr).single, _later()) == [(1, 0)]


def test_a_passed_deadline_returns_the_plan_as_it_was():
    pr = _one_seat()
    assert exchange(pr, [(0, 0)], Pricing(pr).single, time.perf_counter() - 1) == [(0, 0)]


def _improving_single_move(pr, plan):
    """A move of one seat that raises the value and keeps the plan feasible, by brute force: a pair added,
    or one pair dropped and another added (a seat changing hands, an employee changing programme, an
    expensive pair making room for a cheaper one)."""
    base = evaluate(pr, plan).objective
    for drop in [None, *plan]:
        rest = [x for x in plan if x != drop]
        for add in itertools.product(range(pr.n), range(len(pr.jp))):
            if add in plan or not pr.eligible[add]:
                continue
            new = [*rest, add]
            if not violations(pr, new) and evaluate(pr, new).objective > base + 1e-9:
                return drop, add
    return None


def _random_start(pr, rng):
    """A random feasible plan: the eligible pairs in random order, each kept while the plan stays feasible."""
    pairs = [(i, p) for i in range(pr.n) for p in range(len(pr.jp)) if pr.eligible[i, p]]
    rng.shuffle(pairs)
    start: list[tuple[int, int]] = []
    for pair in pairs:
        if not violations(pr, [*start, pair]):
            start.append(pair)
    return start


@pytest.mark.parametrize("seed", range(16))
def test_no_single_move_gains_after_the_exchanges(seed):
    pr = problem(seed, n=12, P=4, k=3, budget_share=0.3, capacity=np.array([2, 3, 1, 2]))
    start = _random_start(pr, np.random.default_rng(seed))
    new = exchange(pr, start, Pricing(pr).single, _later(), per_programme=pr.n)
    assert not violations(pr, new)
    assert evaluate(pr, new).objective >= evaluate(pr, start).objective
    assert _improving_single_move(pr, new) is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    share=st.floats(0.05, 1.0),
    k_max=st.integers(1, 3),
    h_max=st.sampled_from([8.0, 24.0, 60.0]),
    per_unit=st.booleans(),
    weights=st.booleans(),
    bonus=st.booleans(),
)
def test_exchanges_keep_every_constraint_and_never_lose_value(seed, share, k_max, h_max, per_unit, weights, bonus):
    rng = np.random.default_rng(seed)
    n, k = 30, 3
    extra = {}
    if per_unit:
        extra = dict(unit=rng.integers(0, 3, n), unit_budget=rng.uniform(1e6, 6e6, 3), per_unit_budget=True)
    if weights:
        extra |= dict(competency_weight=rng.uniform(0.5, 2.0, k), employee_weight=rng.uniform(0.5, 1.5, n))
    if bonus:  # approved IDP items under --idp weight: a bonus on some pairs
        keys = np.unique(rng.integers(0, n * 6, 8))
        extra |= dict(pair_bonus=(keys // 6, keys % 6, rng.uniform(0.5, 3.0, len(keys))))
    pr = problem(seed, n=n, P=6, k=k, budget_share=share, max_programs=k_max, max_jp=h_max, **extra)
    start = _random_start(pr, rng)
    new = exchange(pr, start, Pricing(pr).single, _later(), per_programme=8)
    assert not violations(pr, new)
    assert evaluate(pr, new).objective >= evaluate(pr, start).objective - 1e-9


@pytest.mark.parametrize("seed", [0, 2])
def test_the_lagrangian_plan_ends_where_no_single_move_gains(seed):
    """Scarce seats (1-3 a programme) and, for seed 2, a tight budget: the greedy start leaves a single move
    that gains; the Lagrangian plan (its masters and exchanges) ends where none does, below its bound."""
    from talenta.engine.planner.lagrange import lagrangian_plan
    from talenta.engine.planner.problem import greedy_fill

    scarce = np.random.default_rng(seed).integers(1, 4, 5)
    pr = problem(seed, n=30, P=5, k=3, budget_share=0.2 if seed else 3.0, capacity=scarce)
    start = greedy_fill(pr, [])
    assert _improving_single_move(pr, start) is not None
    lr = lagrangian_plan(pr, time_limit=10, start=start)
    assert not violations(pr, lr.assignments)
    assert _improving_single_move(pr, lr.assignments) is None
    constant = pr.lam * int(np.sum(pr.pns & (pr.jp_now >= pr.pns_min_jp)))  # the bound leaves it out
    assert lr.bound + constant >= evaluate(pr, lr.assignments).objective - 1e-6
