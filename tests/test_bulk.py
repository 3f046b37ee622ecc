"""Bulk writes (talenta/core/bulk.py): every row written once, in order, with the values the ORM reads back."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from talenta.analytics.models import FactsDirty
from talenta.core import bulk
from talenta.learning.models import LearningRecord
from talenta.people.models import Employee

pytestmark = pytest.mark.django_db
FIELDS = ("created_at", "updated_at", "employee", "title", "type", "start", "end", "jp", "provider", "status", "form",
          "route", "certificate_no")  # fmt: skip


def rows(employee_id: int, n: int) -> list[tuple]:
    stamp = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    return [
        (
            stamp + timedelta(seconds=i),
            stamp,
            employee_id,
            f"Pelatihan {i:05d}",
            "teknis",
            date(2020, 1, 1) + timedelta(days=i % 400),  # dates repeat: each distinct one is formatted once
            None if i % 3 else date(2021, 1, 1) + timedelta(days=i),
            Decimal(i % 40) + Decimal("0.25"),
            {7: "Tab\tand\\backslash\nnew line\r", 8: "Ünïcode — \\N", 9: "\\."}.get(i, ""),
            "attended",
            "pelatihan_klasikal",
            "klasikal",
            "",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("limit", [None, 40])  # 40 parameters: 4 rows per statement, a short last one
def test_bulk_insert_writes_every_row_as_the_orm_reads_it(region, monkeypatch, limit):
    if limit is not None:
        monkeypatch.setattr(bulk, "_max_params", lambda: limit)
    employee = Employee.objects.first()
    given = rows(employee.id, 1_237)
    assert bulk.bulk_insert(LearningRecord, FIELDS, given, batch=500) == 1_237
    stored = list(
        LearningRecord.objects.filter(employee=employee, title__startswith="Pelatihan ")
        .order_by("id")
        .values_list("created_at", "updated_at", "employee", "title", "type", "start", "end", "jp", "provider")
    )
    assert stored == [r[:9] for r in given]  # in the given order, dates, datetimes and escapes exact
    # The ORM's own lookups find them (SQLite compares dates as text: the text must be Django's).
    assert LearningRecord.objects.filter(employee=employee, start=date(2020, 1, 8)).count() == 4
    assert LearningRecord.objects.filter(employee=employee, end__gte=date(2024, 5, 1)).count() == len(
        [r for r in given if r[6] is not None and r[6] >= date(2024, 5, 1)]
    )


def test_bulk_update_writes_dates_the_orm_reads(region):
    employee = Employee.objects.first()
    bulk.bulk_insert(LearningRecord, FIELDS, rows(employee.id, 10))
    records = list(LearningRecord.objects.filter(employee=employee, title__startswith="Pelatihan ").order_by("id"))
    assert bulk.bulk_update(LearningRecord, ("start", "end"), [(date(2019, 2, 3), None, r.pk) for r in records]) == 10
    assert set(LearningRecord.objects.filter(pk__in=[r.pk for r in records]).values_list("start", "end")) == {
        (date(2019, 2, 3), None)
    }
    assert LearningRecord.objects.filter(employee=employee, start=date(2019, 2, 3)).count() == 10


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the statement size limit is SQLite's")
def test_sqlite_statement_size_follows_the_connection_limit():
    connection.ensure_connection()
    assert bulk._max_params() >= 999


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY and its foreign keys are PostgreSQL's"
)


def _several_parts(employee_id: int, trusted: bool) -> bulk.Inserter:
    with bulk.Inserter(LearningRecord, FIELDS, trust_references=trusted) as out:
        for start in (0, 5):  # one COPY, handed rows twice
            out.write(rows(employee_id, 10)[start : start + 5])
    return out


@postgres_only
def test_trusted_copy_leaves_the_keys_to_one_check_and_still_marks_facts(region):
    employee = Employee.objects.first()
    FactsDirty.objects.all().delete()
    out = _several_parts(employee.id, trusted=True)
    assert out.trusted and out.count == 10  # the tests run as a superuser
    with connection.cursor() as cur:
        cur.execute("SELECT current_setting('session_replication_role')")
        assert cur.fetchone()[0] == "origin"  # put back once the COPY is done
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no row-by-row check was queued
    out.check_references()
    assert LearningRecord.objects.filter(employee=employee, title__startswith="Pelatihan ").count() == 10
    assert FactsDirty.objects.filter(employee_id=employee.id).exists()  # the facts trigger fires always


@postgres_only
@pytest.mark.parametrize("trusted", [True, False])
def test_a_missing_reference_is_refused_either_way(region, monkeypatch, trusted):
    if not trusted:  # a role that may not set session_replication_role: the constraint checks each row
        monkeypatch.setattr(bulk, "_without_fk_triggers", lambda cur: None)
    missing = Employee.objects.order_by("-id").values_list("id", flat=True).first() + 1000
    with pytest.raises(IntegrityError, match="foreign key"), transaction.atomic():
        out = _several_parts(missing, trusted=True)
        assert out.trusted is trusted
        out.check_references()
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_copy_text_falls_back_for_types_it_does_not_format():
    assert bulk._copy_text([(1, timedelta(days=1))]) is None
    assert bulk._copy_text([(1, True, b"\x00\xff", None, {"a": "b\tc"})]) == '1\tt\t\\\\x00ff\t\\N\t{"a": "b\\\\tc"}\n'


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="index rebuilds are SQLite's")


def _index_sql(table: str) -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", [table])
        return {r[0] for r in cur.fetchall()}


@sqlite_only
def test_a_write_that_doubles_a_table_builds_its_indexes_after(region, monkeypatch):
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 100)
    table = LearningRecord._meta.db_table
    indexes = _index_sql(table)
    assert indexes  # the table has secondary indexes to rebuild
    executed: list[str] = []
    employee = Employee.objects.first()
    with connection.execute_wrapper(lambda run, sql, *a: executed.append(sql) or run(sql, *a)):
        other = Employee.objects.exclude(id=employee.id).first()
        bulk.bulk_insert(LearningRecord, FIELDS, rows(other.id, 1_000))  # not asked for: row by row
        assert not any(q.startswith("DROP INDEX") for q in executed)
        existing = LearningRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
        assert (
            bulk.bulk_insert(LearningRecord, FIELDS, rows(employee.id, existing + 150), indexes_after=True)
            == existing + 150
        )
    assert any(q.startswith("DROP INDEX") for q in executed)
    assert _index_sql(table) == indexes  # the same indexes again, and the ORM finds the rows through them
    assert LearningRecord.objects.filter(employee=employee, start=date(2020, 1, 8)).count() >= 1


@sqlite_only
def test_a_failed_write_puts_the_dropped_indexes_back(region, monkeypatch):
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 100)
    table = LearningRecord._meta.db_table
    indexes = _index_sql(table)
    existing = LearningRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0
    given = rows(Employee.objects.first().id, existing + 150)
    given[-1] = (None, *given[-1][1:])  # created_at may not be NULL: the last statement fails
    before = LearningRecord.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.bulk_insert(LearningRecord, FIELDS, given, indexes_after=True)
    assert _index_sql(table) == indexes and LearningRecord.objects.count() == before
