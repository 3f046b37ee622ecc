import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenta.engine import succession as s
from talenta.engine.rules import load_ruleset

T = s.succession_tables(load_ruleset())


def test_both_talent_rule_sets_carry_succession_tables():
    bkn = s.succession_tables(load_ruleset("bkn-2025"))
    assert bkn.readiness_labels == ("Siap sekarang", "Siap 1-2 tahun", "Siap 3+ tahun")
    assert T.box_guideline[1:].sum() == pytest.approx(100)


def test_golongan_ranks_pppk_as_pns_equivalent():
    assert T.golongan_rank("I/a") == 0
    assert T.golongan_rank("IV/e") == 16
    assert T.golongan_rank("IX") == T.golongan_rank("III/a")
    assert T.golongan_rank("bogus") == -1


def test_target_match_is_rules_jpm_against_the_target_standard():
    required = np.array([3] * 9)
    actual = np.array([[3, 3, 3, 3, 3, 3, 3, 2, 2], [3] * 9, [4] * 9, [0] * 9])
    m = s.target_match(actual, required, np.array([True, True, True, False]))
    assert m.jpm_raw[0] == pytest.approx(92.5926, abs=1e-4)  # RULES.md §4 worked example: 25/27
    assert m.jpm_raw[2] == pytest.approx(133.3333, abs=1e-4)
    assert m.jpm_capped[2] == 100
    assert np.isnan(m.jpm_raw[3])
    assert m.max_gap.tolist() == [1, 0, 0, -1]
    assert m.total_gap.tolist() == [2, 0, 0, -1]


@pytest.mark.parametrize(
    "jpm, max_gap, label",
    [
        (92.6, 1, "Siap sekarang"),
        (80.0, 1, "Siap sekarang"),
        (85.0, 2, "Siap 1-2 tahun"),  # one competency two levels short
        (79.9, 0, "Siap 1-2 tahun"),
        (68.0, 2, "Siap 1-2 tahun"),
        (67.9, 0, "Siap 3+ tahun"),
        (90.0, 3, "Siap 3+ tahun"),
    ],
)
def test_readiness_rows(jpm, max_gap, label):
    r = s.readiness(np.array([jpm]), np.array([max_gap]), T)
    assert T.readiness_labels[r[0]] == label


def test_readiness_unknown_without_assessment():
    assert s.readiness(np.array([np.nan]), np.array([-1]), T).tolist() == [-1]


def test_eligibility_flags_each_failing_rule():
    flags = s.eligibility(
        "ADMINISTRATOR",
        ["PENGAWAS", "PELAKSANA", "PENGAWAS", "PENGAWAS", "AHLI_MUDA"],
        np.array([T.golongan_rank(g) for g in ["III/d", "III/d", "III/b", "III/d", "XI"]]),
        ["PNS", "PNS", "PNS", "PNS", "PPPK"],
        np.array([10.0, 10.0, 10.0, 1.5, 10.0]),
        T,
    )
    assert flags.tolist() == [0, s.NOT_JOB_KIND, s.NOT_GOLONGAN, s.NOT_RUNWAY, s.NOT_STATUS]
    assert s.reason_text(s.NOT_GOLONGAN | s.NOT_RUNWAY) == ["golongan", "years to retirement"]


def test_fit_and_rank():
    jpm = np.array([90.0, 90.0, np.nan, 95.0])
    box = np.array([9, 5, 9, 9])
    years = np.array([20.0, 20.0, 20.0, 3.0])
    f = s.fit(jpm, box, years, T)
    assert f[0] == pytest.approx(0.6 * 90 + 0.3 * 100 + 0.1 * 100)
    assert f[1] == pytest.approx(0.6 * 90 + 0.3 * 60 + 0.1 * 100)
    assert f[2] == pytest.approx(0.3 * 100 + 0.1 * 100)
    order = s.rank_order(f, np.array([0, 0, 0, s.NOT_STATUS]), ["b", "a", "c", "d"])
    assert order.tolist() == [0, 1, 2]


def test_box_warnings_name_the_crowded_box():
    counts = [5, 0, 10, 0, 0, 40, 0, 0, 10, 40]  # 40% in box 9 against a 5% guideline; box 5 within 1.5 x 30%
    assert s.box_warnings(counts, T) == [(9, 40.0, 5.0)]
    assert s.box_warnings([0] * 10, T) == []


def test_transition_matrix_counts_moves():
    m = s.transition_matrix(np.array([5, 5, 0, 8]), np.array([8, 5, 2, 8]))
    assert m[5, 8] == 1 and m[5, 5] == 1 and m[0, 2] == 1 and m[8, 8] == 1 and m.sum() == 4


def test_bench_strength_nakisa_counts_a_shared_successor_once():
    # positions 10, 11, 12 (of 4 key positions): person 1 named for 10 and 11, person 2 for 12 and 10.
    share, coverage = s.bench_strength(np.array([10, 11, 12, 10]), np.array([1, 1, 2, 2]), 4)
    assert share == 0.75
    # 10: 1/2 + 1/2 = 1; 11: 1/2; 12: 1/2 -> 2 of 4
    assert coverage == pytest.approx(0.5)
    assert s.bench_strength(np.array([]), np.array([]), 3) == (0.0, 0.0)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 7)), min_size=1, max_size=30), st.integers(8, 12))
def test_bench_strength_bounds(pairs, n):
    pos = np.array([p for p, _ in pairs])
    per = np.array([q for _, q in pairs])
    share, coverage = s.bench_strength(pos, per, n)
    assert 0 <= coverage <= share <= 1
    # coverage never exceeds the number of distinct people over the positions
    assert coverage * n <= len(set(per.tolist())) + 1e-9
