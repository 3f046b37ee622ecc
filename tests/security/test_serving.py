"""Serving it for real: the production settings pass Django's deploy check, debug is off unless asked, the
headers (CSP, no-store), the health check, and the launcher that keeps the web server and the worker together."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from talenta.core import jobs
from talenta.core.models import WorkerHeartbeat
from talenta.core.together import run

ROOT = Path(__file__).resolve().parents[2]
TALENTA = str(Path(sys.executable).with_name("talenta"))


def _clean_env(tmp_path, **extra) -> dict:
    env = {"PATH": os.environ["PATH"], "TALENTA_VAR_DIR": str(tmp_path / "var"), **extra}
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return env


def test_the_documented_production_settings_pass_the_deploy_check(tmp_path):
    env = _clean_env(tmp_path, TALENTA_HTTPS="1", TALENTA_ALLOWED_HOSTS="talenta.kaltimprov.go.id")
    done = subprocess.run(
        [TALENTA, "check", "--deploy", "--fail-level", "WARNING"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    key = tmp_path / "var" / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_text()) >= 50
    # without the HTTPS settings the same check names what is missing
    plain = subprocess.run(
        [TALENTA, "check", "--deploy", "--fail-level", "WARNING"],
        env=_clean_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert plain.returncode != 0 and "security.W004" in plain.stdout + plain.stderr


def test_debug_is_off_unless_asked(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = _clean_env(tmp_path, DJANGO_SETTINGS_MODULE="talenta.config.settings")
    off = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    on = subprocess.run(
        [sys.executable, "-c", code], env={**env, "TALENTA_DEBUG": "1"}, cwd=ROOT, capture_output=True, text=True
    )
    assert (off.stdout.strip(), on.stdout.strip()) == ("False", "True"), off.stderr + on.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_personal_data_is_never_cached(client, region):
    login = client.get("/login/")
    csp = login["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    client.force_login(region["users"]["balikpapan"])
    page = client.get(f"/pegawai/{region['bpp'].nip}/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    download = client.get("/ekspor/pegawai.xlsx")
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"
    assert "<script>" not in page.content.decode() and " onclick=" not in page.content.decode()


@pytest.mark.django_db
def test_the_health_check_reports_the_database_and_the_workers_heartbeat(client):
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["database"]["ok"] and body["worker"]["alive"] == 0
    jobs.beat("w-1")
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["worker"]["alive"] == 1 and body["worker"]["seconds_since"] < 5
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(seconds=600))
    body = client.get("/healthz").json()
    assert body["worker"]["ok"] is False and body["worker"]["seconds_since"] >= 600


def test_when_one_of_the_pair_ends_the_other_is_stopped(tmp_path):
    mark = tmp_path / "stopped"
    sleeper = [
        sys.executable,
        "-c",
        "import signal, sys, time, pathlib\n"
        f"signal.signal(signal.SIGTERM, lambda *a: (pathlib.Path({str(mark)!r}).write_text('x'), sys.exit(0)))\n"
        "time.sleep(60)",
    ]
    t = time.monotonic()
    status = run([sleeper, [sys.executable, "-c", "import time, sys; time.sleep(0.5); sys.exit(3)"]])
    assert status == 3 and mark.exists() and time.monotonic() - t < 20


def test_ctrl_c_on_the_pair_stops_both(tmp_path):
    code = "import time; time.sleep(60)"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "talenta.core.together",
            f"{sys.executable} -c '{code}'",
            f"{sys.executable} -c '{code}'",
        ],
        cwd=ROOT,
    )
    time.sleep(1.0)
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert len(children) == 2
    proc.send_signal(2)  # SIGINT, what Ctrl-C sends
    assert proc.wait(timeout=20) == 0
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)]
    assert alive == []


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return "zombie"
