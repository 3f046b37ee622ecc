"""Two imports at once that create the same new employees and position (issue 19, part 4).

On PostgreSQL the second import's insert waits on the first's uncommitted rows, then fails with a unique
violation when the first commits. It must not crash: it checks again against the rows now there and ends
as an import of its own, recorded like any other.
"""

import threading
import time

import pytest
from django.db import connection, connections

from talenta.imports import services
from talenta.imports.models import ImportBatch
from talenta.people.models import Employee, Position
from tests.factories import nip as make_nip
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, run, xlsx

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writers at once need PostgreSQL (SQLite has a single writer)"
)


def _lock_waits() -> int:
    with connections["default"].cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cur.fetchone()[0]


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_loser_of_a_race_for_new_keys_checks_again_and_is_recorded(region, monkeypatch, caplog):
    rows = [pegawai_row(make_nip(), f"Serentak {i}", JABATAN="Analis Jabatan Serentak") for i in range(3)]
    data = xlsx([PEGAWAI_HEADER, *rows])
    paused, go = threading.Event(), threading.Event()
    original = services._record

    def record_after_pause(result, *args, **kwargs):
        if threading.current_thread().name == "first" and result.created:
            paused.set()  # inside the first import's transaction, its rows written but not committed
            assert go.wait(30)
        return original(result, *args, **kwargs)

    monkeypatch.setattr(services, "_record", record_after_pause)
    outcome: dict = {}

    def first():
        try:
            outcome["first"] = run("pegawai", data, name="pertama.xlsx")
        finally:
            connection.close()

    saw_wait = threading.Event()

    def release_when_second_waits():
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not _lock_waits():
                time.sleep(0.05)
            if _lock_waits():
                saw_wait.set()
            go.set()
        finally:
            connection.close()

    t1 = threading.Thread(target=first, name="first")
    t1.start()
    assert paused.wait(30)
    watcher = threading.Thread(target=release_when_second_waits)
    watcher.start()
    second = run("pegawai", data, name="kedua.xlsx")  # waits on the first's rows, then loses the race
    t1.join(30)
    watcher.join(30)

    assert saw_wait.is_set(), "the second import never waited on the first: the race was not run"
    assert (outcome["first"].created, outcome["first"].status) == (3, "completed")
    assert (second.status, second.created, second.updated, second.unchanged) == ("completed", 0, 0, 3)
    assert "unique violation on attempt 1" in caplog.text
    assert Employee.objects.filter(nip__in=[r[0] for r in rows]).count() == 3
    assert Position.objects.filter(name="Analis Jabatan Serentak").count() == 1
    batches = ImportBatch.objects.filter(filename__in=["pertama.xlsx", "kedua.xlsx"]).order_by("pk")
    assert [(b.filename, b.status) for b in batches] == [("pertama.xlsx", "completed"), ("kedua.xlsx", "completed")]


@pytest.mark.django_db
def test_an_import_that_keeps_losing_the_race_fails_with_its_batch_recorded(region, monkeypatch):
    from django.db import IntegrityError

    def always_beaten(*args, **kwargs):
        exc = IntegrityError('duplicate key value violates unique constraint "people_employee_nip_key"')
        exc.__cause__ = type("UniqueViolation", (Exception,), {"sqlstate": "23505"})()
        raise exc

    monkeypatch.setattr(services, "_check_and_write", always_beaten)
    monkeypatch.setattr(services.time, "sleep", lambda s: None)
    r = run("pegawai", xlsx([PEGAWAI_HEADER, pegawai_row(make_nip(), "Kalah")]), name="kalah.xlsx")
    batch = ImportBatch.objects.get(pk=r.batch_id)
    assert (r.status, batch.status, batch.filename) == ("failed", "failed", "kalah.xlsx")
    assert "pada saat bersamaan" in batch.message  # Indonesian by default
