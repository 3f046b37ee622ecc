"""Benchmark: talent pages and services on a province of N employees (issue 6: 60,000), SQLite and PostgreSQL.

    .venv/bin/python bench/talent_bench.py [--employees 60000] [--db sqlite|postgres|both]

Loads `talenta demo --employees N` (the province of Kalimantan Timur with two governments) into scratch
databases, then, in a fresh process per database, times with the number of SQL queries: the nine-box page
of the province, opening a talent review over the province (engine + one entry per employee), the review
page, one calibration, finalising (box history and pools), the succession overview and the candidate
suggestions of every key position (the slowest reported).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]


def measure() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talenta.config.settings")
    django.setup()
    import resource

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from talenta.org.models import Organisation, User
    from talenta.people.models import Position
    from talenta.talent import reviews, succession

    year = timezone.localdate().year
    admin = User.objects.get(username="kaltim")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    org = Organisation.objects.get(code="64")

    def timed(label, fn):
        with CaptureQueriesContext(connection) as q:
            t0 = time.perf_counter()
            out = fn()
            seconds = time.perf_counter() - t0
        print(f"  {label:<46} {seconds:7.2f} s {len(q):5d} queries")
        return out

    def get(url):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        return r

    timed("nine-box page, province", lambda: get(f"/organisasi/64/sembilan-kotak/?tahun={year}"))
    timed("nine-box page, one box's people", lambda: get(f"/organisasi/64/sembilan-kotak/?tahun={year}&kotak=5"))
    timed("nine-box PDF", lambda: get(f"/organisasi/64/sembilan-kotak/?tahun={year}&format=pdf"))
    session = reviews.review_create(actor=admin, name="Bench", year=year, org=org, members=[])
    n = timed("open a review (engine + entries)", lambda: reviews.review_prepare(session.pk))
    timed(f"review page ({n:,} entries)", lambda: get(f"/talenta/review/{session.pk}/"))
    timed("review page filtered to box 9", lambda: get(f"/talenta/review/{session.pk}/?kotak=9"))
    entry = session.entries.filter(box__gt=0).first()
    session.refresh_from_db()
    timed(
        "one calibration",
        lambda: reviews.calibrate(
            actor=admin, session=session, entry_id=entry.pk, performance=2, potential=2, reason="bench"
        ),
    )
    timed("finalise (box history + pools)", lambda: reviews.review_finalise(actor=admin, session=session))
    timed("talent pools page", lambda: get(f"/organisasi/64/kelompok-talenta/?tahun={year}"))
    timed("box movement page", lambda: get(f"/organisasi/64/pergerakan-kotak/?ke={year}"))
    timed("succession overview, province", lambda: get("/organisasi/64/suksesi/"))
    slowest = (0.0, None, 0)
    keys = list(Position.objects.filter(is_key=True).select_related("organisation"))
    t_all = time.perf_counter()
    for p in keys:
        t0 = time.perf_counter()
        _v, fits = succession.suggest(actor=admin, position=p)
        seconds = time.perf_counter() - t0
        if seconds > slowest[0]:
            slowest = (seconds, p, len(fits))
    print(
        f"  suggestions for {len(keys)} key positions: {time.perf_counter() - t_all:.2f} s in all, slowest "
        f"{slowest[0]:.2f} s ({slowest[1].get_job_kind_display() if slowest[1] else '-'})"
    )
    if slowest[1] is not None:
        timed("key position page (slowest)", lambda: get(f"/suksesi/jabatan/{slowest[1].pk}/"))
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=60_000)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.measure:
        measure()
        return
    tmp = Path(tempfile.mkdtemp(prefix="talenta-talent-"))
    targets = []
    if a.db in ("sqlite", "both"):
        targets.append(("SQLite", f"sqlite:///{tmp}/bench.sqlite3"))
    if a.db in ("postgres", "both"):
        base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        for sql in ("DROP DATABASE IF EXISTS talenta_bench_talent", "CREATE DATABASE talenta_bench_talent"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        targets.append(("PostgreSQL", f"{base}/talenta_bench_talent"))
    for name, url in targets:
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*TALENTA, "demo", "--employees", str(a.employees)], env=env, cwd=ROOT, check=True, capture_output=True
        )
        print(f"{name}: talent management on a province of {a.employees:,} employees")
        subprocess.run([sys.executable, __file__, "--measure"], env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
