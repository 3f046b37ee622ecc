"""Benchmark: the peta jabatan of a province (issue 20: ~9,000 positions, ~60,000 ABK tasks).

    .venv/bin/python bench/abk_bench.py [--database talenta_bench_load]

Uses the PostgreSQL database of ``bench/load_bench.py`` (the demo province of 60,000 employees; run that
first), migrates it, gives the province's positions ~60,000 ABK tasks of this year (replacing earlier
bench tasks), then times in a fresh process the peta jabatan of the province (read + engine), its page
and the region view as the province admin opens them, and ``talenta export peta-jabatan`` to xlsx and csv.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]


def fill() -> int:
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from talenta.core.bulk import bulk_insert
    from talenta.demo.generator import DemoBuilder
    from talenta.governance.models import AbkTask
    from talenta.people.models import Position

    rng, now, year = random.Random(1), timezone.now(), timezone.localdate().year
    rows = []
    positions = list(Position.objects.filter(organisation__path__contains="/64/").values_list("id", flat=True))
    mean = max(3, 60_000 // max(len(positions), 1))  # ~60,000 tasks in all, as the province
    for pk in positions:
        for k in range(rng.randint(mean - 2, mean + 2)):
            period, unit, text = rng.choice(DemoBuilder.ABK_TASKS)
            rows.append(
                (pk, year, f"{text} ({k + 1})", unit, rng.randint(1, 400), period, rng.choice((15, 30, 60)), now, now)
            )
    with transaction.atomic():
        AbkTask.objects.filter(year=year).delete()
        n = bulk_insert(
            AbkTask,
            ("position", "year", "task", "output_unit", "volume", "period", "norm_minutes", "created_at", "updated_at"),
            rows,
        )
    return n


def measure() -> None:
    import django

    django.setup()
    from talenta.governance.selectors import peta_jabatan
    from talenta.org.models import Organisation

    org = Organisation.objects.get(code="64")
    t0 = time.perf_counter()
    p = peta_jabatan(org)
    print(f"  peta jabatan of the province: {len(p):,} positions, {time.perf_counter() - t0:.2f} s (read + engine)")
    # The pages as the province admin opens them (first page of units, the region view), in the same process.
    from django.test import Client

    from talenta.org.models import Role, User

    user = User.objects.filter(role=Role.PROVINCE_ADMIN, organisation=org).first()
    if user is None:
        user = User.objects.create_user("bench.abk", role=Role.PROVINCE_ADMIN, organisation=org)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for url in ("/organisasi/64/peta-jabatan/", "/organisasi/64/abk-wilayah/"):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            response = client.get(url)
            best = min(best, time.perf_counter() - t0)
        print(f"  GET {url}: {response.status_code}, {len(response.content) / 1e3:,.0f} kB, best of 3 {best:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--database", default="talenta_bench_load")
    ap.add_argument("--step", choices=["fill", "measure"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.step == "fill":
        print(f"  {fill():,} ABK tasks written")
        return
    if a.step == "measure":
        measure()
        return
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    env = {**os.environ, "DATABASE_URL": f"{base}/{a.database}", "DJANGO_SETTINGS_MODULE": "talenta.config.settings"}
    subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    for step in ("fill", "measure"):
        subprocess.run(
            [sys.executable, __file__, "--step", step, "--database", a.database], env=env, cwd=ROOT, check=True
        )
    for fmt in ("xlsx", "csv"):
        out = Path("/tmp") / f"peta-jabatan-64.{fmt}"
        t0 = time.perf_counter()
        done = subprocess.run([*TALENTA, "export", "peta-jabatan", "--org", "64", "--out", str(out)], env=env, cwd=ROOT,
                              check=True, capture_output=True, text=True)  # fmt: skip
        print(f"  talenta export peta-jabatan --out {fmt}: {time.perf_counter() - t0:.2f} s ({done.stdout.strip()})")


if __name__ == "__main__":
    main()
