"""The plan explains itself (issue 23): gaps no programme can close, and why money is left."""

from dataclasses import replace

import numpy as np

from talenta.engine.planner import PlanProblem, solve
from talenta.engine.planner.explain import explain


def world(**kw):
    """Two employees, three competencies: programme 0 raises competency 0 (cheap, 8 JP), programme 1 raises
    competency 1 but takes 80 JP (over H = 60); nothing raises competency 2."""
    args = dict(
        gaps=np.array([[1, 2, 3], [1, 0, 1]]),
        raises=np.array([[1, 0, 0], [0, 2, 0]]),
        jp=np.array([8.0, 80.0]),
        cost=np.array([1e6, 5e6]),
        capacity=np.array([5, 5]),
        eligible=np.ones((2, 2), dtype=bool),
        jp_now=np.full(2, 30.0),
        pns=np.ones(2, dtype=bool),
        pppk=np.zeros(2, dtype=bool),
        budget=10e6,
        lam=0.0,
    )
    args.update(kw)
    return PlanProblem(**args)


def test_levels_no_programme_raises_and_those_out_of_reach_are_named_apart():
    pr = world()
    r = solve(pr)
    e = explain(pr, r.assignments)
    assert e.no_programme.tolist() == [0, 0, 4]  # nobody can close competency 2
    assert e.out_of_reach.tolist() == [0, 2, 0]  # competency 1: only a programme over the JP limit
    assert e.left == 8e6 and e.reason == "nothing_left"  # both got programme 0; nothing else helps


def test_why_money_is_left():
    pr = world(jp=np.array([8.0, 40.0]))  # programme 1 now within reach
    assert explain(pr, solve(pr).assignments).reason == "nothing_left"  # all done, money to spare
    tight = replace(pr, budget=3e6)
    e = explain(tight, solve(tight).assignments)
    assert e.reason == "too_little" and e.left == 1e6  # programme 1 would help but costs 5e6
    full = replace(pr, capacity=np.array([5, 0]))
    e = explain(full, solve(full).assignments)
    assert e.out_of_reach.tolist()[1] == 2  # no seat at all: out of reach
    one = replace(pr, max_programs=1, gaps=np.array([[1, 2, 0], [0, 0, 0]]))
    e = explain(one, [(0, 0)])  # the employee holds one programme, the other would still help
    assert e.reason == "limits"
    seats = replace(pr, capacity=np.array([5, 1]), gaps=np.array([[0, 2, 0], [0, 2, 0]]))
    e = explain(seats, [(0, 1)])
    assert e.reason == "seats_full"


def test_a_programme_too_short_for_20_jp_does_not_count_as_help_left():
    """A PNS at 0 JP and only an 8-JP programme: reaching 20 JP is out of reach, nothing is left to buy."""
    pr = PlanProblem(
        gaps=np.zeros((1, 1), dtype=int), raises=np.zeros((1, 1), dtype=int), jp=np.array([8.0]),
        cost=np.array([1e6]), capacity=np.array([5]), eligible=np.ones((1, 1), dtype=bool), jp_now=np.zeros(1),
        pns=np.ones(1, dtype=bool), pppk=np.zeros(1, dtype=bool), budget=5e6, max_programs=1,
    )  # fmt: skip
    r = solve(pr)
    assert r.assignments == [] and explain(pr, r.assignments, optimal=r.status == "optimal").reason == "nothing_left"
