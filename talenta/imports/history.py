"""The machinery of the kinds about an employee's history: the NIP column and the look-up of the employee."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, gettext_noop

from . import cells as c
from .base import Column, ImportKind, Record
from .lookups import employees_by_nip

NIP = Column(
    "NIP", True, ("NIP BARU", "NIP_BARU", "NIP 18"), gettext_lazy("18 digits, formatted as text"), "199002152015031002"
)


class EmployeeHistoryKind(ImportKind):
    """Shared by the history kinds: the NIP must name an employee inside the importer's scope."""

    def prepare(self, records: list[Record]) -> None:
        nips = set()
        for r in records:  # as employee_id will read them (a leading apostrophe marks text in Excel)
            try:
                nips.add(c.parse_nip_cell(r.raw("NIP")))
            except c.CellError:
                pass  # reported by employee_id
        self.employees = employees_by_nip(nips)

    def employee_id(self, rec: Record) -> int | None:
        nip = rec.take("NIP", c.parse_nip_cell, required=True)
        if nip is None:
            return None
        found = self.employees.get(nip)
        if found is None or not self.ctx.in_scope(found[1]):
            rec.fail("NIP", gettext_noop("No employee with NIP %(nip)s in your scope."), nip=nip)
            return None
        return found[0]
