"""``talenta worker``: the background worker (imports, plans, reviews) with a heartbeat.

django-tasks' ``db_worker`` with two additions: a thread records the worker's heartbeat every
``TALENTA_HEARTBEAT_SECONDS`` (the health check reports it), and the worker marks failed the tasks of workers
not heard from within ``TALENTA_WORKER_TIMEOUT`` (killed, or their machine went away), when it starts and
then every timeout. Several workers on one PostgreSQL never run one task twice (the queue locks the row it
claims, ``SELECT ... FOR UPDATE SKIP LOCKED``).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import DatabaseError
from django_tasks_db.management.commands import db_worker

from talenta.core import jobs

logger = logging.getLogger("talenta.jobs")


class HeartbeatWorker(db_worker.Worker):
    def run(self) -> None:
        stop = threading.Event()
        thread = threading.Thread(target=self._heartbeat, args=(stop,), name="heartbeat", daemon=True)
        jobs.beat(self.worker_id)
        jobs.reap()
        thread.start()
        try:
            super().run()
        finally:
            stop.set()
            thread.join(timeout=5)
            try:
                jobs.stopped(self.worker_id)
            except DatabaseError:
                logger.exception("could not record that worker %s stopped", self.worker_id)

    def _heartbeat(self, stop: threading.Event) -> None:
        every = max(1, settings.TALENTA_HEARTBEAT_SECONDS)
        reap_every = max(1, settings.TALENTA_WORKER_TIMEOUT // (2 * every))
        n = 0
        try:
            while not stop.wait(every):
                n += 1
                try:
                    close_old_connections()
                    jobs.beat(self.worker_id)
                    if n % reap_every == 0:
                        jobs.reap()
                except DatabaseError:  # a locked SQLite or a lost connection: try again at the next beat
                    logger.warning("heartbeat of worker %s failed; trying again", self.worker_id, exc_info=True)
        finally:
            connection.close()


class Command(db_worker.Command):
    help = "Run the background worker (imports, plans, reviews), with a heartbeat and the recovery of lost tasks"

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = HeartbeatWorker  # the parent's handle builds the worker by this name
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
