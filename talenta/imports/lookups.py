"""Bulk look-ups used by several kinds: organisations by code, employees by NIP (chunked IN queries)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from talenta.org.models import Organisation
from talenta.people.models import Employee

CHUNK = 5000


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    items = list(values)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def orgs_by_code(codes: Iterable[str]) -> dict[str, tuple[int, str, str]]:
    """code -> (id, path, kind)."""
    out: dict[str, tuple[int, str, str]] = {}
    for part in chunks({c for c in codes if c}):
        for pk, code, path, kind in Organisation.objects.filter(code__in=part).values_list(
            "id", "code", "path", "kind"
        ):
            out[code] = (pk, path, kind)
    return out


def employees_by_nip(nips: Iterable[str], *fields: str) -> dict[str, tuple]:
    """nip -> (id, org_path, *fields).

    A file that names a good share of all employees is matched with one scan of the table instead of
    thousands of IN parameters (a whole-region file is the common case for ``pegawai``).
    """
    wanted = {n for n in nips if n}
    out: dict[str, tuple] = {}
    if not wanted:
        return out
    columns = ("nip", "id", "org_path", *fields)
    if len(wanted) > 2 * CHUNK and len(wanted) * 4 > Employee.objects.count():
        for row in Employee.objects.values_list(*columns).iterator(chunk_size=20000):
            if row[0] in wanted:
                out[row[0]] = row[1:]
        return out
    for part in chunks(wanted):
        for row in Employee.objects.filter(nip__in=part).values_list(*columns):
            out[row[0]] = row[1:]
    return out
