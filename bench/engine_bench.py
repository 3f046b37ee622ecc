"""Benchmark: every measure of RULES.md for N synthetic employees, against one plain NumPy read of the inputs
(the fused kernel that compute_all uses for large populations, and the step-by-step NumPy reference).

.venv/bin/python bench/engine_bench.py [--n 1000000] [--repeat 5]
"""

import argparse
import sys
import time
from dataclasses import fields
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from talenta.engine import compute  # noqa: E402
from talenta.engine import measures as m  # noqa: E402
from talenta.engine.rules import load_ruleset  # noqa: E402


def inputs(n: int, seed: int = 1) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    req = rng.integers(1, 6, size=(n, 9), dtype=np.int8)
    return {
        "required": req,
        "actual": np.clip(req + rng.integers(-2, 2, size=(n, 9), dtype=np.int8), 0, 5).astype(np.int8),
        "assessed": rng.random(n) < 0.8,
        "hasil": rng.integers(0, 3, n, dtype=np.int8),
        "perilaku": rng.integers(0, 3, n, dtype=np.int8),
        "assessment_potential": np.where(rng.random(n) < 0.7, rng.uniform(40, 100, n), np.nan),
        "education": rng.integers(0, 10, n, dtype=np.int8),
        "years": rng.uniform(0, 35, n),
        "field_match": rng.choice([50.0, 100.0], n),
        "training": rng.choice([50.0, 100.0], n),
        "discipline": rng.choice(np.array([0, 1, 2, 3], dtype=np.int8), n, p=[0.97, 0.02, 0.007, 0.003]),
        "serving": rng.random(n) < 0.002,
        "family": rng.integers(0, 5, n, dtype=np.int8),
        "leadership": rng.random(n) < 0.5,
        "functional": rng.random(n) < 0.5,
        "technical_jp": rng.uniform(0, 60, n),
        "seminar": rng.random(n) < 0.4,
        "pppk": rng.random(n) < 0.2,
        "assessment_age_days": np.where(rng.random(n) < 0.8, rng.uniform(0, 2000, n), np.nan),
        "prev_hasil": rng.integers(0, 3, n, dtype=np.int8),
        "prev_perilaku": rng.integers(0, 3, n, dtype=np.int8),
        "prev_score": np.where(rng.random(n) < 0.6, rng.uniform(40, 100, n), np.nan),
        "learning_employee": rng.integers(0, n, 3 * n),
        "learning_jp": rng.choice([2.0, 3.0, 8.0, 24.0, 40.0], 3 * n),
    }


def all_measures(x: dict[str, np.ndarray], t: m.Tables, fused: bool | None = None) -> m.Measures:
    return compute.compute_all(x, t, fused=fused)


def every_array(r: m.Measures) -> None:
    """Read every measure as an array, including those the kernel leaves to be looked up when first read."""
    for obj in (r, r.jpm, r.ip):
        for f in fields(obj):
            getattr(obj, f.name)


def read_once(x: dict[str, np.ndarray]) -> float:
    """The floor: touch every input element once (a sum per array)."""
    return float(sum(float(np.add.reduce(a, axis=None, dtype=np.float64)) for a in x.values()))


def best_of(fns: dict, repeat: int) -> dict[str, float]:
    """The best time of each function, run in turns (the host's speed drifts: each figure sees the same drift)."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: min(ts) for name, ts in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=9)
    a = ap.parse_args()
    t = m.tables_for(load_ruleset())
    x = inputs(a.n)
    all_measures(x, t)  # loads the compiled kernel (compiled and cached on disk at the very first run)
    b = best_of(
        {
            "engine": lambda: all_measures(x, t),
            "expanded": lambda: every_array(all_measures(x, t)),
            "reference": lambda: all_measures(x, t, fused=False),
            "floor": lambda: read_once(x),
        },
        a.repeat,
    )
    engine, expanded, reference, floor = b["engine"], b["expanded"], b["reference"], b["floor"]
    size = sum(v.nbytes for v in x.values()) / 1e6
    print(f"engine, {a.n:,} employees ({size:,.0f} MB of inputs incl. {3 * a.n:,} learning records)")
    print(f"all measures  {engine:6.3f} s (target <= 1 s), fused kernel")
    print(f"              {expanded:6.3f} s the same, then every measure read as an array ({expanded / floor:.2f}x)")
    print(f"              {reference:6.3f} s step by step (the NumPy reference functions)")
    print(f"read once     {floor:6.3f} s")
    print(f"ratio         {engine / floor:6.2f}x (target <= 3x); step by step {reference / floor:.2f}x")


if __name__ == "__main__":
    main()
