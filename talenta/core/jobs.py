"""Background jobs that never hang.

The worker (``talenta worker``) beats every ``TALENTA_HEARTBEAT_SECONDS`` into :class:`WorkerHeartbeat`; a task
still marked running whose worker has not beaten for ``TALENTA_WORKER_TIMEOUT`` seconds is taken for lost:
:func:`reap` marks it failed, and the record it works for (an import, a plan, a review) says so, with a retry
on its page. A task that raised is handled the same way at once (:func:`on_task_finished`), so a record never
stays "running" after its task ended, whatever the task forgot.

Apps name what to do with their records with :func:`when_lost`::

    @when_lost(run_import)
    def _import_lost(args, kwargs, message): batch_fail(args[0], message)
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import WorkerHeartbeat

logger = logging.getLogger("talenta.jobs")

Handler = Callable[[list, dict, str], None]
_HANDLERS: dict[str, Handler] = {}
_REAPERS: list[Callable[[], int]] = []


class WorkerLost(RuntimeError):
    """The worker that ran a task stopped without finishing it (killed, or its machine went away)."""


def when_lost(task) -> Callable[[Handler], Handler]:
    """Register what to do with the records of ``task`` when a run of it failed or its worker died:
    ``handler(args, kwargs, message)`` marks them failed with ``message`` (and must be idempotent)."""

    def register(fn: Handler) -> Handler:
        _HANDLERS[task.module_path] = fn
        return fn

    return register


def also_reap(fn: Callable[[], int]) -> Callable[[], int]:
    """Register a check :func:`reap` runs too (records of work done outside the queue, e.g. a CLI import
    whose process was killed); it returns how many records it failed."""
    _REAPERS.append(fn)
    return fn


def process_alive(runner: str) -> bool | None:
    """For a ``"cli:HOST:PID"`` runner: whether that process still runs (None: another host, unknown)."""
    try:
        _kind, host, pid = runner.rsplit(":", 2)
    except ValueError:
        return None
    if host != socket.gethostname()[:60]:
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError):
        return True
    return True


def runner_id() -> str:
    return f"cli:{socket.gethostname()[:60]}:{os.getpid()}"


def _message(traceback: str) -> str:
    lines = [line for line in (traceback or "").strip().splitlines() if line.strip()]
    return lines[-1].strip()[:500] if lines else ""


def _handle(task_path: str, args: list, kwargs: dict, message: str) -> bool:
    from django.utils.module_loading import import_string

    if task_path not in _HANDLERS:
        try:  # importing the task's module registers its handler
            import_string(task_path)
        except ImportError:
            return False
    handler = _HANDLERS.get(task_path)
    if handler is None:
        return False
    try:
        handler(list(args or []), dict(kwargs or {}), message)
    except Exception:  # a handler's failure must not take the worker down
        logger.exception("handler of %s failed", task_path)
        return False
    return True


def on_task_finished(sender, task_result, **kwargs) -> None:
    """Signal ``task_finished``: a task that raised leaves its record failed with the exception's message."""
    if str(task_result.status) != "FAILED":
        return
    detail = _message(task_result.errors[-1].traceback) if task_result.errors else ""
    message = _("Failed unexpectedly: %(error)s") % {"error": detail or "?"}
    _handle(task_result.task.module_path, task_result.args, task_result.kwargs, message)


# -- the heartbeat ---------------------------------------------------------------------------------------


def beat(worker_id: str, *, started_at=None) -> None:
    """The worker is alive (called by its heartbeat thread)."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=now, stopped_at=None)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=started_at or now,
            beat_at=now,
        )


def stopped(worker_id: str) -> None:
    """The worker stopped cleanly (its running task, if any, was already recorded)."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).update(stopped_at=timezone.now())


def worker_status(now=None) -> dict:
    """For the health check: the workers heard from within the timeout, and the last heartbeat."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.TALENTA_WORKER_TIMEOUT)
    last = WorkerHeartbeat.objects.filter(stopped_at__isnull=True).order_by("-beat_at").first()
    alive = WorkerHeartbeat.objects.filter(stopped_at__isnull=True, beat_at__gte=limit).count()
    return {
        "alive": alive,
        "last_heartbeat": last.beat_at.isoformat() if last else None,
        "seconds_since": round((now - last.beat_at).total_seconds(), 1) if last else None,
        "timeout": settings.TALENTA_WORKER_TIMEOUT,
    }


def health() -> tuple[bool, dict]:
    """The health check's answer: the database reachable (with its round trip), and the workers' heartbeat.
    Healthy means the database answers; a worker not heard from is reported (``worker.ok`` false) for the
    monitoring to alert on, without taking the web servers out of the balancer."""
    import time

    from django.db import connection

    from talenta import __version__

    t = time.perf_counter()
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchone()
        db = {"ok": True, "vendor": connection.vendor, "ms": round(1000 * (time.perf_counter() - t), 1)}
        worker = worker_status()
        worker["ok"] = worker["alive"] > 0
    except Exception as exc:  # the answer must come even when the database does not
        db = {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
        worker = {"ok": False, "alive": None, "last_heartbeat": None}
    ok = db["ok"]
    status = "ok" if ok and worker["ok"] else ("degraded" if ok else "down")
    return ok, {"status": status, "version": __version__, "database": db, "worker": worker}


def reap(now=None) -> list[str]:
    """Mark failed every running task whose worker is not alive (no heartbeat within the timeout, stopped,
    or unknown and the task started longer ago than the timeout); return their ids.

    Two workers reaping at once is harmless: each task row is locked and re-checked before it changes."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.TALENTA_WORKER_TIMEOUT)
    alive = set(
        WorkerHeartbeat.objects.filter(stopped_at__isnull=True, beat_at__gte=limit).values_list("worker_id", flat=True)
    )
    lost: list[str] = []
    for pk, workers, started in DBTaskResult.objects.filter(status="RUNNING").values_list(
        "id", "worker_ids", "started_at"
    ):
        if workers and workers[-1] in alive:
            continue
        if started is not None and started > limit and not _known_dead(workers):
            continue  # a worker without a heartbeat (plain db_worker) gets the timeout from the start
        with transaction.atomic():
            row = DBTaskResult.objects.select_for_update().filter(pk=pk, status="RUNNING").first()
            if row is None:
                continue
            message = str(WorkerLost(f"worker {workers[-1] if workers else '?'} stopped without finishing"))
            row.set_failed(WorkerLost(message))
            task_path, args, kwargs = row.task_path, row.args_kwargs.get("args", []), row.args_kwargs.get("kwargs", {})
        _handle(task_path, args, kwargs, lost_message())
        lost.append(str(pk))
        logger.warning("task %s (%s) lost with its worker; marked failed", pk, task_path)
    for reaper in _REAPERS:
        try:
            reaper()
        except Exception:
            logger.exception("reaper %s failed", reaper)
    return lost


def lost_message() -> str:
    return _("The background worker stopped before this finished (it was stopped, or its machine went away).")


def _known_dead(workers: list) -> bool:
    return bool(workers) and WorkerHeartbeat.objects.filter(worker_id=workers[-1]).exists()
