"""Load test: the production server on PostgreSQL under concurrent users (issue 19).

    .venv/bin/python bench/load_bench.py [--employees 60000] [--users 20] [--seconds 60] [--web-workers 2]
                                         [--reuse]

Loads `talenta demo --employees N` (the province of Kalimantan Timur) into the PostgreSQL database
``talenta_bench_load`` (``--reuse`` keeps one loaded before), starts gunicorn exactly as `make serve` does
(``talenta/config/gunicorn.py``, debug off, ``--web-workers`` processes) and a worker, then runs ``--users``
simulated users for ``--seconds``: each logged in as the province admin, each request one of the five
pages of the issue picked in turn (employee list page, an employee's profile, the province's analytics
page, its nine-box page, the API's employee list), over one keep-alive connection per user, with no
think time unless ``--think MIN MAX`` asks for one. Prints requests/s, p50/p95/p99 per page and overall,
and every error (status not 200, or a connection failure).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]
DB = "talenta_bench_load"
PORT = 8765


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def _sessions_and_nips(env: dict[str, str], users: int) -> tuple[list[str], list[str], int]:
    """Session cookies of ``users`` logins of the province admin, and 500 NIPs of the province."""
    code = f"""
import django, json, random
django.setup()
from django.test import Client
from django.utils import timezone
from talenta.org.models import User
from talenta.people.models import Employee
admin = User.objects.get(username="kaltim")
cookies = []
for _ in range({users}):
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(admin)
    cookies.append(c.cookies["sessionid"].value)
nips = list(Employee.objects.filter(org_path__contains="/64/").values_list("nip", flat=True)[:20000])
random.Random(1).shuffle(nips)
print(json.dumps({{"cookies": cookies, "nips": nips[:500], "year": timezone.localdate().year}}))
"""
    import json

    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "talenta.config.settings"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["cookies"], got["nips"], got["year"]


def _wait_up(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status in (200, 503):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not come up")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=60_000)
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--web-workers", type=int, default=2)
    ap.add_argument("--reuse", action="store_true", help="keep the database loaded by an earlier run")
    ap.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.0, 0.0),
        metavar=("MIN", "MAX"),
        help="seconds a user reads a page before the next request, uniform in [MIN, MAX] (default none)",
    )
    ap.add_argument("--warmup", type=float, default=5, help="seconds of load before the measured window")
    a = ap.parse_args()

    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    url = f"{base}/{DB}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TALENTA_DEBUG": "0",
        "TALENTA_BIND": f"127.0.0.1:{PORT}",
        "TALENTA_WEB_WORKERS": str(a.web_workers),
        "TALENTA_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    exists = subprocess.run(
        ["psql", f"{base}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DB}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not (a.reuse and exists):
        for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        t0 = time.perf_counter()
        subprocess.run(
            [*TALENTA, "demo", "--employees", str(a.employees)], env=env, cwd=ROOT, check=True, capture_output=True
        )
        print(f"demo province of {a.employees:,} employees loaded in {time.perf_counter() - t0:.0f} s")
    subprocess.run([*TALENTA, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    cookies, nips, year = _sessions_and_nips(env, a.users)
    assert nips, "no employees in the province"

    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "talenta/config/gunicorn.py"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [*TALENTA, "worker", "--no-reload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_up()
        pages = {
            "employee list": lambda r: f"/pegawai/?org=64&page={r.randint(1, 200)}",
            "profile": lambda r: f"/pegawai/{r.choice(nips)}/",
            "analytics page": lambda r: f"/organisasi/64/analitik/?tahun={year}",
            "nine-box page": lambda r: f"/organisasi/64/sembilan-kotak/?tahun={year}",
            "API employee list": lambda r: f"/api/employees?org=64&page={r.randint(1, 200)}",
        }
        names = list(pages)
        times: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        start = time.monotonic()
        measure_from = start + a.warmup
        stop_at = measure_from + a.seconds

        def user(i: int) -> None:
            r = random.Random(i)
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
            headers = {"Cookie": f"sessionid={cookies[i]}", "Host": "127.0.0.1"}
            k = i  # each user starts on a different page, then takes them in turn
            while (now := time.monotonic()) < stop_at:
                name = names[k % len(names)]
                k += 1
                path = pages[name](r)
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    resp = conn.getresponse()
                    resp.read()
                    status = resp.status
                    if resp.getheader("Connection", "").lower() == "close":
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
                except (OSError, http.client.HTTPException) as exc:
                    status = f"{type(exc).__name__}: {exc}"
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
                seconds = time.perf_counter() - t0
                if a.think[1] > 0:
                    time.sleep(r.uniform(*a.think))
                if now < measure_from:
                    continue
                with lock:
                    if status == 200:
                        times[name].append(seconds)
                    else:
                        errors.append(f"{name} {path}: {status}")

        threads = [threading.Thread(target=user, args=(i,)) for i in range(a.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - measure_from
        all_times = [s for v in times.values() for s in v]
        total = len(all_times) + len(errors)
        print(
            f"{a.users} users, {a.seconds:.0f} s (after {a.warmup:.0f} s warm-up), gunicorn {a.web_workers} "
            f"workers, PostgreSQL, {a.employees:,} employees, think time {a.think[0]:g}-{a.think[1]:g} s"
        )
        print(f"{'page':<20} {'requests':>8} {'p50 s':>7} {'p95 s':>7} {'p99 s':>7}")
        for name in names:
            v = times[name]
            print(f"{name:<20} {len(v):8d} {_pct(v, 0.5):7.3f} {_pct(v, 0.95):7.3f} {_pct(v, 0.99):7.3f}")
        print(
            f"{'all':<20} {len(all_times):8d} {_pct(all_times, 0.5):7.3f} {_pct(all_times, 0.95):7.3f} "
            f"{_pct(all_times, 0.99):7.3f}"
        )
        print(f"throughput {total / elapsed:.1f} requests/s; errors {len(errors)}")
        for e in errors[:20]:
            print("  ", e)
    finally:
        for p in (server, worker):
            os.killpg(p.pid, signal.SIGTERM)
        for p in (server, worker):
            p.wait(30)


if __name__ == "__main__":
    main()
