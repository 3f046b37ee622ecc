"""The fused kernel gives exactly what the step-by-step NumPy functions give, on random populations."""

from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talenta.engine import compute
from talenta.engine import measures as m
from talenta.engine.rules import load_ruleset

TABLES = {name: m.tables_for(load_ruleset(name)) for name in ("permenpan-2020", "bkn-2025")}


def population(seed: int, n: int, k: int) -> dict[str, np.ndarray]:
    """Random inputs with every kind of missing value and many values sitting exactly on thresholds."""
    rng = np.random.default_rng(seed)

    def maybe_nan(values: np.ndarray, share: float) -> np.ndarray:
        return np.where(rng.random(n) < share, np.nan, values)

    codes = lambda lo, hi: rng.integers(lo, hi, n, dtype=np.int8)  # noqa: E731
    required = rng.integers(0, 6, size=(n, k), dtype=np.int8)
    if n:
        required[rng.random(n) < 0.1] = 0  # positions without a standard
    records = 3 * n
    return {
        "required": required,
        "actual": rng.integers(0, 6, size=(n, k), dtype=np.int8),
        "assessed": rng.random(n) < 0.8,
        "assessment_age_days": maybe_nan(rng.choice([0.0, 1095.75, 1095.76, 1500.0], n), 0.2),
        "hasil": codes(-1, 3),
        "perilaku": codes(-1, 3),
        "prev_hasil": codes(-1, 3),
        "prev_perilaku": codes(-1, 3),
        "prev_score": maybe_nan(rng.choice([0.0, 50.0, 60.0, 70.0, 80.0, 90.0, 95.5, 100.0, 110.0], n), 0.4),
        "assessment_potential": maybe_nan(rng.integers(0, 101, n).astype(float), 0.3),
        "education": codes(-1, 10),
        "years": maybe_nan(rng.choice([0.0, 2.0, 5.0, 9.99, 10.0, 20.0, 35.0], n), 0.05),
        "field_match": rng.choice([0.0, 50.0, 100.0], n),
        "training": rng.choice([50.0, 100.0], n),
        "discipline": codes(0, 4),
        "serving": rng.random(n) < 0.05,
        "family": codes(0, 5),
        "leadership": rng.random(n) < 0.5,
        "functional": rng.random(n) < 0.5,
        "technical_jp": rng.choice([0.0, 19.0, 20.0, 21.0, 40.0], n),
        "seminar": rng.random(n) < 0.4,
        "pppk": rng.random(n) < 0.2,
        "learning_employee": rng.integers(0, max(n, 1), records if n else 0),
        # fractions whose sums depend on the order of addition: the kernel must add in record order too
        "learning_jp": rng.choice([0.1, 1 / 3, 1.0, 2.0, 8.0, 19.9, 20.0, 24.0, 40.0], records if n else 0),
        # a finalised review's box for some (0: none), which then is the box
        "awards": rng.choice([0, 0, 0, 1, 2, 3], n).astype(np.int16),  # supporting performance (BKN-2025)
        "team_assignments": rng.choice([0, 0, 1, 2, 4, 5], n).astype(np.int16),
        "reviewed_box": np.where(rng.random(n) < 0.3, rng.integers(1, 10, n), 0).astype(np.int8),
    }


def flat(r: m.Measures) -> dict[str, np.ndarray]:
    out = {}
    for f in fields(r):
        v = getattr(r, f.name)
        if isinstance(v, m.JpmResult | m.IpResult):
            out |= {f"{f.name}.{g.name}": getattr(v, g.name) for g in fields(v)}
        elif f.name != "ruleset":
            out[f.name] = v
    return out


def assert_same(x: dict[str, np.ndarray], tables: m.Tables) -> None:
    ref, got = flat(compute.compute_all(x, tables, fused=False)), flat(compute.compute_all(x, tables, fused=True))
    assert ref.keys() == got.keys()
    for key, expected in ref.items():
        assert got[key].dtype == expected.dtype, key
        np.testing.assert_array_equal(got[key], expected, err_msg=key)


@pytest.mark.parametrize("ruleset", sorted(TABLES))
def test_fused_matches_the_reference_on_a_large_population(ruleset):
    assert_same(population(7, 50_000, 9), TABLES[ruleset])


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1), n=st.integers(0, 60), k=st.integers(0, 12), ruleset=st.sampled_from(sorted(TABLES))
)
def test_fused_matches_the_reference(seed, n, k, ruleset):
    assert_same(population(seed, n, k), TABLES[ruleset])


def test_rows_shared_between_threads_give_the_same_values(monkeypatch):
    from talenta.engine import fused

    monkeypatch.setattr(fused, "_THREADS", 3)
    monkeypatch.setattr(fused, "_ROWS_PER_THREAD", 7)  # 3 threads over uneven slices, blocks cut short
    monkeypatch.setattr(compute, "FUSED_MIN_ROWS", 0)
    for n in (0, 1, 20, 5000):
        assert_same(population(n, n, 5), TABLES["permenpan-2020"])


def test_compute_all_fuses_from_the_threshold_up(monkeypatch):
    from talenta.engine import fused

    calls = []
    real = fused.fused
    monkeypatch.setattr(fused, "fused", lambda x, t: calls.append(len(x["assessed"])) or real(x, t))
    monkeypatch.setattr(compute, "FUSED_MIN_ROWS", 50)
    t = TABLES["permenpan-2020"]
    small, large = compute.compute_all(population(3, 49, 4), t), compute.compute_all(population(3, 50, 4), t)
    assert calls == [50] and len(small.box) == 49 and len(large.box) == 50
    assert compute.compute_all(population(3, 50, 4), t, fused=False) and calls == [50]


def test_looked_up_measures_are_read_once_and_keep_their_values_when_the_inputs_change():
    x = population(11, 30_000, 9)
    t = TABLES["permenpan-2020"]
    expected = compute.compute_all(x, t, fused=False)
    got = compute.compute_all(x, t, fused=True)
    assert isinstance(got.__dict__["_education_item"], m.Deferred)  # left to be looked up...
    x["education"][:] = 9  # ...from codes of its own, not from the caller's array
    x["discipline"][:] = 3
    first = got.ip.qualification
    assert got.ip.qualification is first  # computed once, then kept
    np.testing.assert_array_equal(first, expected.ip.qualification)
    np.testing.assert_array_equal(got.education_item, expected.education_item)
    np.testing.assert_array_equal(got.ip.discipline, expected.ip.discipline)


def test_lookup_gives_the_missing_value_for_index_minus_one():
    d = m.lookup(np.array([10.0, 20.0]), np.array([1, -1, 0], dtype=np.int8), np.nan)
    np.testing.assert_array_equal(d.values(), [20.0, np.nan, 10.0])
