"""Fast bulk writes for imports and generators, inside the caller's transaction.

``bulk_insert`` uses PostgreSQL's COPY where available (an order of magnitude faster than INSERT) and
``executemany`` elsewhere; ``bulk_update`` runs one parameterised UPDATE per row with executemany. Both
bypass model ``save()``: callers validate first (services do) and pass plain column values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection


def _columns(model, fields: Sequence[str]) -> list[str]:
    return [model._meta.get_field(f).column for f in fields]


def _adapt(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


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
        sql = f"INSERT INTO {table} ({', '.join(qn(c) for c in cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
        while chunk := list(islice(it, batch)):
            if json_idx:
                chunk = [tuple(_adapt(v) if i in json_idx else v for i, v in enumerate(r)) for r in chunk]
            cur.executemany(sql, chunk)
            n += len(chunk)
    return n


def bulk_update(model, fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000) -> int:
    """UPDATE rows given as ``(*values_in_fields_order, pk)``; return the count."""
    qn = connection.ops.quote_name
    sets = ", ".join(f"{qn(c)} = %s" for c in _columns(model, fields))
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    n = 0
    it = iter(rows)
    with connection.cursor() as cur:
        while chunk := list(islice(it, batch)):
            cur.executemany(sql, [tuple(_adapt(v) for v in r) for r in chunk])
            n += len(chunk)
    return n


def analyze(*models) -> None:
    """Refresh the planner's statistics after a bulk load (without them PostgreSQL may pick a plan that
    runs for minutes instead of a second). ``ANALYZE`` on SQLite too; outside a transaction is best."""
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        for model in models:
            cur.execute(f"ANALYZE {qn(model._meta.db_table)}")
