"""Fast bulk writes for imports and generators, inside the caller's transaction.

``bulk_insert`` uses PostgreSQL's COPY where available (an order of magnitude faster than INSERT) and
``executemany`` elsewhere; ``bulk_update`` runs one parameterised UPDATE per row with executemany. Both
bypass model ``save()``: callers validate first (services do) and pass plain column values.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import DateField


def is_unique_violation(exc: BaseException) -> bool:
    """Whether ``exc`` (Django's IntegrityError, or psycopg's own from a COPY) is a unique key violation:
    the one integrity error a concurrent writer can cause in a correct import."""
    for e in (exc, exc.__cause__):
        if e is None:
            continue
        if getattr(e, "sqlstate", None) == "23505":  # psycopg: unique_violation
            return True
        if isinstance(e, sqlite3.IntegrityError) and "UNIQUE constraint failed" in str(e):
            return True
    return False


def _columns(model, fields: Sequence[str]) -> list[str]:
    return [model._meta.get_field(f).column for f in fields]


def _adapt(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


def _iso(value: Any) -> Any:
    if value.__class__ is datetime:
        return value.isoformat(" ")
    if value.__class__ is date:
        return value.isoformat()
    return value


def _sqlite_rows(model, fields: Sequence[str]) -> Callable[[list[Sequence[Any]]], Iterator[tuple]]:
    """For SQLite: the rows of a chunk with their date and datetime values already as the text the driver's
    adapters would make (``isoformat``, as Django registers them), column by column, each distinct value
    formatted once. The adapters run per value and cost more than the INSERT itself (0.9 s -> 0.08 s +
    0.3 s for 100,000 rows with six dates, bench/README.md)."""
    idx = [i for i, f in enumerate(fields) if isinstance(model._meta.get_field(f), DateField)]

    def rows(chunk: list[Sequence[Any]]) -> Iterator[tuple]:
        if not idx:
            return iter(map(tuple, chunk))
        cols: list[Iterable[Any]] = list(zip(*chunk, strict=True))
        for i in idx:
            text = {v: _iso(v) for v in set(cols[i])}
            cols[i] = map(text.__getitem__, cols[i])
        return zip(*cols, strict=True)

    return rows


def bulk_insert(
    model, fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000, *, indexes_after: bool = False
) -> int:
    """INSERT ``rows`` (tuples in ``fields`` order) into ``model``'s table; return the count written.
    ``indexes_after``: rows in an order unrelated to the table's indexes (an import's names and units) may
    have SQLite build the secondary indexes after them (``_indexes_built_after``)."""
    with Inserter(model, fields, batch=batch, indexes_after=indexes_after) as out:
        out.write(rows)
    return out.count


class Inserter:
    """Rows INSERTed into one table, handed over in as many parts as the caller likes, inside the caller's
    transaction. On PostgreSQL one COPY stays open from ``__enter__`` to ``__exit__``: the server stores and
    indexes each part while the caller prepares the next (the connection takes no other statement
    meanwhile). Elsewhere each part goes as multi-row INSERTs.

    ``trust_references`` (PostgreSQL, when the role may set ``session_replication_role``, as a superuser or
    after ``GRANT SET ON PARAMETER session_replication_role``): the COPY runs without the row-by-row
    foreign-key triggers, which cost ~1 s per 100,000 rows with two keys at commit (bench/README.md). The
    caller then **must** call :meth:`check_references` before commit, once any referenced rows it creates
    exist: it locks each distinct referenced row once (``FOR KEY SHARE``, what every row's own check would
    do) and raises ``IntegrityError`` as the constraint would. Talenta's own triggers are ``ENABLE ALWAYS``
    (analytics migration 0002), so they fire all the same.
    """

    def __init__(
        self,
        model,
        fields: Sequence[str],
        *,
        batch: int = 5000,
        trust_references: bool = False,
        indexes_after: bool = False,
    ) -> None:
        self.model, self.fields, self.batch = model, list(fields), batch
        self._indexes_after = indexes_after
        self.count = 0
        self.trusted = False  # whether the foreign keys were left to check_references
        self._trust = trust_references and connection.vendor == "postgresql"
        opts = model._meta
        self._json = [i for i, f in enumerate(fields) if opts.get_field(f).get_internal_type() == "JSONField"]
        self._keys = [(i, opts.get_field(f)) for i, f in enumerate(fields) if opts.get_field(f).is_relation]
        self._refs: list[set[Any]] = [set() for _ in self._keys]
        self._role: str | None = None

    def __enter__(self) -> Inserter:
        self._cur = connection.cursor()
        if connection.vendor == "postgresql":
            if self._trust:
                self._role = _without_fk_triggers(self._cur)
                self.trusted = self._role is not None
            qn = connection.ops.quote_name
            cols = ", ".join(qn(c) for c in _columns(self.model, self.fields))
            self._copy_cm = self._cur.cursor.copy(f"COPY {qn(self.model._meta.db_table)} ({cols}) FROM STDIN")
            self._copy = self._copy_cm.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            if connection.vendor == "postgresql":
                self._copy_cm.__exit__(*exc)
                if self._role is not None and exc[0] is None:  # on error the rollback puts it back
                    self._cur.execute("SELECT set_config('session_replication_role', %s, true)", [self._role])
        finally:
            self._cur.close()

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write ``rows``, a list or any iterable (consumed ``batch`` rows at a time: a generator of millions
        of rows is never held whole)."""
        if connection.vendor != "postgresql":
            # The rebuild needs the count up front.
            n = len(rows) if self._indexes_after and isinstance(rows, Sized) else 0
            with _indexes_built_after(self._cur, self.model, n):
                self.count += _insert_many(self._cur, self.model, self.fields, rows, self.batch, self._json)
            return
        it = iter(rows)
        while chunk := list(islice(it, self.batch)):
            self._copy_chunk(chunk)

    def _copy_chunk(self, rows: list[Sequence[Any]]) -> None:
        if self.trusted:
            for (i, _f), seen in zip(self._keys, self._refs, strict=True):
                seen.update(map(itemgetter(i), rows))
        text = _copy_text(rows)
        if text is not None:
            self._copy.write(text)
            self.count += len(rows)
            return
        write_row, json_idx = self._copy.write_row, self._json
        for row in rows:
            if json_idx:
                row = list(row)
                for i in json_idx:
                    row[i] = _adapt(row[i])
            write_row(row)
            self.count += 1

    def check_references(self) -> None:
        """After a trusted COPY: lock every distinct referenced row once and fail if one is missing."""
        if not self.trusted:
            return
        qn = connection.ops.quote_name
        with connection.cursor() as cur:
            for (_i, field), seen in zip(self._keys, self._refs, strict=True):
                wanted = sorted(seen - {None})
                if not wanted:
                    continue
                target = field.target_field
                table, column = qn(target.model._meta.db_table), qn(target.column)
                cur.execute(f"SELECT {column} FROM {table} WHERE {column} = ANY(%s) FOR KEY SHARE", [wanted])
                missing = set(wanted) - {r[0] for r in cur.fetchall()}
                if missing:
                    raise IntegrityError(
                        f"insert into {self.model._meta.db_table} violates the foreign key on {field.column}: "
                        f"{field.column}={min(missing)} is not in {target.model._meta.db_table}"
                    )
        self.trusted = False


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_FORMATS: dict[type, Callable[[Any], str]] = {
    int: str,
    float: repr,
    Decimal: str,
    bool: lambda v: "t" if v else "f",
    date: date.isoformat,
    datetime: lambda v: v.isoformat(" "),
    bytes: lambda v: "\\\\x" + v.hex(),
    dict: lambda v: json.dumps(v).translate(_COPY_ESCAPES),
    list: lambda v: json.dumps(v).translate(_COPY_ESCAPES),
}


def _copy_text(rows: list[Sequence[Any]]) -> str | None:
    """``rows`` in COPY's text format, column by column: psycopg's ``write_row`` costs ~9 us per row of
    eighteen fields on this host (0.9 s per 100,000 employees, bench/README.md); here strings are escaped
    only when a column holds a character that needs it and other values are formatted once per distinct
    value. None when a column holds a type not handled here (the caller then uses ``write_row``)."""
    out = []
    for col in zip(*rows, strict=True):
        kinds = set(map(type, col)) - {type(None)}
        if kinds <= {str}:
            joined = "".join(v for v in col if v is not None) if None in col else "".join(col)
            if "\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined:
                col = tuple(v if v is None else v.translate(_COPY_ESCAPES) for v in col)
            out.append(["\\N" if v is None else v for v in col] if None in col else col)
            continue
        if len(kinds) > 1 or not kinds <= _COPY_FORMATS.keys():
            return None
        kind = kinds.pop()
        fmt = _COPY_FORMATS[kind]
        if kind is dict or kind is list:  # not hashable
            out.append(["\\N" if v is None else fmt(v) for v in col])
            continue
        text = {v: "\\N" if v is None else fmt(v) for v in set(col)}
        out.append(list(map(text.__getitem__, col)))
    return "\n".join(map("\t".join, zip(*out, strict=True))) + "\n"


def _without_fk_triggers(cur) -> str | None:
    """Set ``session_replication_role`` to ``replica`` for this transaction when allowed; return the value to
    put back (None: not allowed, or the session already runs another role, so nothing changed)."""
    cur.execute("SELECT current_setting('session_replication_role')")
    (role,) = cur.fetchone()
    if role != "origin":
        return None
    if connection.pg_version >= 150000:
        cur.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
    else:
        cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cur.fetchone()[0]:
        return None
    cur.execute("SELECT set_config('session_replication_role', 'replica', true)")
    return role


REBUILD_MIN_ROWS = 10_000


@contextmanager
def _indexes_built_after(cur, model, n: int) -> Iterator[None]:
    """SQLite: a write that at least doubles the table drops its secondary indexes and builds them again
    after it; building an index over the table is faster than inserting each row at a random place
    (100,000 employees: 1.6 s -> 0.9 s, bench/README.md). Rows already in index order (generated ones, in
    id order) gain nothing and the build's sort costs memory, so callers ask for it. In a savepoint: a
    failure puts the indexes back. Readers (WAL) keep seeing the committed schema; the unique and
    primary-key indexes stay and check every row."""
    if connection.vendor != "sqlite" or n < REBUILD_MIN_ROWS:
        yield
        return
    table = model._meta.db_table
    cur.execute(f"SELECT max(rowid) FROM {connection.ops.quote_name(table)}")
    if n < (cur.fetchone()[0] or 0):  # ids only grow: max(rowid) is at least the row count
        yield
        return
    cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", [table]
    )
    indexes = cur.fetchall()
    with transaction.atomic():
        for name, _sql in indexes:
            cur.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        for _name, sql in indexes:
            cur.execute(sql)


def _insert_many(cur, model, fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int, json_idx) -> int:
    """SQLite and others: multi-row INSERT statements; return the count written."""
    qn = connection.ops.quote_name
    cols = _columns(model, fields)
    head = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in cols)}) VALUES "
    one = f"({', '.join(['%s'] * len(cols))})"
    # Many rows per statement: SQLite journals each statement on its own when the table has triggers
    # (the facts' dirty marks), which made one statement per row twice as slow (bench/README.md).
    per = max(1, min(500, _max_params() // len(cols)))
    many = head + ", ".join([one] * per)
    as_text = _sqlite_rows(model, fields)
    n = 0
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        if json_idx:
            chunk = [tuple(_adapt(v) if i in json_idx else v for i, v in enumerate(r)) for r in chunk]
        flat = list(chain.from_iterable(as_text(chunk)))
        width = per * len(cols)
        full = len(flat) - len(flat) % width
        if full:
            cur.executemany(many, [flat[i : i + width] for i in range(0, full, width)])
        if rest := flat[full:]:
            cur.execute(head + ", ".join([one] * (len(rest) // len(cols))), rest)
        n += len(chunk)
    return n


def _max_params() -> int:
    """How many parameters one SQLite statement may take (32,766 since SQLite 3.32; Django assumes 999)."""
    try:
        return int(connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    except (AttributeError, sqlite3.Error):
        return connection.features.max_query_params


def bulk_update(model, fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000) -> int:
    """UPDATE rows given as ``(*values_in_fields_order, pk)``; return the count."""
    qn = connection.ops.quote_name
    sets = ", ".join(f"{qn(c)} = %s" for c in _columns(model, fields))
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    n = 0
    it = iter(rows)
    as_text = _sqlite_rows(model, [*fields, model._meta.pk.name]) if connection.vendor == "sqlite" else None
    with connection.cursor() as cur:
        while chunk := list(islice(it, batch)):
            chunk = [tuple(_adapt(v) for v in r) for r in chunk]
            cur.executemany(sql, chunk if as_text is None else list(as_text(chunk)))
            n += len(chunk)
    return n


def analyze(*models) -> None:
    """Refresh the planner's statistics after a bulk load (without them PostgreSQL may pick a plan that
    runs for minutes instead of a second). On PostgreSQL only the columns that are indexed or keys: the
    row count and the columns queries join and filter on, for ~40% of a full ANALYZE's time; autovacuum
    gathers the rest within a minute. ``ANALYZE`` of the table on SQLite (index statistics only)."""
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        for model in models:
            table = qn(model._meta.db_table)
            if connection.vendor == "postgresql":
                cols = ", ".join(qn(c) for c in _planner_columns(model))
                cur.execute(f"ANALYZE {table} ({cols})")
            else:
                cur.execute(f"ANALYZE {table}")


def _planner_columns(model) -> list[str]:
    """The model's key, foreign-key, unique and indexed columns, in field order."""
    opts = model._meta
    indexed = {f.lstrip("-") for index in opts.indexes for f in index.fields}
    indexed |= {f for group in opts.unique_together for f in group}
    for constraint in opts.constraints:
        indexed |= set(getattr(constraint, "fields", ()))
    return [
        f.column
        for f in opts.concrete_fields
        if f.primary_key or f.is_relation or f.unique or f.db_index or f.name in indexed or f.attname in indexed
    ]
