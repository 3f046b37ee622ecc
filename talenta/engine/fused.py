"""Every measure of :func:`talenta.engine.measures.compute_all` in one pass per employee (a numba kernel).

The NumPy functions of ``measures`` are the reference: each is documented, tested on RULES.md's worked
examples and usable alone. They build a temporary array per step, so the whole set costs ~9-11x one read
of the inputs (bench/README.md). This kernel computes the same values with the same floating-point
operations in the same order, block by block of employees (each section of the rules over a block that
stays in cache), on every core, so each input is read from memory once and each output written once (the
learning records once per thread: each thread sums the JP of its own employees, in record order): the
results are identical element for element (a property test compares both on random inputs, on both rule
sets and with the rows split between threads). ``compute_all`` uses it for populations of
``measures.FUSED_MIN_ROWS`` or more, where the one-off compilation (cached on disk) is worth it.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

from .measures import Cuts, IpResult, JpmResult, Measures, Tables

_THREADS = min(os.cpu_count() or 1, 8)
_ROWS_PER_THREAD = 100_000
_BLOCK = 2048  # employees per block: a block of every array a section reads or writes stays in L2
_WEIGHT_ORDER = ("assessment", "competency", "education", "field_match", "training", "experience", "integrity")


@njit(cache=True, inline="always")
def _cut(value: float, thresholds: Any, strict: bool) -> int:
    """``Cuts.index`` of one value: how many thresholds after the first it reaches; -1 for NaN."""
    if np.isnan(value):
        return -1
    k = 0
    for t in thresholds[1:]:
        if (value > t) if strict else (value >= t):
            k += 1
    return k


@njit(cache=True, nogil=True)
def _kernel(  # one argument per input array and table
    required: Any,
    actual: Any,
    assessed: Any,
    age_days: Any,
    hasil: Any,
    perilaku: Any,
    prev_hasil: Any,
    prev_perilaku: Any,
    prev_score: Any,
    assessment_potential: Any,
    education: Any,
    years: Any,
    field_match: Any,
    training: Any,
    discipline: Any,
    serving: Any,
    family: Any,
    leadership: Any,
    functional: Any,
    technical_jp: Any,
    seminar: Any,
    pppk: Any,
    learning_employee: Any,
    learning_jp: Any,
    predikat_matrix: Any,
    predikat_points: Any,
    predikat_band: Any,
    performance_from_score: bool,
    performance_cuts: Any,
    potential_cuts: Any,
    weights: Any,
    weighted: Any,
    integrity_levels: Any,
    integrity_serving: float,
    boxes: Any,
    pool_of_box: Any,
    national_of_box: Any,
    jpm_mapping: Any,
    jpm_selection: Any,
    ip_categories: Any,
    ip_qualification: Any,
    ip_skp_cuts: Any,
    ip_skp_points: Any,
    ip_predikat_points: Any,
    ip_discipline: Any,
    ip_points: Any,
    technical_min_jp: float,
    family_group: Any,
    education_item: Any,
    experience_cuts: Any,
    experience_points: Any,
    pns_min_jp: float,
    pppk_max_jp: float,
    validity_days: float,
    out: Any,
    lo: int,
    hi: int,
) -> None:
    (raw, capped, ikk, mapping, selection, gaps, stale, predikat, perf_score, perf_band, pot_score, pot_band, box,
     pool, national, ip_q, ip_c, ip_p, ip_d, ip_total, ip_cat, counted, compliant, edu_item, exp_item,
     integrity) = out  # fmt: skip
    k = required.shape[1]
    # §7: JP of this thread's employees, summed record by record in file order (as np.bincount does).
    for i in range(lo, hi):
        counted[i] = 0.0
    for rec in range(learning_employee.shape[0]):
        e = learning_employee[rec]
        if lo <= e < hi:
            counted[e] += learning_jp[rec]
    # Block by block, one section of the rules at a time: each section streams through a few arrays only
    # (all of them at once would defeat the processor's prefetching), and a block stays in cache between
    # sections.
    for start in range(lo, hi, _BLOCK):
        stop = min(start + _BLOCK, hi)
        # RULES.md §4: JPM and gaps (levels outside the standard do not count).
        for i in range(start, stop):
            total_req = np.int32(0)
            total_act = np.int32(0)
            ok = assessed[i]
            for j in range(k):  # branch-free: 32-bit selects the compiler can keep in registers
                r = np.int32(required[i, j])
                a = np.int32(actual[i, j])
                a = a if r > 0 else np.int32(0)
                total_req += r
                total_act += a
                g = r - a
                g = g if g > 0 else np.int32(0)
                gaps[i, j] = g if ok else np.int32(0)
            jr = total_act * 100.0 / total_req if ok and total_req != 0 else np.nan
            jc = min(jr, 100.0) if not np.isnan(jr) else np.nan
            raw[i], capped[i], ikk[i] = jr, jc, 100.0 - jc
            mapping[i] = _cut(jc, jpm_mapping[0], jpm_mapping[1][0] > 0)
            selection[i] = _cut(jc, jpm_selection[0], jpm_selection[1][0] > 0)
            age = age_days[i]
            stale[i] = (-1.0 if np.isnan(age) else age) > validity_days
        # §2: predikat and performance; §5: the potential's items.
        for i in range(start, stop):
            h, p = hasil[i], perilaku[i]
            pk = predikat_matrix[h, p] if h >= 0 and p >= 0 else -1
            predikat[i] = pk
            ps = predikat_points[pk] if pk >= 0 else np.nan
            perf_score[i] = ps
            if performance_from_score:
                perf_band[i] = _cut(ps, performance_cuts[0], performance_cuts[1][0] > 0)
            else:
                perf_band[i] = predikat_band[pk] if pk >= 0 else -1
            e = education[i]
            edu_item[i] = education_item[e] if e >= 0 else np.nan
            xi = _cut(years[i], experience_cuts[0], experience_cuts[1][0] > 0)
            exp_item[i] = experience_points[xi] if xi >= 0 else np.nan
            integrity[i] = integrity_serving if serving[i] else integrity_levels[discipline[i]]
        # §5: potential, nine box, pools.
        for i in range(start, stop):
            jc = capped[i]
            ap = assessment_potential[i]
            parts = (
                jc if np.isnan(ap) else ap,
                jc,
                edu_item[i],
                field_match[i],
                training[i],
                exp_item[i],
                integrity[i],
            )
            score = 0.0
            for w in range(7):
                if weighted[w]:
                    score = score + weights[w] * parts[w]
            qb = _cut(score, potential_cuts[0], potential_cuts[1][0] > 0)
            pot_score[i], pot_band[i] = score, qb
            pb = perf_band[i]
            bx = boxes[pb, qb] if pb >= 0 and qb >= 0 else 0
            box[i], pool[i], national[i] = bx, pool_of_box[bx], national_of_box[bx]
        # §6: IP ASN (previous year's SKP).
        for i in range(start, stop):
            e = education[i]
            q = ip_qualification[e] if e >= 0 else 0.0
            grp = family_group[family[i]]
            first = leadership[i] if grp == 0 else functional[i]
            comp = (
                ip_points[grp, 0] * first
                + ip_points[grp, 1] * (technical_jp[i] >= technical_min_jp)
                + ip_points[grp, 2] * seminar[i]
            )
            sc = prev_score[i]
            if np.isnan(sc):
                ph, pq = prev_hasil[i], prev_perilaku[i]
                pp = predikat_matrix[ph, pq] if ph >= 0 and pq >= 0 else -1
                perf = ip_predikat_points[pp] if pp >= 0 else 0.0
            else:
                bi = _cut(sc, ip_skp_cuts[0], ip_skp_cuts[1][0] > 0)
                perf = ip_skp_points[bi] if bi >= 0 else np.nan
            disc = ip_discipline[discipline[i]]
            total = q + comp + perf + disc
            ip_q[i], ip_c[i], ip_p[i], ip_d[i], ip_total[i] = q, comp, perf, disc, total
            ip_cat[i] = _cut(total, ip_categories[0], ip_categories[1][0] > 0)
        # §7: JP counted (PPPK capped) and 20-JP compliance.
        for i in range(start, stop):
            t = counted[i]
            if pppk[i]:
                counted[i], compliant[i] = min(t, pppk_max_jp), -1
            else:
                counted[i], compliant[i] = t, 1 if t >= pns_min_jp else 0


def _cuts(c: Cuts) -> tuple[NDArray[np.float64], NDArray[np.int8]]:
    return np.ascontiguousarray(c.thresholds, dtype=np.float64), np.array([int(c.strict)], dtype=np.int8)


def fused(x: Any, tables: Tables) -> Measures:
    """Every measure for inputs ``x`` (``measures.INPUT_KEYS``), as ``measures.compute_all``."""
    w = tables.weights
    weights = np.array([w.get(name, 0.0) for name in _WEIGHT_ORDER], dtype=np.float64)
    f64, i8, b = np.float64, np.int8, np.bool_
    c = {
        "required": i8, "actual": i8, "assessed": b, "assessment_age_days": f64, "hasil": i8, "perilaku": i8,
        "prev_hasil": i8, "prev_perilaku": i8, "prev_score": f64, "assessment_potential": f64, "education": i8,
        "years": f64, "field_match": f64, "training": f64, "discipline": i8, "serving": b, "family": i8,
        "leadership": b, "functional": b, "technical_jp": f64, "seminar": b, "pppk": b,
    }  # fmt: skip
    arrays: list[NDArray[Any]] = [np.ascontiguousarray(x[key], dtype=dtype) for key, dtype in c.items()]
    n, k = arrays[0].shape
    kinds = (f64, f64, f64, i8, i8, None, b, i8, f64, i8, f64, i8, i8, b, b, f64, f64, f64, f64, f64, i8, f64, i8, f64,
             f64, f64)  # fmt: skip
    # Allocated by NumPy (which asks for huge pages): writing fresh output pages is most of the kernel's time.
    out: tuple[NDArray[Any], ...] = tuple(np.empty((n, k), i8) if t is None else np.empty(n, t) for t in kinds)
    (raw, capped, ikk, mapping, selection, gaps, stale, predikat, perf_score, perf_band, pot_score, pot_band, box,
     pool, national, ip_q, ip_c, ip_p, ip_d, ip_total, ip_cat, counted, compliant, edu_item, exp_item,
     integrity) = out  # fmt: skip
    args = (
        *arrays,
        np.ascontiguousarray(x["learning_employee"], dtype=np.int64),
        np.ascontiguousarray(x["learning_jp"], dtype=f64),
        tables.predikat_matrix,
        tables.predikat_points,
        tables.predikat_band,
        tables.performance_from_score,
        _cuts(tables.performance_cuts),
        _cuts(tables.potential_cuts),
        weights,
        weights != 0,  # a zero weight must not turn a missing component into a missing score
        tables.integrity,
        tables.integrity_serving,
        tables.boxes,
        tables.pool,
        tables.national_pool,
        _cuts(tables.jpm_mapping),
        _cuts(tables.jpm_selection),
        _cuts(tables.ip_categories),
        tables.ip_qualification,
        _cuts(tables.ip_skp_bands),
        np.array([float(label) for label in tables.ip_skp_bands.labels]),
        tables.ip_predikat_points,
        tables.ip_discipline,
        tables.ip_points,
        tables.technical_min_jp,
        tables.family_group,
        tables.education_item,
        _cuts(tables.experience_cuts),
        np.array([float(label) for label in tables.experience_cuts.labels]),
        tables.pns_min_jp,
        tables.pppk_max_jp,
        tables.assessment_validity_days,
        out,
    )
    kernel: Any = _kernel  # numba's dispatcher type does not describe the compiled signature
    parts = min(_THREADS, max(1, n // _ROWS_PER_THREAD))
    bounds = [n * t // parts for t in range(parts + 1)]
    if parts == 1:
        kernel(*args, 0, n)
    else:  # the kernel releases the GIL: threads share the rows
        with ThreadPoolExecutor(parts) as executor:
            list(executor.map(lambda t: kernel(*args, bounds[t], bounds[t + 1]), range(parts)))
    return Measures(
        tables.version,
        JpmResult(raw, capped, ikk, mapping, selection, gaps),
        stale, predikat, perf_score, perf_band, pot_score, pot_band, box, pool, national,
        IpResult(ip_q, ip_c, ip_p, ip_d, ip_total, ip_cat),
        counted, compliant, edu_item, exp_item, integrity,
    )  # fmt: skip
