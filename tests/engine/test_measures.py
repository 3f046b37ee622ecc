"""The measures of RULES.md on exact small cases (the worked examples included) and on invariants."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from talenta.engine import compute
from talenta.engine import measures as m
from talenta.engine.rules import load_ruleset

R = load_ruleset()
T = m.tables_for(R)
BKN = m.tables_for(load_ruleset("bkn-2025"))
NAN = np.nan


def arr(*v, dtype=np.float64):
    return np.array(v, dtype=dtype)


def test_jpm_worked_example():
    """Nine competencies required at 3 (sum 27), actual sum 25: JPM 92.59, Optimal, MS, IKK 7.41."""
    required = np.full((1, 9), 3)
    actual = np.array([[3, 3, 3, 3, 3, 3, 3, 2, 2]])
    r = m.jpm(required, actual, arr(True, dtype=bool), T)
    assert r.raw[0] == pytest.approx(92.59, abs=0.005) and r.ikk[0] == pytest.approx(7.41, abs=0.005)
    assert T.jpm_mapping.labels[r.mapping[0]] == "Optimal"
    assert T.jpm_selection.labels[r.selection[0]] == "MS"
    assert r.gaps.tolist() == [[0, 0, 0, 0, 0, 0, 0, 1, 1]]


def test_jpm_raw_above_100_is_capped_and_category_edges():
    required = np.array([[2, 2, 0], [5, 5, 0], [5, 5, 0], [5, 5, 0], [2, 2, 2]])
    actual = np.array([[4, 4, 5], [4, 5, 0], [4, 4, 0], [3, 4, 0], [0, 0, 0]])
    r = m.jpm(required, actual, arr(True, True, True, True, False, dtype=bool), T)
    assert r.raw[0] == 200 and r.capped[0] == 100  # competency 3 is not in the standard: ignored
    assert [T.jpm_mapping.labels[i] for i in r.mapping[:4]] == ["Optimal", "Optimal", "Cukup Optimal", "Kurang Optimal"]
    assert [T.jpm_selection.labels[i] for i in r.selection[:4]] == ["MS", "MS", "MS", "MMS"]
    assert np.isnan(r.raw[4]) and r.mapping[4] == -1 and r.gaps[4].sum() == 0  # no assessment: no JPM


def test_skp_matrix_vectorised():
    h = arr(2, 2, 2, 1, 1, 1, 0, 0, 0, -1, dtype=np.int8)
    p = arr(0, 1, 2, 0, 1, 2, 0, 1, 2, 1, dtype=np.int8)
    names = [R.predikat[i] if i >= 0 else None for i in m.skp_predikat(h, p, T)]
    assert names == [
        "Kurang/Misconduct",
        "Baik",
        "Sangat Baik",
        "Kurang/Misconduct",
        "Baik",
        "Baik",
        "Sangat Kurang",
        "Butuh Perbaikan",
        "Butuh Perbaikan",
        None,
    ]


def test_nine_box_worked_example():
    """Baik, assessment potential 85, items 80/100/100/80, no discipline -> 88.25, tinggi, box 8; SB -> 9."""
    predikat = arr(R.predikat.index("Baik"), R.predikat.index("Sangat Baik"), dtype=np.int8)
    perf_score, perf_band = m.performance(predikat, T)
    integrity = m.integrity_score(arr(0, 0, dtype=np.int8), arr(False, False, dtype=bool), T)
    pot, pot_band = m.potential(
        arr(85, 85), arr(NAN, NAN), arr(80, 80), arr(100, 100), arr(100, 100), arr(80, 80), integrity, T
    )
    assert pot.tolist() == pytest.approx([88.25, 88.25])
    assert [m.POTENTIAL_BANDS[b] for b in pot_band] == ["tinggi", "tinggi"]
    assert m.nine_box(perf_band, pot_band, T).tolist() == [8, 9]
    assert perf_score.tolist() == [80, 100]


def test_grid_layout_and_pools():
    perf = np.repeat(arr(0, 1, 2, dtype=np.int8), 3)
    pot = np.tile(arr(0, 1, 2, dtype=np.int8), 3)
    boxes = m.nine_box(perf, pot, T)
    assert boxes.reshape(3, 3).tolist() == [[1, 3, 6], [2, 5, 8], [4, 7, 9]]
    pool, national = m.in_pool(boxes, T)
    assert sorted(boxes[pool].tolist()) == [7, 8, 9] and boxes[national].tolist() == [9]
    assert m.nine_box(arr(-1, 1, dtype=np.int8), arr(1, -1, dtype=np.int8), T).tolist() == [0, 0]


def test_a_finalised_review_gives_the_box_and_the_pools_follow_it():
    engine = arr(5, 9, 0, 3, dtype=np.int8)
    box, reviewed, pool, national = m.official_box(engine, arr(7, 0, 8, 0, dtype=np.int8), T)
    assert box.tolist() == [7, 9, 8, 3] and reviewed.tolist() == [True, False, True, False]
    assert pool.tolist() == [True, True, True, False] and national.tolist() == [False, True, False, False]
    box, reviewed, _pool, _national = m.official_box(engine, None, T)
    assert box.tolist() == engine.tolist() and not reviewed.any()


def test_potential_falls_back_to_jpm_and_integrity_levels():
    integ = m.integrity_score(arr(0, 1, 2, 3, 1, dtype=np.int8), arr(False, False, False, False, True, dtype=bool), T)
    assert integ.tolist() == [100, 75, 50, 25, 0]
    pot, _ = m.potential(arr(NAN), arr(70.0), arr(0), arr(0), arr(0), arr(0), arr(100), T)
    assert pot[0] == pytest.approx(0.65 * 70 + 15)


def test_bkn_2025_weighting_is_a_rule_set():
    pot, _ = m.potential(arr(85.0), arr(90.0), arr(80), arr(100), arr(100), arr(80), arr(100), BKN)
    assert pot[0] == pytest.approx(0.40 * 90 + 0.25 * 85 + 0.05 * 360 + 15)
    baik, sangat_baik = R.predikat.index("Baik"), R.predikat.index("Sangat Baik")
    # Kepka BKN 411/2025: performance = 60% main (predikat points) + 40% supporting (awards, team work).
    supporting = m.supporting_performance(arr(0, 1, 0, 2), arr(0, 0, 2, 1), BKN)
    assert supporting.tolist() == [0, 50, 50, 100]
    score, band = m.performance(arr(baik, sangat_baik, sangat_baik, baik, dtype=np.int8), BKN, supporting)
    assert score.tolist() == pytest.approx([48, 80, 80, 88])
    assert [m.BANDS[b] for b in band] == ["sesuai", "di_atas", "di_atas", "di_atas"]
    assert m.talent_score(score, pot, BKN)[0] == pytest.approx(0.5 * 48 + 0.5 * pot[0])
    # The default rule set does not weigh supporting performance: the predikat's points alone.
    score, _ = m.performance(arr(baik, dtype=np.int8), T, m.supporting_performance(arr(2), arr(2), T))
    assert score[0] == 80


def ip(
    education="S1",
    family="pelaksana",
    lead=False,
    func=False,
    tech=0.0,
    seminar=False,
    score=NAN,
    predikat=-1,
    discipline=0,
    tables=T,
):
    return m.ip_asn(
        arr(R.education_levels.index(education), dtype=np.int8),
        arr(m.JOB_FAMILIES.index(family), dtype=np.int8),
        arr(lead, dtype=bool),
        arr(func, dtype=bool),
        arr(tech),
        arr(seminar, dtype=bool),
        arr(score),
        arr(predikat, dtype=np.int8),
        arr(discipline, dtype=np.int8),
        tables,
    )


def test_ip_asn_worked_example():
    """Pelaksana, S1, 30 JP technical, no seminar, SKP 85, no penalty: 15 + 22.5 + 25 + 5 = 67.5, Rendah."""
    r = ip(tech=30, score=85)
    assert (r.qualification[0], r.competency[0], r.performance[0], r.discipline[0], r.total[0]) == (
        15,
        22.5,
        25,
        5,
        67.5,
    )
    assert T.ip_categories.labels[r.category[0]] == "Rendah"


@pytest.mark.parametrize(
    "total_kwargs, category",
    [
        (
            {"education": "S3", "family": "administrator", "lead": True, "tech": 20, "seminar": True, "score": 95},
            "Sangat Tinggi",
        ),  # 25 + 40 + 30 + 5 = 100
        ({"education": "S2", "family": "fungsional", "func": True, "tech": 25, "score": 80}, "Sedang"),  # 20+30+25+5=80
        ({"education": "SMA", "family": "pelaksana", "predikat": 1, "discipline": 3}, "Sangat Rendah"),  # 5+0+25+1
    ],
)
def test_ip_asn_categories(total_kwargs, category):
    assert T.ip_categories.labels[ip(**total_kwargs).category[0]] == category


@pytest.mark.parametrize(
    "score, points", [(50, 1), (50.5, 1), (51, 5), (60, 5), (61, 15), (75, 15), (76, 25), (90, 25), (91, 30), (100, 30)]
)
def test_ip_skp_score_bands(score, points):
    assert ip(score=score).performance[0] == points


def test_ip_category_edges_are_strict():
    idx = T.ip_categories.index(arr(90.0, 90.01, 80.0, 70.5, 60.0, 0.0))
    assert [T.ip_categories.labels[i] for i in idx] == [
        "Tinggi",
        "Sangat Tinggi",
        "Sedang",
        "Sedang",
        "Sangat Rendah",
        "Sangat Rendah",
    ]


def test_jp_totals_and_compliance():
    totals = m.jp_totals(arr(0, 0, 2, 2, 2, dtype=np.int64), arr(12, 10, 20, 20, 5), 4)
    assert totals.tolist() == [22, 0, 45, 0]
    counted, ok = m.jp_compliance(totals, arr(False, False, True, False, dtype=bool), T)
    assert counted.tolist() == [22, 0, 24, 0] and ok.tolist() == [1, 0, -1, 0]


def test_stale_assessment_window():
    assert m.stale_assessment(arr(100, 3 * 365.25 + 1, NAN), T).tolist() == [False, True, False]


# -- invariants ----------------------------------------------------------------------------------------
levels = hnp.arrays(np.int64, st.tuples(st.integers(1, 30), st.just(9)), elements=st.integers(0, 5))


@settings(max_examples=60, deadline=None)
@given(req=levels, act=levels)
def test_jpm_invariants(req, act):
    n = min(len(req), len(act))
    req, act = req[:n], act[:n]
    r = m.jpm(req, act, np.ones(n, dtype=bool), T)
    has = req.sum(axis=1) > 0
    assert np.all(r.capped[has] <= 100) and np.all(r.raw[has] >= 0)
    assert np.all(np.isnan(r.raw[~has]))
    assert np.all(r.gaps >= 0) and np.all(r.gaps <= req)
    full = m.jpm(req, np.maximum(act, req), np.ones(n, dtype=bool), T)
    assert np.all(full.gaps == 0) and np.all(full.capped[has] == 100)


@settings(max_examples=60, deadline=None)
@given(
    perf=hnp.arrays(np.int8, 20, elements=st.integers(0, 2)), pot=hnp.arrays(np.int8, 20, elements=st.integers(0, 2))
)
def test_box_is_monotone_in_both_bands(perf, pot):
    box = m.nine_box(perf, pot, T)
    assert np.all((box >= 1) & (box <= 9))
    up = m.nine_box(np.minimum(perf + 1, 2), pot, T)
    right = m.nine_box(perf, np.minimum(pot + 1, 2), T)
    assert np.all(up >= box) and np.all(right >= box)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 9),
            st.integers(0, 4),
            st.booleans(),
            st.booleans(),
            st.floats(0, 100),
            st.booleans(),
            st.floats(0, 100),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_ip_asn_is_within_its_dimensions(rows):
    cols = list(zip(*rows, strict=True))
    r = m.ip_asn(
        np.array(cols[0], dtype=np.int8),
        np.array(cols[1], dtype=np.int8),
        np.array(cols[2]),
        np.array(cols[3]),
        np.array(cols[4]),
        np.array(cols[5]),
        np.array(cols[6]),
        np.full(len(rows), -1, dtype=np.int8),
        np.array(cols[7], dtype=np.int8),
        T,
    )
    assert np.all((r.qualification >= 1) & (r.qualification <= 25))
    assert np.all((r.competency >= 0) & (r.competency <= 40))
    assert np.all((r.performance >= 1) & (r.performance <= 30))
    assert np.all((r.discipline >= 1) & (r.discipline <= 5))
    assert np.all(r.total <= 100) and np.all(r.category >= 0)


def test_compute_all_takes_exactly_the_documented_inputs():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from engine_bench import inputs

    x = inputs(50)
    assert set(m.INPUT_KEYS) <= set(x)
    r = compute.compute_all({k: x[k] for k in m.INPUT_KEYS}, T)
    assert len(r.box) == 50 and r.ruleset == "permenpan-2020.4"
