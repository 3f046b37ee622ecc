"""Requested pairs (approved IDP items, issue 22) in the planner: ``first`` reserves what fits and says why the
rest did not, ``weight`` adds a bounded bonus, and the bound stays a true bound of the model solved."""

import itertools
from dataclasses import replace

import numpy as np
import pytest

from talenta.engine.planner import PlanProblem, candidate_pairs, evaluate, solve, violations
from talenta.engine.planner.requested import requested_weight, reserve

from .test_planner import problem


def simple(**kw):
    """Three employees, three programmes, one competency: programme 0 is the cheap one that closes a gap,
    programme 1 the dear one the employee 0 asked for, programme 2 closes nothing."""
    args = dict(
        gaps=np.array([[2], [2], [2]]),
        raises=np.array([[2], [1], [0]]),
        jp=np.array([8.0, 8.0, 8.0]),
        cost=np.array([1e6, 3e6, 1e6]),
        capacity=np.array([3, 3, 3]),
        eligible=np.ones((3, 3), dtype=bool),
        jp_now=np.full(3, 30.0),
        pns=np.ones(3, dtype=bool),
        pppk=np.zeros(3, dtype=bool),
        budget=3e6,
        lam=0.0,
        max_programs=2,
    )
    args.update(kw)
    return PlanProblem(**args)


def enumerate_best(pr, must=()):
    """The best value over every feasible plan of candidate pairs that holds the ``must`` pairs."""
    ci, cp = candidate_pairs(pr)
    pairs = sorted(set(zip(ci.tolist(), cp.tolist(), strict=True)) - set(must))
    best = -np.inf
    for r in range(len(pairs) + 1):
        for subset in itertools.combinations(pairs, r):
            plan = [*must, *subset]
            if not violations(pr, plan):
                best = max(best, evaluate(pr, plan).objective)
    return best


def test_first_grants_a_requested_pair_that_fits_though_the_optimum_would_not():
    pr = simple()
    ignored = solve(pr, requested=[(0, 1)], idp="ignore")
    assert (0, 1) not in ignored.assignments  # three employees on programme 0 close more for the money
    assert ignored.idp_requested == 1 and ignored.idp_granted == 0
    assert ignored.idp_not_granted == [(0, 1, "budget")]  # the plan spent it all where it closes more
    # with money to spare it is still left out: programme 0 already closes the employee's gap
    assert solve(replace(pr, budget=1e8), requested=[(0, 1)], idp="ignore").idp_not_granted == [(0, 1, "not_chosen")]
    first = solve(pr, requested=[(0, 1)], idp="first")
    assert (0, 1) in first.assignments
    assert first.idp_granted == 1 and first.idp_not_granted == []
    assert not violations(pr, first.assignments)
    assert first.objective == pytest.approx(evaluate(pr, first.assignments).objective)
    # the rest was optimised with what was left: the employee 0 still gets programme 0 if money allows (no)
    assert first.cost <= pr.budget
    assert first.bound >= enumerate_best(pr, must=[(0, 1)]) - 1e-9
    assert first.objective <= ignored.objective


def test_first_reports_each_reason_a_requested_pair_cannot_fit():
    eligible = np.ones((3, 3), dtype=bool)
    eligible[2, 1] = False
    pr = simple(capacity=np.array([3, 1, 3]), max_programs=1, eligible=eligible, budget=4e6)
    requested = [(0, 1), (0, 0), (1, 1), (2, 1), (1, 0)]
    r = solve(pr, requested=requested, idp="first")
    reasons = {(i, p): why for i, p, why in r.idp_not_granted}
    assert (0, 1) in r.assignments and (1, 0) in r.assignments
    assert reasons == {(0, 0): "over_limit", (1, 1): "no_seat", (2, 1): "not_eligible"}
    assert r.idp_requested == 5 and r.idp_granted == 2
    poor = solve(replace(pr, budget=3.5e6), requested=[(0, 1), (1, 0)], idp="first")
    assert {(i, p): why for i, p, why in poor.idp_not_granted} == {(1, 0): "budget"}
    jp = solve(simple(max_jp=10.0), requested=[(0, 1), (0, 0)], idp="first")
    assert {(i, p): why for i, p, why in jp.idp_not_granted} == {(0, 0): "over_limit"}  # 16 JP > H = 10


def test_the_rest_problem_is_the_whole_one_less_the_reserved_pairs():
    pr = problem(3, n=5, P=4, k=3, budget_share=0.6)
    ci, cp = candidate_pairs(pr)
    asked = [(int(ci[0]), int(cp[0])), (int(ci[-1]), int(cp[-1]))]
    res = reserve(pr, asked)
    rest = solve(res.rest, time_limit=10).assignments
    whole = sorted(res.granted + rest)
    assert not violations(pr, whole)
    rest_value = evaluate(res.rest, rest).objective
    assert evaluate(pr, whole).objective == pytest.approx(res.constant + rest_value)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("method", ["milp", "lagrange"])
def test_under_first_the_bound_is_a_true_bound_of_the_plans_holding_the_granted_pairs(seed, method):
    pr = problem(seed, n=4, P=3, k=2, budget_share=0.5)
    ci, cp = candidate_pairs(pr)
    if len(ci) > 12 or len(ci) < 2:
        pytest.skip("too many pairs to enumerate")
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(ci), size=2, replace=False)
    asked = [(int(ci[t]), int(cp[t])) for t in pick] + [(0, 0)]
    r = solve(pr, requested=asked, idp="first", method=method, time_limit=10)
    granted = [pair for pair in dict.fromkeys(asked) if pair in r.assignments]
    assert r.idp_granted == len(granted)
    assert r.idp_granted + len(r.idp_not_granted) == r.idp_requested
    assert not violations(pr, r.assignments)
    assert r.objective == pytest.approx(evaluate(pr, r.assignments).objective)
    assert r.bound >= enumerate_best(pr, must=granted) - 1e-9
    if method == "milp":
        assert r.objective == pytest.approx(enumerate_best(pr, must=granted))


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("weight", [1.5, 2.0, 4.0])
def test_weight_costs_the_plan_at_most_the_bonus_it_earns_and_the_bound_holds(seed, weight):
    pr = problem(seed, n=4, P=3, k=2, budget_share=0.5)
    ci, cp = candidate_pairs(pr)
    if len(ci) > 12 or not len(ci):
        pytest.skip("too many pairs to enumerate")
    asked = [(int(ci[t]), int(cp[t])) for t in range(0, len(ci), 3)]
    plain = solve(pr, time_limit=10)
    weighted = solve(pr, requested=asked, idp="weight", idp_weight=weight, time_limit=10)
    model = requested_weight(pr, asked, weight)
    assert not violations(pr, weighted.assignments)
    assert weighted.objective == pytest.approx(evaluate(model, weighted.assignments).objective)
    assert weighted.bound >= enumerate_best(model) - 1e-9  # a bound of the weighted model
    value = evaluate(pr, weighted.assignments).objective  # the plan judged without the weights
    bonus = weighted.objective - value
    assert bonus <= (weight - 1) * sum(evaluate(pr, [pair]).objective for pair in asked) + 1e-9
    assert value >= plain.objective - bonus - 1e-9
    assert weighted.idp_granted >= solve(pr, requested=asked, idp="ignore", time_limit=10).idp_granted
    lagr = solve(pr, requested=asked, idp="weight", idp_weight=weight, method="lagrange", time_limit=10)
    assert lagr.bound >= enumerate_best(model) - 1e-9 and not violations(pr, lagr.assignments)


def test_weight_brings_a_requested_pair_into_the_plan():
    pr = simple(budget=3e6)
    asked = [(0, 1)]
    assert solve(pr, requested=asked, idp="weight", idp_weight=1.0).idp_granted == 0
    # programme 1 closes one level for 3e6; with weight 4 it is worth 4 levels, more than 0,0 + 1,0 + 2,0 (6
    # levels for 3e6)? no: 4 < 6, so it stays out; at weight 7 it comes in.
    assert solve(pr, requested=asked, idp="weight", idp_weight=4.0).idp_granted == 0
    r = solve(pr, requested=asked, idp="weight", idp_weight=7.0)
    assert r.idp_granted == 1 and (0, 1) in r.assignments


@pytest.mark.parametrize("method", ["milp", "lagrange"])
def test_per_employee_caps_hold_on_every_method(method):
    pr = problem(7, n=30, P=6, k=3, budget_share=2.0, max_programs=3)
    caps = np.arange(30) % 4  # 0..3 programmes left
    jp_left = np.where(np.arange(30) % 5 == 0, 8.0, 60.0)
    capped = replace(pr, programs_left=caps, jp_left=jp_left)
    r = solve(capped, method=method, time_limit=10)
    assert not violations(capped, r.assignments)
    count = np.bincount([i for i, _p in r.assignments], minlength=30)
    assert (count <= caps).all()
    added = np.zeros(30)
    for i, p in r.assignments:
        added[i] += capped.jp[p]
    assert (added <= jp_left + 1e-9).all()
    assert r.bound >= r.objective - 1e-9


def test_the_pair_bonus_is_checked():
    pr = simple()
    with pytest.raises(ValueError, match="sorted"):
        replace(pr, pair_bonus=(np.array([1, 0]), np.array([0, 0]), np.array([1.0, 1.0])))
    with pytest.raises(ValueError, match="outside"):
        replace(pr, pair_bonus=(np.array([5]), np.array([0]), np.array([1.0])))
    with pytest.raises(ValueError, match="IDP mode"):
        solve(pr, requested=[(0, 0)], idp="sometimes")


def test_the_sample_path_carries_the_bonus_and_the_caps():
    """The Lagrangian method's sample (300 employees, sample 100) keeps the pair bonus and per-employee caps
    of the employees it draws: the plan is feasible and its bound stays above the MILP's plan."""
    from talenta.engine.planner.lagrange import lagrangian_plan

    pr = problem(5, n=300, P=12, k=5, budget_share=0.5)
    ci, cp = candidate_pairs(pr)
    asked = [(int(ci[t]), int(cp[t])) for t in range(0, len(ci), 7)]
    reserved = reserve(requested_weight(pr, asked, 3.0), asked[:40])
    model = reserved.rest
    exact = solve(model, time_limit=60, method="milp")
    lr = lagrangian_plan(model, time_limit=20, sample=100)
    assert not violations(model, lr.assignments)
    constant = model.lam * int(np.sum(model.pns & (model.jp_now >= model.pns_min_jp)))
    assert lr.bound + constant >= exact.objective - 1e-6
    assert evaluate(model, lr.assignments).objective >= 0.97 * exact.objective
    assert model.pair_bonus is not None and len(model.pair_bonus[0])
    whole = sorted(reserved.granted + lr.assignments)
    weighted = requested_weight(pr, asked, 3.0)
    assert evaluate(weighted, whole).objective == pytest.approx(
        reserved.constant + evaluate(model, lr.assignments).objective
    )
