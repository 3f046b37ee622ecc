"""Every measure of :func:`talenta.engine.measures.compute_reference` in one pass per employee (a numba kernel).

The NumPy functions of ``measures`` are the reference: each is documented, tested on RULES.md's worked
examples and usable alone. They build a temporary array per step, so the whole set costs ~9x one read
of the inputs (bench/README.md). This kernel computes the same values with the same floating-point
operations in the same order, block by block of employees (each section of the rules over a block that
stays in cache), on every core, so each input is read from memory once and each output written once: the
results are identical element for element (a property test compares both on random inputs, on both rule
sets and with the rows split between threads). ``compute.compute_all`` uses it for populations of
``compute.FUSED_MIN_ROWS`` or more, where the one-off compilation (cached on disk) is worth it.

Work is shared between threads so that nothing is read twice: one thread sums the learning records (one
pass in record order, as ``np.bincount`` adds them) while the others take the employees piece by piece;
the JP caps and 20-JP compliance follow once the sums are in. Measures that are a rule-set table entry
(the potential's items, the IP ASN dimensions, the performance score) are written as one-byte indexes into
their tables and looked up when first read (``measures.Deferred``), as is IKK (100 - JPM): the kernel
writes 64 bytes per employee instead of 132.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numba import njit
from numpy.typing import NDArray

from .measures import (
    Cuts,
    Deferred,
    IpResult,
    JpmResult,
    Measures,
    Tables,
    lookup,
    official_box,
    performance_score,
    supporting_inputs,
)

_THREADS = min(os.cpu_count() or 1, 8)
_ROWS_PER_THREAD = 100_000
_PIECES_PER_THREAD = 4
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
    supporting: Any,
    performance_mode: int,
    performance_main: float,
    performance_supporting: float,
    predikat_matrix: Any,
    predikat_points: Any,
    predikat_band: Any,
    performance_from_score: bool,
    performance_cuts: Any,
    potential_cuts: Any,
    weights: Any,
    weighted: Any,
    integrity_table: Any,
    boxes: Any,
    pool_of_box: Any,
    national_of_box: Any,
    jpm_mapping: Any,
    jpm_selection: Any,
    ip_categories: Any,
    ip_qualification: Any,
    ip_skp_cuts: Any,
    ip_performance: Any,
    ip_discipline: Any,
    ip_competency: Any,
    technical_min_jp: float,
    family_group: Any,
    education_item: Any,
    experience_cuts: Any,
    experience_points: Any,
    validity_days: float,
    out: Any,
    lo: int,
    hi: int,
) -> None:
    (raw, capped, mapping, selection, gaps, stale, predikat, perf_band, pot_score, pot_band, box, pool, national,
     ip_c, ip_p, ip_total, ip_cat, exp_code, integrity_code) = out  # fmt: skip
    k = required.shape[1]
    serving_code = integrity_table.shape[0] - 1  # the table's last entry: serving a penalty now
    skp_missing = ip_skp_cuts[0].shape[0]  # ip_performance: points per score band, NaN, per predikat, 0.0
    predikat_missing = ip_performance.shape[0] - 1
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
            raw[i], capped[i] = jr, jc
            mapping[i] = _cut(jc, jpm_mapping[0], jpm_mapping[1][0] > 0)
            selection[i] = _cut(jc, jpm_selection[0], jpm_selection[1][0] > 0)
            age = age_days[i]
            stale[i] = (-1.0 if np.isnan(age) else age) > validity_days
        # §2: predikat and performance; §5: the potential's items (as indexes into their tables).
        for i in range(start, stop):
            h, p = hasil[i], perilaku[i]
            pk = predikat_matrix[h, p] if h >= 0 and p >= 0 else -1
            predikat[i] = pk
            if performance_from_score:  # measures.performance_score, operation for operation
                ps = predikat_points[pk] if pk >= 0 else np.nan
                if performance_mode == 1:
                    ps = performance_main * ps
                elif performance_mode == 2:
                    ps = performance_main * ps + performance_supporting * supporting[i]
                perf_band[i] = _cut(ps, performance_cuts[0], performance_cuts[1][0] > 0)
            else:
                perf_band[i] = predikat_band[pk] if pk >= 0 else -1
            exp_code[i] = _cut(years[i], experience_cuts[0], experience_cuts[1][0] > 0)
            integrity_code[i] = serving_code if serving[i] else discipline[i]
        # §5: potential, nine box, pools.
        for i in range(start, stop):
            jc = capped[i]
            ap = assessment_potential[i]
            e, xi = education[i], exp_code[i]
            parts = (
                jc if np.isnan(ap) else ap,
                jc,
                education_item[e] if e >= 0 else np.nan,
                field_match[i],
                training[i],
                experience_points[xi] if xi >= 0 else np.nan,
                integrity_table[integrity_code[i]],
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
            cc = grp * 8 + (4 if first else 0) + (2 if technical_jp[i] >= technical_min_jp else 0) + seminar[i]
            sc = prev_score[i]
            if np.isnan(sc):
                ph, pq = prev_hasil[i], prev_perilaku[i]
                pp = predikat_matrix[ph, pq] if ph >= 0 and pq >= 0 else -1
                pc = skp_missing + 1 + pp if pp >= 0 else predikat_missing
            else:
                bi = _cut(sc, ip_skp_cuts[0], ip_skp_cuts[1][0] > 0)
                pc = bi if bi >= 0 else skp_missing
            total = q + ip_competency[cc] + ip_performance[pc] + ip_discipline[discipline[i]]
            ip_c[i], ip_p[i], ip_total[i] = cc, pc, total
            ip_cat[i] = _cut(total, ip_categories[0], ip_categories[1][0] > 0)


@njit(cache=True, nogil=True)
def _jp_sums(learning_employee: Any, learning_jp: Any, counted: Any) -> None:
    """§7: JP per employee, summed record by record in file order (as np.bincount does); one pass."""
    n = counted.shape[0]
    for i in range(n):
        counted[i] = 0.0
    for rec in range(learning_employee.shape[0]):
        e = learning_employee[rec]
        if 0 <= e < n:
            counted[e] += learning_jp[rec]


@njit(cache=True, nogil=True)
def _jp_compliance(
    counted: Any, pppk: Any, pns_min_jp: float, pppk_max_jp: float, compliant: Any, lo: int, hi: int
) -> None:
    """§7: JP counted (PPPK capped) and 20-JP compliance, after ``_jp_sums``."""
    for i in range(lo, hi):
        t = counted[i]
        if pppk[i]:
            counted[i], compliant[i] = min(t, pppk_max_jp), -1
        else:
            counted[i], compliant[i] = t, 1 if t >= pns_min_jp else 0


def _bounds(n: int, parts: int) -> list[tuple[int, int]]:
    return [(n * t // parts, n * (t + 1) // parts) for t in range(parts)]


def _cuts(c: Cuts) -> tuple[NDArray[np.float64], NDArray[np.int8]]:
    return np.ascontiguousarray(c.thresholds, dtype=np.float64), np.array([int(c.strict)], dtype=np.int8)


def fused(x: Any, tables: Tables) -> Measures:
    """Every measure for inputs ``x`` (``measures.INPUT_KEYS``), as ``measures.compute_reference``."""
    w = tables.weights
    weights = np.array([w.get(name, 0.0) for name in _WEIGHT_ORDER], dtype=np.float64)
    f64, i8, b = np.float64, np.int8, np.bool_
    c = {
        "required": i8, "actual": i8, "assessed": b, "assessment_age_days": f64, "hasil": i8, "perilaku": i8,
        "prev_hasil": i8, "prev_perilaku": i8, "prev_score": f64, "assessment_potential": f64, "education": i8,
        "years": f64, "field_match": f64, "training": f64, "discipline": i8, "serving": b, "family": i8,
        "leadership": b, "functional": b, "technical_jp": f64, "seminar": b,
    }  # fmt: skip
    arrays: list[NDArray[Any]] = [np.ascontiguousarray(x[key], dtype=dtype) for key, dtype in c.items()]
    n, k = arrays[0].shape
    supporting = supporting_inputs(x, tables)
    mode = 2 if supporting is not None else (0 if tables.performance_main == 1.0 else 1)
    arrays += [np.zeros(1) if supporting is None else supporting]
    kinds = (f64, f64, i8, i8, None, b, i8, i8, f64, i8, i8, b, b, i8, i8, f64, i8, i8, i8)
    # Allocated by NumPy (which asks for huge pages): writing fresh output pages is most of the kernel's time.
    out: tuple[NDArray[Any], ...] = tuple(np.empty((n, k), i8) if t is None else np.empty(n, t) for t in kinds)
    (raw, capped, mapping, selection, gaps, stale, predikat, perf_band, pot_score, pot_band, box, pool, national,
     ip_c, ip_p, ip_total, ip_cat, exp_code, integrity_code) = out  # fmt: skip
    counted, compliant = np.empty(n, f64), np.empty(n, i8)
    learning = (
        np.ascontiguousarray(x["learning_employee"], dtype=np.int64),
        np.ascontiguousarray(x["learning_jp"], dtype=f64),
        counted,
    )
    pppk = np.ascontiguousarray(x["pppk"], dtype=b)
    skp_points = np.array([float(label) for label in tables.ip_skp_bands.labels])
    experience_points = np.array([float(label) for label in tables.experience_cuts.labels])
    tables_in_kernel = {  # the tables the Deferred measures below look up, as the kernel indexes them
        "integrity": np.append(tables.integrity, tables.integrity_serving),
        "ip_performance": np.concatenate([skp_points, [np.nan], tables.ip_predikat_points, [0.0]]),
        "ip_competency": _competency_points(tables.ip_points),
    }
    args = (
        *arrays,
        mode,
        tables.performance_main,
        tables.performance_supporting,
        tables.predikat_matrix,
        tables.predikat_points,
        tables.predikat_band,
        tables.performance_from_score,
        _cuts(tables.performance_cuts),
        _cuts(tables.potential_cuts),
        weights,
        weights != 0,  # a zero weight must not turn a missing component into a missing score
        tables_in_kernel["integrity"],
        tables.boxes,
        tables.pool,
        tables.national_pool,
        _cuts(tables.jpm_mapping),
        _cuts(tables.jpm_selection),
        _cuts(tables.ip_categories),
        tables.ip_qualification,
        _cuts(tables.ip_skp_bands),
        tables_in_kernel["ip_performance"],
        tables.ip_discipline,
        tables_in_kernel["ip_competency"],
        tables.technical_min_jp,
        tables.family_group,
        tables.education_item,
        _cuts(tables.experience_cuts),
        experience_points,
        tables.assessment_validity_days,
        out,
    )
    kernel: Any = _kernel  # numba's dispatcher type does not describe the compiled signature
    sums: Any = _jp_sums
    compliance: Any = _jp_compliance
    jp_rules = (pppk, tables.pns_min_jp, tables.pppk_max_jp, compliant)
    threads = min(_THREADS, max(1, n // _ROWS_PER_THREAD))
    if threads == 1:
        sums(*learning)
        kernel(*args, 0, n)
        compliance(counted, *jp_rules, 0, n)
    else:  # the kernels release the GIL
        # One thread sums the learning records (one pass in record order, so the sums are bincount's)
        # while the others start on the rows; the rows come in pieces, taken by whichever thread is free.
        pieces = _bounds(n, threads * _PIECES_PER_THREAD)
        parts = _bounds(n, threads)
        with ThreadPoolExecutor(threads) as executor:
            jobs = [executor.submit(lambda: sums(*learning))]
            jobs += [executor.submit(lambda piece: kernel(*args, *piece), piece) for piece in pieces]
            for job in jobs:
                job.result()
            list(executor.map(lambda part: compliance(counted, *jp_rules, *part), parts))
    # Codes of their own, not views of the caller's arrays: the values must not change if the inputs do.
    education, discipline = (np.array(x[key], dtype=i8) for key in ("education", "discipline"))
    engine_box, reviewed_box = box, x.get("reviewed_box")
    if reviewed_box is not None and np.any(reviewed_box):
        box, reviewed, pool, national = official_box(engine_box, reviewed_box, tables)
    else:  # the kernel's pools stand (no second look-up)
        reviewed = np.zeros(n, dtype=b)
    return Measures(
        tables.version,
        JpmResult(raw, capped, mapping, selection, gaps, Deferred(np.subtract, (100.0, capped))),
        stale, predikat, perf_band, pot_score, pot_band, box, pool, national,
        IpResult(
            ip_total,
            ip_cat,
            lookup(tables.ip_qualification, education, 0.0),
            Deferred(np.take, (tables_in_kernel["ip_competency"], ip_c)),
            Deferred(np.take, (tables_in_kernel["ip_performance"], ip_p)),
            Deferred(np.take, (tables.ip_discipline, discipline)),
        ),
        counted, compliant, engine_box, reviewed,
        lookup(tables.predikat_points, predikat, np.nan)
        if mode == 0
        else Deferred(performance_score, (predikat, supporting, tables)),
        lookup(tables.education_item, education, np.nan),
        lookup(experience_points, exp_code, np.nan),
        Deferred(np.take, (tables_in_kernel["integrity"], integrity_code)),
    )  # fmt: skip


def _competency_points(points: NDArray[np.float64]) -> NDArray[np.float64]:
    """IP ASN competency points per code ``group * 8 + first * 4 + technical * 2 + seminar`` (as the kernel
    encodes them), each summed in the order ``measures.ip_asn`` adds them, so the values are identical."""
    flags = np.array([[f, t, s] for f in (0.0, 1.0) for t in (0.0, 1.0) for s in (0.0, 1.0)])
    table = points[:, 0, None] * flags[:, 0] + points[:, 1, None] * flags[:, 1] + points[:, 2, None] * flags[:, 2]
    return np.ascontiguousarray(table.reshape(-1))
