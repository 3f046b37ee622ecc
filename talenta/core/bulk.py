"""Fast bulk writes for imports and generators, inside the caller's transaction.

``bulk_insert`` uses PostgreSQL's COPY where available (an order of magnitude faster than INSERT) and
``executemany`` elsewhere; ``bulk_update`` runs one parameterised UPDATE per row with executemany. Both
bypass model ``save()``: callers validate first (services do) and pass plain column values.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain, islice
from typing import Any

from django.db import connection
from django.db.models import DateField


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


def bulk_insert(model, fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000) -> int:
    """INSERT ``rows`` (tuples in ``fields`` order) into ``model``'s table; return the count written."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    cols = _columns(model, fields)
    json_idx = [i for i, f in enumerate(fields) if model._meta.get_field(f).get_internal_type() == "JSONField"]
    n = 0
    it = iter(rows)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(qn(c) for c in cols)}) FROM STDIN"
            with cur.cursor.copy(sql) as copy:
                for row in it:
                    if json_idx:
                        row = list(row)
                        for i in json_idx:
                            row[i] = _adapt(row[i])
                    copy.write_row(row)
                    n += 1
            return n
        head = f"INSERT INTO {table} ({', '.join(qn(c) for c in cols)}) VALUES "
        one = f"({', '.join(['%s'] * len(cols))})"
        # Many rows per statement: SQLite journals each statement on its own when the table has triggers
        # (the facts' dirty marks), which made one statement per row twice as slow (bench/README.md).
        per = max(1, min(500, _max_params() // len(cols)))
        many = head + ", ".join([one] * per)
        as_text = _sqlite_rows(model, fields)
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
    runs for minutes instead of a second). ``ANALYZE`` on SQLite too; outside a transaction is best."""
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        for model in models:
            cur.execute(f"ANALYZE {qn(model._meta.db_table)}")
