"""Jobs that never hang: a task that raised or whose worker died leaves its record failed with a message and a
retry; several workers never run one task twice; the worker's heartbeat."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from talenta.core import jobs
from talenta.core.models import AuditLog, WorkerHeartbeat
from talenta.core.scoping import Scope
from talenta.imports import services as imports
from talenta.imports.models import ImportBatch
from talenta.learning import services as learning
from talenta.learning.models import PlanRun
from talenta.learning.params import PlanParams
from talenta.org.models import Organisation
from talenta.talent import reviews
from talenta.talent.models import ReviewSession
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, xlsx

ROOT = Path(__file__).resolve().parents[1]
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_a_plan_that_raised_is_failed_with_its_message_and_can_be_started_again(
    region, monkeypatch, django_capture_on_commit_callbacks
):
    def overflow(org, params):
        raise OverflowError("int too large to convert")

    monkeypatch.setattr(learning, "run_plan", overflow)
    org = Organisation.objects.get(code="64.71")
    with django_capture_on_commit_callbacks(execute=True):
        run = learning.plan_start(
            actor=region["users"]["balikpapan"], org=org, params=PlanParams(year=2026, budget=10_000_000, time_limit=5)
        )
    run.refresh_from_db()
    assert run.status == "failed" and "OverflowError: int too large to convert" in run.message
    assert "Gagal tak terduga" in run.message

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        again = learning.plan_retry(actor=region["users"]["balikpapan"], run=run)
    again.refresh_from_db()
    assert again.pk != run.pk and again.params == run.params
    assert again.status == "done", again.message


@pytest.mark.django_db
def test_the_plan_page_offers_the_retry(client, region):
    org = Organisation.objects.get(code="64.71")
    run = PlanRun.objects.create(organisation=org, year=2026, status="failed", message="Gagal tak terduga: X")
    client.force_login(region["users"]["balikpapan"])
    body = client.get(f"/rencana/{run.pk}/").content.decode()
    assert "Gagal tak terduga: X" in body and f"/rencana/{run.pk}/ulangi/" in body


def _claimed(task, *args, worker: str, started_ago: float = 0.0) -> DBTaskResult:
    result = task.enqueue(*args)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker)
    if started_ago:
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(seconds=started_ago))
    return row


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker closes its connection when done
def test_a_task_whose_worker_stopped_beating_is_failed_and_its_import_says_so(
    client, region, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_QUEUE
    user = region["users"]["balikpapan"]
    data = xlsx([PEGAWAI_HEADER, pegawai_row("199002152015031001", "Ani")])
    batch = ImportBatch.objects.create(
        kind="pegawai", filename="p.xlsx", sha256="0", user=user, scope_path=Scope.for_user(user).path, status="running"
    )
    name = f"imports/{batch.pk}.xlsx"
    imports.stored_path(name).parent.mkdir(parents=True, exist_ok=True)
    imports.stored_path(name).write_bytes(data)
    ImportBatch.objects.filter(pk=batch.pk).update(stored_file=name)
    dead = _claimed(imports.run_import, batch.pk, False, worker="dead")
    alive = _claimed(imports.run_import, batch.pk + 1000, False, worker="alive")
    plain = _claimed(imports.run_import, batch.pk + 2000, False, worker="plain-db-worker", started_ago=10)
    old = _claimed(imports.run_import, batch.pk + 3000, False, worker="plain-db-worker", started_ago=10_000)
    jobs.beat("dead")
    jobs.beat("alive")
    WorkerHeartbeat.objects.filter(worker_id="dead").update(
        beat_at=timezone.now() - timedelta(seconds=settings.TALENTA_WORKER_TIMEOUT + 1)
    )

    lost = jobs.reap()

    assert sorted(lost) == sorted([str(dead.pk), str(old.pk)])
    status = dict(DBTaskResult.objects.values_list("id", "status"))
    assert status[dead.pk] == "FAILED" and status[old.pk] == "FAILED"
    assert status[alive.pk] == "RUNNING" and status[plain.pk] == "RUNNING"
    assert "WorkerLost" in DBTaskResult.objects.get(pk=dead.pk).exception_class_path
    batch.refresh_from_db()
    assert batch.status == "failed" and "berhenti" in batch.message and batch.finished_at is not None
    assert jobs.reap() == []  # a second worker reaping finds nothing left

    client.force_login(user)
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "berhenti" in page and f"/impor/batch/{batch.pk}/ulangi/" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/impor/batch/{batch.pk}/ulangi/")
    batch.refresh_from_db()
    assert batch.status == "pending"
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO())
    batch.refresh_from_db()
    assert batch.status == "previewed" and batch.created == 1


@pytest.mark.django_db
def test_a_review_whose_preparation_was_lost_can_be_prepared_again(client, region, django_capture_on_commit_callbacks):
    org = Organisation.objects.get(code="64.71")
    session = ReviewSession.objects.create(
        name="R", year=2026, organisation=org, facilitator=region["users"]["balikpapan"]
    )
    jobs._handle(reviews.prepare_review_task.module_path, [session.pk], {}, jobs.lost_message())
    session.refresh_from_db()
    assert session.status == "preparing" and "berhenti" in session.error
    client.force_login(region["users"]["balikpapan"])
    assert f"/talenta/review/{session.pk}/ulangi/" in client.get(f"/talenta/review/{session.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # immediate tasks in tests: prepared at once
        client.post(f"/talenta/review/{session.pk}/ulangi/")
    session.refresh_from_db()
    assert session.status == "open" and session.error == "" and session.employees == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_records_its_heartbeat_and_that_it_stopped(settings):
    settings.TASKS = DB_QUEUE
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "w-test", stdout=StringIO())
    hb = WorkerHeartbeat.objects.get(worker_id="w-test")
    assert hb.stopped_at is not None and hb.pid == os.getpid()


# -- several worker processes on one PostgreSQL ------------------------------------------------------------

needs_pg = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="several worker processes share one PostgreSQL (SQLite's test database lives in this process only)",
)


def _worker_env() -> dict:
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "TALENTA_TASKS_BACKEND": DB_QUEUE["default"]["BACKEND"],
    }


@needs_pg
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_never_run_one_task_twice(settings):
    from tests.jobs_tasks import record

    settings.TASKS = DB_QUEUE
    for n in range(60):
        record.enqueue(n)
    cmd = [str(Path(sys.executable).with_name("talenta")), "worker", "--batch", "--no-startup-delay", "--no-reload"]
    procs = [subprocess.Popen(cmd, env=_worker_env(), cwd=ROOT, stdout=subprocess.DEVNULL) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    runs = list(AuditLog.objects.filter(action="test.run").values_list("object_id", "detail"))
    assert sorted(int(n) for n, _d in runs) == list(range(60))  # each once
    assert len({d["pid"] for _n, d in runs}) == 2  # and both worked
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


@needs_pg
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_workers_task_is_marked_failed_by_the_next_worker(settings):
    from tests.jobs_tasks import hang

    settings.TASKS = DB_QUEUE
    hang.enqueue(60)
    env = {**_worker_env(), "TALENTA_WORKER_TIMEOUT": "3", "TALENTA_HEARTBEAT_SECONDS": "1"}
    cmd = [str(Path(sys.executable).with_name("talenta")), "worker", "--no-startup-delay", "--no-reload"]
    first = subprocess.Popen([*cmd, "--worker-id", "first"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not DBTaskResult.objects.filter(status="RUNNING").exists():
        assert time.monotonic() < deadline, "the first worker never took the task"
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait()
    second = subprocess.Popen([*cmd, "--worker-id", "second"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while DBTaskResult.objects.get().status == "RUNNING":
            assert time.monotonic() < deadline, "the lost task was never marked failed"
            time.sleep(0.3)
        row = DBTaskResult.objects.get()
        assert row.status == "FAILED" and row.exception_class_path.endswith("WorkerLost")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
