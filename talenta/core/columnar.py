"""Query results straight into NumPy columns, without a Python object per value.

``fetch_columns(sql, params, "iqf")`` runs a SELECT whose columns are aliased ``c0, c1, ...`` and returns
one array per column: ``i`` int32, ``q`` int64, ``f`` float64. NULL becomes ``null`` (default -1; the
callers' columns are codes, counts, days and scores, never negative). On PostgreSQL the rows come through
``COPY (...) TO STDOUT (FORMAT binary)`` with every column cast to a fixed-width type, so the whole result
is one buffer that NumPy reads as a structured array (no per-value parsing at all); elsewhere through the
cursor. Built for whole-population reads (millions of rows): a few bytes per value, one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import QuerySet

_PG_CAST = {"i": "int4", "q": "int8", "f": "float8"}
_PG_DTYPE = {"i": ">i4", "q": ">i8", "f": ">f8"}
_NATIVE = {"i": np.int32, "q": np.int64, "f": np.float64}
_PG_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"


def queryset_sql(qs: QuerySet) -> tuple[str, tuple[Any, ...]]:
    """SQL and parameters of a queryset, for use as a subquery in raw SQL."""
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


def fetch_columns(sql: str, params: Sequence[Any], types: str, null: int = -1) -> list[np.ndarray]:
    """Run ``sql`` (columns aliased c0..c{k-1}) and return its columns as arrays of ``types``."""
    if connection.vendor == "postgresql":
        return _fetch_pg(sql, params, types, null)
    cols = ", ".join(f"COALESCE(t.c{k}, {null})" for k in range(len(types)))
    with connection.cursor() as cur:
        cur.execute(f"SELECT {cols} FROM ({sql}) t", params)
        rows = cur.fetchall()
    return [np.fromiter((r[k] for r in rows), dtype=_NATIVE[t], count=len(rows)) for k, t in enumerate(types)]


def _fetch_pg(sql: str, params: Sequence[Any], types: str, null: int) -> list[np.ndarray]:
    cols = ", ".join(f"COALESCE(t.c{k}::{_PG_CAST[t]}, {null})" for k, t in enumerate(types))
    buf = bytearray()
    with connection.cursor() as cur:
        with cur.cursor.copy(f"COPY (SELECT {cols} FROM ({sql}) t) TO STDOUT (FORMAT binary)", params) as copy:
            for chunk in copy:
                buf += chunk
    return parse_pg_binary(buf, types)


def parse_pg_binary(buf: bytes | bytearray, types: str) -> list[np.ndarray]:
    """Columns of a binary COPY whose fields are all non-NULL and of the fixed widths of ``types``."""
    if not buf.startswith(_PG_SIGNATURE):
        raise ValueError("not a PostgreSQL binary COPY stream")
    ext = int.from_bytes(buf[15:19], "big")
    start, end = 19 + ext, len(buf) - 2  # header, then the trailer (int16 -1)
    fields: list[tuple[str, str]] = [("count", ">i2")]
    for k, t in enumerate(types):
        fields += [(f"len{k}", ">i4"), (f"c{k}", _PG_DTYPE[t])]
    dtype = np.dtype(fields)
    if (end - start) % dtype.itemsize:
        raise ValueError("binary COPY rows are not of the expected fixed width")
    rows = np.frombuffer(buf, dtype=dtype, count=(end - start) // dtype.itemsize, offset=start)
    if len(rows) and (rows["count"] != len(types)).any():
        raise ValueError("binary COPY rows do not have the expected number of fields")
    return [rows[f"c{k}"].astype(_NATIVE[t]) for k, t in enumerate(types)]
