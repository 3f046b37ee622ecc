"""Exports in the import templates: what ``talenta export KIND`` and the download links write. Each kind
writes its own rows (``ImportKind.export``, beside its import): exporting a scope and importing the file
again changes nothing (created 0, updated 0)."""

from __future__ import annotations

from talenta.org.models import Organisation

from .base import Export
from .registry import KINDS


def export_rows(kind: str, org: Organisation, year: int | None = None, layout: str = "template") -> Export:
    """Header and rows of ``kind`` for the subtree of ``org`` (already checked against the user's scope);
    ``layout="siasn"`` (pegawai): SIASN's "Export Data ASN" columns instead of the template's."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if layout != "template" and kind != "pegawai":
        raise ValueError("the SIASN layout is for pegawai")
    return KINDS[kind].export(org, year=year, layout=layout)
