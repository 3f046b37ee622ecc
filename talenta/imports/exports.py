"""Exports in the import templates: what ``talenta export KIND`` and the download links write. Each kind
writes its own rows (``ImportKind.export``, beside its import): exporting a scope and importing the file
again changes nothing (created 0, updated 0)."""

from __future__ import annotations

from talenta.core.errors import NotFound
from talenta.core.scoping import Scope
from talenta.org.models import Organisation

from .base import Export
from .registry import KINDS


def may_export(actor, kind: str) -> bool:
    """Whether ``actor`` may export ``kind`` (None: the CLI without --user, the whole system)."""
    roles = KINDS[kind].export_roles if kind in KINDS else None
    return actor is None or roles is None or Scope.for_user(actor).role in roles


def export_for(actor, kind: str, org: Organisation, year: int | None = None, layout: str = "template") -> Export:
    """:func:`export_rows` for a user: a kind their role may not export is not found."""
    if not may_export(actor, kind):
        raise NotFound("Export not found.")
    return export_rows(kind, org, year, layout)


def export_rows(kind: str, org: Organisation, year: int | None = None, layout: str = "template") -> Export:
    """Header and rows of ``kind`` for the subtree of ``org`` (already checked against the user's scope);
    ``layout="siasn"`` (pegawai): SIASN's "Export Data ASN" columns instead of the template's."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if layout != "template" and kind != "pegawai":
        raise ValueError("the SIASN layout is for pegawai")
    return KINDS[kind].export(org, year=year, layout=layout)
