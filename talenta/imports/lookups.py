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
    """nip -> (id, org_path, *fields)."""
    out: dict[str, tuple] = {}
    for part in chunks({n for n in nips if n}):
        for row in Employee.objects.filter(nip__in=part).values_list("nip", "id", "org_path", *fields):
            out[row[0]] = row[1:]
    return out
