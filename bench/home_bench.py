"""Benchmark: the home pages ("Perlu perhatian") per role and the regional head's briefing on a province of
60,000 employees (issue 21: home pages under 300 ms, a bounded number of queries).

    .venv/bin/python bench/home_bench.py [--employees 60000] [--reuse]

Loads ``talenta demo --employees N`` into the PostgreSQL database ``talenta_bench_home`` (``--reuse`` keeps
one loaded before), then, in one process as each demo login, times GET / (best of 5, after one warm-up),
counts its queries; then the employee's development page and the IDP approvals (issue 22), the provincial
picture, and the briefing page and its PDF of Kota Balikpapan and Penajam Paser Utara.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]
DB = "talenta_bench_home"


def measure() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from talenta.org.models import User
    from talenta.people.models import Employee

    print(f"  {Employee.objects.count():,} employees")

    def timed(client, url, n=5):
        client.get(url)  # warm-up: rule sets, templates, connection
        best = float("inf")
        for _ in range(n):
            with CaptureQueriesContext(connection) as q:
                t0 = time.perf_counter()
                r = client.get(url)
                best = min(best, time.perf_counter() - t0)
        return r, best, len(q.captured_queries)

    for username in ("kaltim", "balikpapan", "ppu", "opd.bkpsdm"):
        user = User.objects.get(username=username)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        r, best, queries = timed(client, "/")
        items = r.content.decode().count('id="perhatian-')
        print(f"  GET / as {username:<11} {r.status_code}, {items:2d} items, {queries:3d} queries, best of 5 "
              f"{best * 1000:6.0f} ms")  # fmt: skip
    for username, url in (("pegawai", "/pengembangan-saya/"), ("opd.bkpsdm", "/idp/")):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        r, best, queries = timed(client, url)
        ms = best * 1000
        print(f"  GET {url:<20} as {username:<11} {r.status_code}, {queries:3d} queries, best of 5 {ms:6.0f} ms")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="kaltim"))
    r, best, queries = timed(client, "/organisasi/64/gambaran/", 3)
    url = "/organisasi/64/gambaran/"
    print(f"  GET {url:<30} {r.status_code}, {len(r.content) / 1e3:5.0f} kB, {queries:3d} queries, best of 3 "
          f"{best * 1000:6.0f} ms")  # fmt: skip
    for code in ("64.71", "64.09"):
        for url in (f"/organisasi/{code}/ringkasan/", f"/organisasi/{code}/ringkasan.pdf"):
            r, best, queries = timed(client, url, 3)
            print(f"  GET {url:<30} {r.status_code}, {len(r.content) / 1e3:5.0f} kB, {queries:3d} queries, best of 3 "
                  f"{best * 1000:6.0f} ms")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=60_000)
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--step", choices=["measure"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.step == "measure":
        measure()
        return
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    env = {**os.environ, "DATABASE_URL": f"{base}/{DB}", "DJANGO_SETTINGS_MODULE": "talenta.config.settings"}
    exists = subprocess.run(["psql", f"{base}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DB}'"],
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    if not (a.reuse and exists):
        for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        t0 = time.perf_counter()
        subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run([*TALENTA, "demo", "--employees", str(a.employees)], env=env, cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        print(f"demo province of {a.employees:,} employees loaded in {time.perf_counter() - t0:.0f} s")
    else:
        subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([sys.executable, __file__, "--step", "measure"], env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
