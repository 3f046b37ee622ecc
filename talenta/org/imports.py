"""Import kind ``unit``: the OPDs and units below a government (provinces, regencies and cities come from
the Kemendagri reference)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.core.bulk import bulk_insert, bulk_update
from talenta.imports import cells as c
from talenta.imports.base import CODE, Column, Counts, Export, ImportKind, Record, iso, upsert
from talenta.imports.lookups import orgs_by_code

from .models import (
    ALLOWED_PARENTS,
    GOVERNMENT_KINDS,
    NATIONAL_CODE,
    OFFICE_TEXT,
    OFFICES_OF,
    HeadOffice,
    Organisation,
    OrgKind,
    RegionalHead,
)

UNIT_CODE = Column("KODE_UNIT", True, ("KODE UNOR", "KODE UNIT KERJA", "KODE SKPD"), "", "64.71.02.01")


@dataclass
class UnitRow:
    key: str
    name: str
    kind: str
    parent: str
    depth: int = 0


class UnitKind(ImportKind):
    tables = (Organisation,)
    name = "unit"
    label = gettext_noop("Organisation units")
    key_columns = ("KODE_UNIT",)
    columns = (
        UNIT_CODE,
        Column("NAMA_UNIT", True, ("NAMA UNOR", "UNOR NAMA", "NAMA UNIT KERJA"), "", "Bidang Pengembangan Kompetensi"),
        Column(
            "KODE_INDUK",
            True,
            ("KODE ATASAN", "KODE UNOR INDUK", "INDUK"),
            gettext_lazy("code of the parent"),
            "64.71.02",
        ),
        Column("JENIS", True, ("JENIS UNIT",), gettext_lazy("provinsi, kabupaten, kota, opd, unit"), "unit"),
    )

    def prepare(self, records: list[Record]) -> None:
        codes = {c.text(r.raw("KODE_UNIT")) for r in records} | {c.text(r.raw("KODE_INDUK")) for r in records}
        self.db = {code: row for code, row in orgs_by_code(codes).items()}
        self.db_parent = dict(Organisation.objects.filter(code__in=list(self.db)).values_list("code", "parent__code"))
        self.file_parent = {c.text(r.raw("KODE_UNIT")): c.text(r.raw("KODE_INDUK")) for r in records}

    def _path(self, code: str) -> str | None:
        """Resolve a code's path through the file's parents up to a stored organisation (None if cyclic)."""
        chain = []
        while code not in self.db:
            if code in chain or code not in self.file_parent or len(chain) > 10:
                return None
            chain.append(code)
            code = self.file_parent[code]
        path = self.db[code][1]
        for link in reversed(chain):
            path += f"{link}/"
        return path

    def clean(self, rec: Record) -> UnitRow | None:
        code = c.text(rec.raw("KODE_UNIT"))
        name = c.text(rec.raw("NAMA_UNIT"))
        parent = c.text(rec.raw("KODE_INDUK"))
        kind = c.text(rec.raw("JENIS")).lower()
        if not CODE.match(code):
            rec.fail("KODE_UNIT", gettext_noop("%(value)r is not a valid code (letters, digits, dots)."), value=code)
        if not name:
            rec.fail("NAMA_UNIT", gettext_noop("%(column)s is required."), column="NAMA_UNIT")
        if kind not in OrgKind.values or kind == OrgKind.NATIONAL:
            rec.fail("JENIS", gettext_noop("%(value)r is not provinsi, kabupaten, kota, opd or unit."), value=kind)
            return None
        if not rec.ok:
            return None
        stored = self.db.get(code)
        if kind in GOVERNMENT_KINDS:
            if stored is None or stored[2] != kind:
                rec.fail(
                    "JENIS",
                    gettext_noop(
                        "Provinces, regencies and cities come from the Kemendagri reference and cannot be imported."
                    ),
                )
                return None
            return UnitRow(code, name, kind, parent)
        path = self._path(parent)
        if path is None:
            rec.fail("KODE_INDUK", gettext_noop("Unknown parent code %(code)r."), code=parent)
            return None
        if not self.ctx.in_scope(path) or (stored is not None and not self.ctx.in_scope(stored[1])):
            rec.fail("KODE_INDUK", gettext_noop("Parent %(code)r is outside your scope."), code=parent)
            return None
        if stored is not None:
            if self.db_parent.get(code) != parent:
                rec.fail(
                    "KODE_INDUK",
                    gettext_noop(
                        "Moving %(code)s to another parent is not done by import (stored parent: %(parent)s)."
                    ),
                    code=code,
                    parent=self.db_parent.get(code),
                )
                return None
            if stored[2] != kind:
                rec.fail("JENIS", gettext_noop("%(code)s is stored as %(kind)s."), code=code, kind=stored[2])
                return None
        return UnitRow(code, name, kind, parent, depth=path.count("/") - 1)

    def check_batch(self, pairs: list[tuple[Record, UnitRow]]) -> None:
        """Tree shape across the file: each node's kind may sit under its parent's kind."""
        kinds = {code: row[2] for code, row in self.db.items()} | {r.key: r.kind for _rec, r in pairs}
        for rec, r in pairs:
            parent_kind = kinds.get(r.parent)
            if r.kind not in GOVERNMENT_KINDS and parent_kind not in ALLOWED_PARENTS[OrgKind(r.kind)]:
                rec.fail(
                    "JENIS",
                    gettext_noop("A %(kind)s cannot sit under a %(parent)s."),
                    kind=r.kind,
                    parent=parent_kind or "?",
                )

    def write(self, rows: list[UnitRow]) -> Counts:
        now = timezone.now()
        counts = Counts()
        names = dict(Organisation.objects.filter(code__in=[r.key for r in rows]).values_list("code", "name"))
        updates = []
        new = []
        for r in rows:
            if r.key in names:
                if names[r.key] == r.name:
                    counts.unchanged += 1
                else:
                    updates.append((r.name, now, self.db[r.key][0]))
            else:
                new.append(r)
        counts.updated = bulk_update(Organisation, ("name", "updated_at"), updates)
        # Parents first: insert depth by depth so each level can point at the ids of the one above.
        for depth in sorted({r.depth for r in new}):
            level = [r for r in new if r.depth == depth]
            parents = orgs_by_code(r.parent for r in level)
            counts.created += bulk_insert(
                Organisation,
                ("code", "name", "kind", "parent", "path", "depth", "created_at", "updated_at"),
                [
                    (
                        r.key,
                        r.name,
                        r.kind,
                        parents[r.parent][0],
                        f"{parents[r.parent][1]}{r.key}/",
                        parents[r.parent][1].count("/") - 1,
                        now,
                        now,
                    )
                    for r in level
                ],
            )
        return counts

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``unit`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        qs = Organisation.objects.filter(path__startswith=path).exclude(code=NATIONAL_CODE).order_by("path")
        return cls.template_header(), (
            [code, name, parent or "", k]
            for code, name, parent, k in qs.values_list("code", "name", "parent__code", "kind")
        )


# -- kepala_daerah (RULES.md §11) ----------------------------------------------------------------------------
OFFICE_WORDS = {
    "GUBERNUR": HeadOffice.GUBERNUR,
    "WAKIL GUBERNUR": HeadOffice.WAKIL_GUBERNUR,
    "WAGUB": HeadOffice.WAKIL_GUBERNUR,
    "BUPATI": HeadOffice.BUPATI,
    "WAKIL BUPATI": HeadOffice.WAKIL_BUPATI,
    "WABUP": HeadOffice.WAKIL_BUPATI,
    "WALI KOTA": HeadOffice.WALI_KOTA,
    "WALIKOTA": HeadOffice.WALI_KOTA,
    "WAKIL WALI KOTA": HeadOffice.WAKIL_WALI_KOTA,
    "WAKIL WALIKOTA": HeadOffice.WAKIL_WALI_KOTA,
    "WAWALI": HeadOffice.WAKIL_WALI_KOTA,
}
parse_office = c.choice(
    OFFICE_WORDS, gettext_noop("%(value)r is not gubernur, bupati, wali kota or one of their deputies.")
)


@dataclass
class HeadRow:
    key: tuple[int, str, Any]  # region, office, inauguration
    name: str
    term_end: Any


class KepalaDaerahKind(ImportKind):
    """Regional heads and deputies with their terms: the inauguration starts the freeze (RULES.md §11)."""

    tables = (RegionalHead,)
    name = "kepala_daerah"
    label = gettext_noop("Regional heads")
    key_columns = ("KODE_WILAYAH", "JABATAN", "TANGGAL_PELANTIKAN")
    columns = (
        Column(
            "KODE_WILAYAH",
            True,
            ("KODE DAERAH", "KODE WILAYAH"),
            gettext_lazy("province, regency or city code"),
            "64.71",
        ),
        Column("NAMA", True, ("NAMA KEPALA DAERAH",), "", "Dr. H. Rahmad Mas'ud, S.E., M.E."),
        Column(
            "JABATAN",
            True,
            ("JABATAN KEPALA DAERAH",),
            gettext_lazy("gubernur / bupati / wali kota / wakil ..."),
            "Wali Kota",
        ),
        Column("TANGGAL_PELANTIKAN", True, ("TGL PELANTIKAN", "TANGGAL DILANTIK"), gettext_lazy("date"), "2025-02-20"),
        Column("AKHIR_MASA_JABATAN", False, ("AKHIR MASA JABATAN", "AMJ"), gettext_lazy("date"), "2030-02-20"),
    )

    def prepare(self, records: list[Record]) -> None:
        self.regions = orgs_by_code(c.text(r.raw("KODE_WILAYAH")) for r in records)
        self.existing = {
            (region, office, when): (pk, name, end)
            for pk, region, office, when, name, end in RegionalHead.objects.filter(
                region_id__in=[v[0] for v in self.regions.values()]
            ).values_list("id", "region_id", "office", "inaugurated", "name", "term_end")
        }

    def clean(self, rec: Record) -> HeadRow | None:
        code = c.text(rec.raw("KODE_WILAYAH"))
        region = self.regions.get(code)
        if region is None or not self.ctx.in_scope(region[1]) or region[2] not in GOVERNMENT_KINDS:
            rec.fail(
                "KODE_WILAYAH", gettext_noop("%(code)r is not a province, regency or city of your scope."), code=code
            )
        name = " ".join(c.text(rec.raw("NAMA")).split())
        if not name:
            rec.fail("NAMA", gettext_noop("%(column)s is required."), column="NAMA")
        office = rec.take("JABATAN", parse_office, required=True)
        if office and region and region[2] in OFFICES_OF and office not in OFFICES_OF[region[2]]:
            rec.fail("JABATAN", gettext_noop("A %(office)s does not head a %(kind)s."),
                     office=OFFICE_TEXT[office], kind=OrgKind(region[2]).label)  # fmt: skip
        start = rec.take("TANGGAL_PELANTIKAN", c.parse_date, required=True)
        end = rec.take("AKHIR_MASA_JABATAN", c.parse_date)
        if start and end and end <= start:
            rec.fail("AKHIR_MASA_JABATAN", gettext_noop("The end of the term is not after the inauguration."))
        if region is None or office is None or start is None or not rec.ok:
            return None
        return HeadRow((region[0], office, start), name, end)

    def write(self, rows: list[HeadRow]) -> Counts:
        return upsert(
            RegionalHead,
            rows,
            self.existing,
            key_fields=("region", "office", "inaugurated"),
            value_fields=("name", "term_end"),
            values=lambda r: (r.name, r.term_end),
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The regional heads of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        qs = RegionalHead.objects.filter(region__path__startswith=org.path).order_by("region__path", "inaugurated")
        if year:
            qs = qs.filter(inaugurated__year=year)
        return cls.template_header(), (
            [code, name, OFFICE_TEXT[office], iso(start), iso(end)]
            for code, name, office, start, end in qs.values_list(
                "region__code", "name", "office", "inaugurated", "term_end"
            )
        )
