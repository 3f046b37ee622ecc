"""The reference deployment (compose.yaml): checked by the container engine where one exists, and brought up
and asked for its health when TALENTA_COMPOSE_UP=1 (it builds an image: minutes, and the network)."""

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _engine() -> list[str] | None:
    for cmd in (["docker", "compose"], ["podman", "compose"], ["docker-compose"]):
        if shutil.which(cmd[0]) is None:
            continue
        try:
            ok = subprocess.run([*cmd, "version"], capture_output=True, timeout=20).returncode == 0
            alive = subprocess.run([cmd[0], "info"], capture_output=True, timeout=20).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            continue
        if ok and alive:
            return cmd
    return None


def test_the_compose_file_runs_the_database_the_web_server_and_the_worker():
    text = (ROOT / "compose.yaml").read_text()
    services = re.findall(r"^  (\w+):$", text.split("\nservices:\n", 1)[1].split("\nvolumes:\n", 1)[0], re.M)
    assert services == ["db", "app", "worker"]
    assert "command: talenta worker --no-reload" in text and "gunicorn -c /app/talenta/config/gunicorn.py" in text
    assert "FROM python:3.11-slim-bookworm" in (ROOT / "Dockerfile").read_text()
    assert (ROOT / "talenta" / "config" / "gunicorn.py").is_file()


ENGINE = _engine()
needs_engine = pytest.mark.skipif(
    ENGINE is None, reason="no container engine with compose is running here; compose.yaml is checked where one is"
)


@needs_engine
def test_the_container_engine_accepts_the_compose_file():
    env = {**os.environ, "TALENTA_SECRET_KEY": "x" * 50}
    done = subprocess.run([*ENGINE, "-f", "compose.yaml", "config", "-q"], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr


@needs_engine
@pytest.mark.skipif(
    os.environ.get("TALENTA_COMPOSE_UP") != "1", reason="set TALENTA_COMPOSE_UP=1 to build and start it"
)
def test_the_reference_deployment_comes_up_healthy():
    env = {**os.environ, "TALENTA_SECRET_KEY": "x" * 50}
    up = [*ENGINE, "-f", "compose.yaml", "-p", "talenta-test"]
    try:
        subprocess.run([*up, "up", "-d", "--build"], cwd=ROOT, env=env, check=True, timeout=1800)
        deadline = time.monotonic() + 180
        while True:
            try:
                body = urllib.request.urlopen("http://127.0.0.1:8000/healthz", timeout=5).read().decode()
                if '"alive": 1' in body or '"alive":1' in body:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the deployment never became healthy with a worker"
            time.sleep(3)
    finally:
        subprocess.run([*up, "down", "-v"], cwd=ROOT, env=env, timeout=300)
