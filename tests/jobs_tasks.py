"""Tasks for tests/test_jobs.py only: importable by a worker process started from the repository root."""

import os
import time

from django_tasks import task

from talenta.core.models import AuditLog


@task()
def record(n: int) -> int:
    """Leave one row per run (so a task run twice shows twice)."""
    time.sleep(0.02)
    AuditLog.objects.create(action="test.run", object_type="test", object_id=str(n), detail={"pid": os.getpid()})
    return n


@task()
def hang(seconds: float) -> None:
    time.sleep(seconds)
