"""What an import did: counts, rejected rows, columns not read, units created; the CLI's ``--json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .base import Record, RowError, column_notes
from .models import ImportStatus
from .registry import KINDS


@dataclass
class ImportResult:
    kind: str
    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    status: str = ImportStatus.COMPLETED
    message: str = ""
    dry_run: bool = False
    batch_id: int | None = None
    header_row: int | None = None
    columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)  # headers as typed that nothing reads
    created_units: list[dict[str, str]] = field(default_factory=list)  # with create_units: code, name, OPD
    layout: str = "template"  # "siasn": the file is SIASN's Export Data ASN
    unused_columns: list[str] = field(default_factory=list)  # known columns not stored (SIASN's personal data)
    strict: bool = False
    rejected_records: list[Record] = field(default_factory=list, repr=False)

    @property
    def exit_code(self) -> int:
        """0 nothing rejected, 1 rows rejected, 2 the file itself is unusable (the CLI contract)."""
        if self.status == ImportStatus.UNUSABLE:
            return 2
        return 1 if self.rejected else 0

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [e.as_dict() for e in self.errors],
            "ignored_columns": list(self.ignored_columns),
            "unused_columns": list(self.unused_columns),
            "created_units": list(self.created_units),
            "layout": self.layout,
            "status": self.status,
            "dry_run": self.dry_run,
        }
        if self.message:
            out["message"] = self.message
        if self.batch_id:
            out["batch"] = self.batch_id
        if self.notes:
            out["notes"] = self.notes
        return out

    @property
    def notes(self) -> list[str]:
        """What the user must know besides the rows: the columns that were not imported, the units created
        (translated)."""
        layout = [_("Read as SIASN's Export Data ASN.")] if self.layout == "siasn" else []
        return (
            layout
            + column_notes(KINDS.get(self.kind), self.ignored_columns, self.unused_columns)
            + units_note(self.created_units, self.dry_run)
        )


def units_note(created: list[dict[str, str]], dry_run: bool) -> list[str]:
    if not created:
        return []
    listed = ", ".join(f"{u['code']} {u['name']}" for u in created)
    if dry_run:
        return [_("Units that will be created: %(units)s.") % {"units": listed}]
    return [_("Units created: %(units)s.") % {"units": listed}]
