"""Per-employee facts: each employee and their histories in one fixed-width record, so that a roll-up of a
whole country reads one short row per employee instead of tens of millions of history rows.

A record is ``population.history_dtype`` as bytes: the employee's organisation, position, status,
education, job kind and start of service; the latest assessment with its levels packed 3 bits per
competency id; the SKP and learning figures of one reference year under one rule set (those of the single
``FactsState`` row). Records are written from ``population.read_histories``, the very function that reads
the histories directly, so both ways give the same engine inputs. They are never trusted blindly:

- database triggers (migration ``analytics/0001``) put every inserted, updated or deleted employee, and
  the employee of every changed assessment, SKP rating or learning record, into ``FactsDirty``, whatever
  wrote it (imports, forms, the planner, SQL by hand), in the writer's own transaction (on PostgreSQL the
  employees a statement inserts as one range of ids, ``FactsDirtyRange``, expanded by ``refresh``);
- every read first rewrites the records of the dirty employees it is about to read (``refresh``);
- records of another year or rule set, or without room for a competency the population needs, are not
  read at all: the histories are read directly until ``build`` runs again (``talenta facts``, the demo,
  ``talenta rollup`` when this year's are missing, and a background task that the first read of a new
  year or rule set asks for once facts have been built at all).

Why one binary column: PostgreSQL's COPY spends most of its time per field, so twenty columns of four
million rows take ~6 s to send where one fixed-width bytea takes ~1.5 s (bench/README.md). Discipline
(which depends on the day) and the standards are still read directly.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import psycopg
from django.db import OperationalError, connection, transaction
from django.db.models import Max, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from talenta.competency.models import Competency
from talenta.core.bulk import bulk_insert
from talenta.core.columnar import queryset_sql
from talenta.engine.rules import RuleSet
from talenta.people.models import Employee

from .histories import PACK, history_dtype, read_histories
from .models import EmployeeFacts, FactsDirty, FactsDirtyRange, FactsState

_TODO = "talenta_facts_todo"
_CHUNK = 1 << 18  # employee ids per concatenated value read on PostgreSQL (~20 MB)


def state() -> FactsState | None:
    return FactsState.objects.order_by("id").first()


def layout() -> str:
    """A digest of the record's fields: records written by another version of the code are not read."""
    return hashlib.sha256(str(history_dtype(0).descr).encode()).hexdigest()


def _usable(s: FactsState | None, year: int, rules: RuleSet) -> bool:
    return s is not None and s.year == year and s.ruleset == rules.version and s.layout == layout()


def current(year: int, rules: RuleSet) -> bool:
    """Whether the facts are built for ``year``, this rule set and this code's record layout."""
    return _usable(state(), year, rules)


def _write(h: np.ndarray) -> int:
    blobs = h.tobytes()
    size = h.dtype.itemsize
    rows = ((int(i), blobs[k * size : (k + 1) * size]) for k, i in enumerate(h["id"].tolist()))
    return bulk_insert(EmployeeFacts, ["employee", "record"], rows)


def _histories(scope: QuerySet, emp_filter: Q, everyone: bool, year: int, rules: RuleSet, words: int) -> np.ndarray:
    slots = np.arange(1, PACK * words + 1)  # competency id c in slot c - 1
    return read_histories(scope, emp_filter, everyone, rules=rules, year=year, comp_ids=slots)


@transaction.atomic
def build(year: int, rules: RuleSet, progress: Callable[[str], None] | None = None) -> int:
    """(Re)build the facts of every employee for ``year`` and the rule set; return the employees written."""
    t0 = time.perf_counter()
    words = max(1, -(-(Competency.objects.aggregate(m=Max("id"))["m"] or 0) // PACK))
    with connection.cursor() as cur:
        _lock(cur)
        if connection.vendor == "postgresql":
            cur.execute("SET LOCAL work_mem = '256MB'")
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses tables with pending FK checks
            cur.execute(
                f"TRUNCATE {EmployeeFacts._meta.db_table}, {FactsDirty._meta.db_table}, "
                f"{FactsDirtyRange._meta.db_table}"
            )
            cur.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's default
        else:
            cur.execute(f"DELETE FROM {EmployeeFacts._meta.db_table}")
            cur.execute(f"DELETE FROM {FactsDirty._meta.db_table}")
            cur.execute(f"DELETE FROM {FactsDirtyRange._meta.db_table}")
        written = _write(_histories(Employee.objects.all(), Q(), True, year, rules, words))
        if connection.vendor == "postgresql":
            cur.execute(f"ANALYZE {EmployeeFacts._meta.db_table}")
    FactsState.objects.all().delete()
    FactsState.objects.create(year=year, ruleset=rules.version, words=words, layout=layout(), built_at=timezone.now())
    if progress:
        progress(f"{written:,} employees in {time.perf_counter() - t0:.1f} s")
    return written


_READ = object()


def refresh(year: int, rules: RuleSet, scope: QuerySet | None, s: FactsState | None | object = _READ) -> bool:
    """Rewrite the facts of the changed employees of ``scope`` (a queryset of employees; None: everyone).

    Returns whether the facts can be read for ``year`` and the rule set (False: read the histories).
    Runs in the caller's transaction (or its own); marks set by writers committing meanwhile stay. ``s``:
    the facts' state when the caller has just read it (one query fewer).
    """
    s = state() if s is _READ else s
    if not isinstance(s, FactsState) or not _usable(s, year, rules):
        return False
    dirty = FactsDirty.objects.all()
    if scope is not None:
        dirty = dirty.filter(employee_id__in=scope.values("id"))
    if not dirty.exists() and not FactsDirtyRange.objects.exists():
        return True
    try:
        with _short_wait(), transaction.atomic(), connection.cursor() as cur:
            _lock(cur)
            if not current(year, rules):  # rebuilt for another year or rule set while this waited
                return False
            _expand_ranges(cur)
            todo_sql, todo_params = queryset_sql(dirty.order_by().values("employee_id"))
            table = FactsDirty._meta.db_table
            cur.execute(f"CREATE TEMP TABLE {_TODO} (employee_id integer PRIMARY KEY)")
            # Take the marks first: a mark set by a writer committing after this point stays for next time.
            if connection.vendor == "postgresql":
                cur.execute(
                    f"WITH d AS (DELETE FROM {table} WHERE employee_id IN ({todo_sql}) RETURNING employee_id) "
                    f"INSERT INTO {_TODO} SELECT employee_id FROM d",
                    todo_params,
                )
            else:  # one writer at a time: nothing can commit in between
                cur.execute(f"INSERT INTO {_TODO} {todo_sql}", todo_params)
                cur.execute(f"DELETE FROM {table} WHERE employee_id IN (SELECT employee_id FROM {_TODO})")
            todo = RawSQL(f"SELECT employee_id FROM {_TODO}", ())
            EmployeeFacts.objects.filter(employee_id__in=todo).delete()
            employees = Employee.objects.filter(id__in=todo)
            _write(_histories(employees, Q(employee_id__in=todo), False, year, rules, s.words))
            cur.execute(f"DROP TABLE {_TODO}")
    except OperationalError as exc:
        if connection.vendor != "sqlite" or "locked" not in str(exc):
            raise
        return False  # another writer (an import in the worker) holds SQLite: read the histories this time
    return True


def _expand_ranges(cur) -> None:
    """Turn the ranges of inserted employees into one mark per employee (then read as any other mark)."""
    ranges, dirty, employees = (m._meta.db_table for m in (FactsDirtyRange, FactsDirty, Employee))
    if connection.vendor == "postgresql":  # taken with DELETE ... RETURNING: a range committed later stays
        cur.execute(
            f"WITH r AS (DELETE FROM {ranges} RETURNING lo, hi) INSERT INTO {dirty} (employee_id) "
            f"SELECT DISTINCT e.id FROM {employees} e JOIN r ON e.id BETWEEN r.lo AND r.hi ON CONFLICT DO NOTHING"
        )
    else:  # one writer at a time
        cur.execute(
            f"INSERT OR IGNORE INTO {dirty} (employee_id) "
            f"SELECT e.id FROM {employees} e JOIN {ranges} r ON e.id BETWEEN r.lo AND r.hi"
        )
        cur.execute(f"DELETE FROM {ranges}")


def stale(year: int, rules: RuleSet, s: FactsState | None) -> bool:
    """Whether the facts (state ``s``) were built once but not for this year of today, this rule set and
    this code, so that a rebuild would make them readable again."""
    return s is not None and not _usable(s, year, rules) and year == timezone.localdate().year


@contextmanager
def _short_wait() -> Iterator[None]:
    """On SQLite, wait a moment for another writer instead of the configured 20 s: a page read does not
    hang behind an import (it reads the histories instead). Nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA busy_timeout")
        (before,) = cur.fetchone()
        cur.execute("PRAGMA busy_timeout = 250")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA busy_timeout = {int(before)}")


def read(scope: QuerySet, everyone: bool, comp_ids: np.ndarray) -> np.ndarray | None:
    """The records of ``scope`` (any order), or None when they cannot hold a competency of ``comp_ids``.

    Call ``refresh`` first (``load_population`` does)."""
    s = state()
    if s is None or (len(comp_ids) and int(comp_ids.max()) > PACK * s.words):
        return None
    dtype = history_dtype(s.words)
    qs = EmployeeFacts.objects.all() if everyone else EmployeeFacts.objects.filter(employee__in=scope.values("id"))
    sql, params = queryset_sql(qs.order_by().values("employee_id", "record"))
    connection.ensure_connection()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # A few large values rather than a message per record (psycopg's COPY reads one row per call):
            # the server concatenates the records of each range of ids, sent in binary.
            with psycopg.Cursor(connection.connection) as raw:  # Django's own cursors bind client-side: no binary
                raw.execute(
                    f"SELECT string_agg(t.record, ''::bytea) FROM ({sql}) t GROUP BY t.employee_id / {_CHUNK}",
                    params,
                    binary=True,
                )
                blob = b"".join(r[0] for r in raw.fetchall())
        else:
            cur.execute(sql, params)
            blob = b"".join(bytes(r[1]) for r in cur.fetchall())
    if len(blob) % dtype.itemsize:
        raise ValueError("facts records are not of the expected width: run talenta facts")
    return np.frombuffer(blob, dtype=dtype)


def _lock(cur) -> None:
    """Serialise builds and refreshes (PostgreSQL; SQLite has a single writer anyway)."""
    if connection.vendor == "postgresql":
        cur.execute("SELECT pg_advisory_xact_lock(7261001)")
