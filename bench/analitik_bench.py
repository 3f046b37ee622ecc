"""Benchmark: `talenta export analitik` for the demo region of N employees, SQLite and PostgreSQL.

    .venv/bin/python bench/analitik_bench.py [--employees 100000] [--db sqlite|postgres|both]

Loads `talenta demo --employees N` into scratch databases (as bench/demo_bench.py does), then times
`talenta export analitik --org 64 --year <this year> --out analitik.csv` (all N employees) in a fresh
process, and reports the peak memory of that process.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=100_000)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="talenta-analitik-"))
    targets = []
    if a.db in ("sqlite", "both"):
        targets.append(("SQLite", f"sqlite:///{tmp}/bench.sqlite3"))
    if a.db in ("postgres", "both"):
        base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        for sql in ("DROP DATABASE IF EXISTS talenta_bench_analitik", "CREATE DATABASE talenta_bench_analitik"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        targets.append(("PostgreSQL", f"{base}/talenta_bench_analitik"))
    print(f"talenta export analitik, {a.employees:,} employees")
    for name, url in targets:
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*TALENTA, "demo", "--employees", str(a.employees)], env=env, cwd=ROOT, check=True, capture_output=True
        )
        out = tmp / f"analitik-{name}.csv"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        subprocess.run(
            [*TALENTA, "export", "analitik", "--org", "64", "--year", str(date.today().year), "--out", str(out)],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - t0
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        rows = sum(1 for _ in out.open(encoding="utf-8-sig")) - 1
        print(f"{name:<11} {seconds:6.2f} s for {rows:,} rows (target <= 10 s), peak RSS of the run <= {peak:,.0f} MB")


if __name__ == "__main__":
    main()
