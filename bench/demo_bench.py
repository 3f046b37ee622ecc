"""Benchmark: `talenta demo --employees N` into a fresh database, SQLite and/or PostgreSQL.

    .venv/bin/python bench/demo_bench.py [--employees 200000] [--db sqlite|postgres|both]

PostgreSQL: a scratch database `talenta_bench` is (re)created on BENCH_PG (default
postgres://postgres@127.0.0.1:5432). Prints wall time, rows/s and the peak memory of the demo process.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]


def run(env, *args):
    return subprocess.run([*TALENTA, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True)


def bench(url: str, employees: int) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    run(env, "migrate", "-v0")
    t0 = time.perf_counter()
    # /usr/bin/time is not everywhere; measure the child's peak RSS through resource instead.
    import resource

    out = run(env, "demo", "--employees", str(employees), "--seed", "1").stdout
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = sum(int(n.replace(",", "")) for n in re.findall(r"^\s+\w+\s+([\d,]+)$", out, re.M))
    return {"seconds": seconds, "rows": rows, "rows_per_s": rows / seconds, "peak_mb": peak_mb}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=200_000)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    a = ap.parse_args()
    targets = []
    if a.db in ("sqlite", "both"):
        tmp = tempfile.mkdtemp(prefix="talenta-bench-")
        targets.append(("SQLite", f"sqlite:///{tmp}/bench.sqlite3"))
    if a.db in ("postgres", "both"):
        base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        subprocess.run(["psql", f"{base}/postgres", "-qc", "DROP DATABASE IF EXISTS talenta_bench"], check=True)
        subprocess.run(["psql", f"{base}/postgres", "-qc", "CREATE DATABASE talenta_bench"], check=True)
        targets.append(("PostgreSQL", f"{base}/talenta_bench"))
    print(f"talenta demo --employees {a.employees:,}")
    for name, url in targets:
        r = bench(url, a.employees)
        print(
            f"{name:<11} {r['seconds']:7.1f} s  {r['rows']:>10,} rows  {r['rows_per_s']:>9,.0f} rows/s  "
            f"peak RSS {r['peak_mb']:,.0f} MB"
        )


if __name__ == "__main__":
    main()
