"""UNOR NAMA as SIASN writes it: the organisations of an importer's scope by name (``<unit> - <OPD>``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_noop

from talenta.org.models import GOVERNMENT_KINDS, Organisation, OrgKind

from .. import siasn


class UnorIndex:
    """The OPDs and units of the importer's scope by name, as SIASN's UNOR NAMA names them: ``<unit> - <OPD>``
    (case, punctuation and the region's name at the end do not matter), an OPD alone without " - "."""

    def __init__(self, ctx: Any, wanted: set[str]) -> None:
        self.ctx = ctx
        orgs = list(
            Organisation.objects.filter(
                path__startswith=ctx.scope_path, kind__in=[OrgKind.OPD, OrgKind.UNIT]
            ).values_list("id", "code", "name", "path", "kind", "parent_id")
        )
        governments = Organisation.objects.filter(kind__in=list(GOVERNMENT_KINDS)).filter(
            Q(path__startswith=ctx.scope_path) | Q(code__in=[p for p in ctx.scope_path.split("/") if p])
        )
        names = set()
        for (name,) in governments.values_list("name"):
            full = siasn.key(name)
            names.update({full, full.split(" ", 1)[-1]})  # "KOTA BALIKPAPAN" and "BALIKPAPAN"
        self.regions = tuple(sorted(names, key=len, reverse=True))
        self.by_id = {o[0]: o for o in orgs}
        self.opds: dict[str, list[tuple]] = {}
        self.any_unit: dict[str, list[tuple]] = {}
        self.exact: dict[str, list[tuple]] = {}
        self.full_opds: dict[str, list[tuple]] = {}  # by the whole name, region included
        for o in orgs:
            k = siasn.unit_key(o[2], self.regions)
            self.exact.setdefault(" ".join(o[2].upper().split()), []).append(o)
            self.any_unit.setdefault(k, []).append(o)
            if o[4] == OrgKind.OPD:
                self.opds.setdefault(k, []).append(o)
                self.full_opds.setdefault(siasn.key(o[2]), []).append(o)

    def org_ids(self) -> set[int]:
        return set(self.by_id)

    def _split(self, name: str) -> tuple[str, str | None]:
        parts = siasn.split_unor(name)
        if len(parts) < 2:
            return name, None
        return parts[0], parts[-1]

    def _opds(self, name: str) -> list[tuple]:
        """The OPDs a name gives: by the whole name first (it may say the region), else without the region."""
        return self.full_opds.get(siasn.key(name)) or self.opds.get(siasn.unit_key(name, self.regions), [])

    def _units_under(self, opd: tuple, unit: str) -> list[tuple]:
        k = siasn.unit_key(unit, self.regions)
        return [o for o in self.any_unit.get(k, []) if o[3].startswith(opd[3]) and o[0] != opd[0]]

    def find(self, name: str) -> tuple[int, str] | tuple[str, str, dict[str, Any]]:
        """(id, path) of the organisation UNOR NAMA names, or (column, msgid, params)."""
        exact = self.exact.get(" ".join(name.upper().split()), [])
        if len(exact) == 1:
            return exact[0][0], exact[0][3]
        unit, opd_name = self._split(name)
        if opd_name is None:
            matches = self._opds(name) or self.any_unit.get(siasn.unit_key(name, self.regions), [])
        else:
            opds = self._opds(opd_name)
            if not opds:
                return (
                    "NAMA_UNIT",
                    gettext_noop("No OPD %(opd)r in your scope (from %(name)r)."),
                    {"opd": opd_name, "name": name},
                )
            if len(opds) > 1:
                return (
                    "NAMA_UNIT",
                    gettext_noop("%(name)r names %(n)s units; give KODE_UNIT instead."),
                    {"name": opd_name, "n": len(opds)},
                )
            matches = self._units_under(opds[0], unit)
            if not matches:
                return (
                    "NAMA_UNIT",
                    gettext_noop(
                        "The unit %(unit)r of %(opd)s is not in Talenta: import it with the unit template, or "
                        "import this file with --create-units (the check box on the upload page)."
                    ),
                    {"unit": unit, "opd": opds[0][2]},
                )
        if len(matches) > 1:
            return (
                "NAMA_UNIT",
                gettext_noop("%(name)r names %(n)s units; give KODE_UNIT instead."),
                {"name": name, "n": len(matches)},
            )
        if not matches:
            return ("NAMA_UNIT", gettext_noop("Unknown unit %(code)r (or outside your scope)."), {"code": name})
        return matches[0][0], matches[0][3]

    def create_missing(self, wanted: set[str]) -> list[dict[str, str]]:
        """Create the units UNOR NAMA names under an OPD of the scope that does not hold them yet (generated
        codes: the OPD's code and the next free two-digit number); returns what was created."""
        todo: dict[tuple[int, str], tuple] = {}
        for name in sorted(wanted):
            unit, opd_name = self._split(name)
            if opd_name is None or len(self.find(name)) == 2:
                continue
            opds = self._opds(opd_name)
            if len(opds) == 1:
                todo.setdefault((opds[0][0], siasn.unit_key(unit, self.regions)), (opds[0], unit))
        created = []
        taken: set[str] = set()
        for (opd_id, _k), (opd, unit) in todo.items():
            siblings = Organisation.objects.filter(parent_id=opd_id).values_list("code", flat=True)
            numbers = [
                int(code.rsplit(".", 1)[-1])
                for code in siblings
                if code.rsplit(".", 1)[-1].isascii() and code.rsplit(".", 1)[-1].isdigit()
            ]
            number = max(numbers, default=0) + 1
            while (code := f"{opd[1]}.{number:02d}") in taken or Organisation.objects.filter(code=code).exists():
                number += 1
            taken.add(code)
            org = Organisation(code=code, name=" ".join(unit.split()), kind=OrgKind.UNIT, parent_id=opd_id)
            org.full_clean()
            org.save()
            row = (org.pk, org.code, org.name, org.path, org.kind, opd_id)
            self.by_id[org.pk] = row
            self.any_unit.setdefault(siasn.unit_key(org.name, self.regions), []).append(row)
            self.exact.setdefault(" ".join(org.name.upper().split()), []).append(row)
            created.append({"code": code, "name": org.name, "opd": opd[1]})
        return created
