"""Import kinds about the organisation: ``unit``, ``jabatan``, ``kompetensi``, ``katalog``, ``anggaran``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_noop

from talenta.competency.models import Competency, PositionStandard
from talenta.core.bulk import bulk_insert, bulk_update
from talenta.core.errors import ApplicationError
from talenta.learning.models import Budget, Programme, ProgrammeCompetency
from talenta.org.models import ALLOWED_PARENTS, GOVERNMENT_KINDS, Organisation, OrgKind
from talenta.people.models import Employee, Position
from talenta.people.services import default_standard
from talenta.people.validation import clean_job_kind

from . import cells as c
from .base import Column, Counts, ImportKind, Record, learning_form_type_route, same_values, upsert
from .lookups import chunks, orgs_by_code

UNIT_CODE = Column("KODE_UNIT", True, ("KODE UNOR", "KODE UNIT KERJA", "KODE SKPD"), "", "64.71.02.01")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


# -- unit ----------------------------------------------------------------------------------------------
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
        Column("KODE_INDUK", True, ("KODE ATASAN", "KODE UNOR INDUK", "INDUK"), "code of the parent", "64.71.02"),
        Column("JENIS", True, ("JENIS UNIT",), "provinsi, kabupaten, kota, opd, unit", "unit"),
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
        if not _CODE.match(code):
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


# -- jabatan -------------------------------------------------------------------------------------------
@dataclass
class PositionRow:
    key: tuple[int, str]
    job_kind: str
    job_class: int | None
    is_key: bool | None
    standard: dict[int, int] | None


class JabatanKind(ImportKind):
    tables = (Position, PositionStandard)
    name = "jabatan"
    label = gettext_noop("Positions and competency standards")
    key_columns = ("KODE_UNIT", "JABATAN")
    competency_columns = True
    columns = (
        UNIT_CODE,
        Column("JABATAN", True, ("NAMA JABATAN", "JABATAN NAMA"), "", "Kepala Bidang Pengembangan Kompetensi"),
        Column("JENIS_JABATAN", True, ("JENIS JABATAN NAMA", "JENIS JABATAN"), "", "Administrator"),
        Column("KELAS_JABATAN", False, ("KELAS JABATAN", "KELAS"), "1-17", "12"),
        Column("KUNCI", False, ("JABATAN KUNCI", "KEY"), "Y / N", "Y"),
    )

    def prepare(self, records: list[Record]) -> None:
        self.units = orgs_by_code(c.text(r.raw("KODE_UNIT")) for r in records)
        self.comp_ids = dict(Competency.objects.values_list("code", "id"))
        self.existing: dict[tuple[int, str], tuple] = {}
        for part in chunks({u[0] for u in self.units.values()}):
            for pk, org, name, kind, cls, key in Position.objects.filter(organisation_id__in=part).values_list(
                "id", "organisation_id", "name", "job_kind", "job_class", "is_key"
            ):
                self.existing[(org, name)] = (pk, kind, cls, key)
        self.standards: dict[int, dict[int, int]] = {}
        for part in chunks([v[0] for v in self.existing.values()]):
            for pid, cid, level in PositionStandard.objects.filter(position_id__in=part).values_list(
                "position_id", "competency_id", "level"
            ):
                self.standards.setdefault(pid, {})[cid] = level

    def clean(self, rec: Record) -> PositionRow | None:
        code = c.text(rec.raw("KODE_UNIT"))
        unit = self.units.get(code)
        if unit is None or not self.ctx.in_scope(unit[1]):
            rec.fail("KODE_UNIT", gettext_noop("Unknown unit %(code)r (or outside your scope)."), code=code)
        elif unit[2] not in (OrgKind.OPD, OrgKind.UNIT):
            rec.fail("KODE_UNIT", gettext_noop("Employees belong to an OPD or a unit, not to %(code)s."), code=code)
        name = c.text(rec.raw("JABATAN"))
        if not name:
            rec.fail("JABATAN", gettext_noop("%(column)s is required."), column="JABATAN")
        job_kind = None
        try:
            job_kind = clean_job_kind(rec.raw("JENIS_JABATAN"), self.ctx.ruleset)
        except ApplicationError as exc:
            rec.add("JENIS_JABATAN", exc.message)
        job_class = rec.take("KELAS_JABATAN", c.parse_int, lo=1, hi=17)
        is_key = rec.take("KUNCI", c.parse_yes_no) if rec.has("KUNCI") else None
        standard: dict[int, int] = {}
        for comp in self.competency_codes:
            level = rec.take(comp, c.parse_int, lo=1, hi=5)
            if level is not None:
                standard[self.comp_ids[comp]] = level
        if not rec.ok or unit is None or job_kind is None:
            return None
        return PositionRow((unit[0], name), job_kind, job_class, is_key, standard or None)

    def write(self, rows: list[PositionRow]) -> Counts:
        now = timezone.now()
        counts = Counts()
        comp = dict(Competency.objects.filter(owner__isnull=True).values_list("code", "id"))
        new = [r for r in rows if r.key not in self.existing]
        counts.created = bulk_insert(
            Position,
            ("organisation", "name", "job_kind", "job_class", "is_key", "created_at", "updated_at"),
            [(*r.key, r.job_kind, r.job_class, bool(r.is_key), now, now) for r in new],
        )
        ids = {}
        for part in chunks({r.key[0] for r in new}):
            for pk, org, name in Position.objects.filter(organisation_id__in=part).values_list(
                "id", "organisation_id", "name"
            ):
                ids[(org, name)] = pk
        standard_rows = []
        for r in new:
            levels = r.standard or {comp[k]: v for k, v in default_standard(r.job_kind, self.ctx.ruleset).items()}
            standard_rows += [(ids[r.key], cid, level) for cid, level in levels.items()]
        updates, replaced, kind_changed = [], [], []
        for r in rows:
            if r.key not in self.existing:
                continue
            pk, kind, cls, key = self.existing[r.key]
            cls_new = r.job_class if "KELAS_JABATAN" in self.present else cls
            key_new = r.is_key if r.is_key is not None else key
            std_changed = r.standard is not None and r.standard != self.standards.get(pk, {})
            if (kind, cls, key) == (r.job_kind, cls_new, key_new) and not std_changed:
                counts.unchanged += 1
                continue
            updates.append((r.job_kind, cls_new, key_new, now, pk))
            if kind != r.job_kind:
                kind_changed.append((pk, r.job_kind))
            if std_changed:
                replaced.append(pk)
                standard_rows += [(pk, cid, level) for cid, level in r.standard.items()]
        counts.updated = bulk_update(Position, ("job_kind", "job_class", "is_key", "updated_at"), updates)
        if replaced:
            PositionStandard.objects.filter(position_id__in=replaced).delete()
        bulk_insert(PositionStandard, ("position", "competency", "level"), standard_rows)
        # A new job kind means a new retirement age for the holders (RULES.md §2).
        for pk, kind in kind_changed:
            bulk_update(
                Employee,
                ("retirement_date",),
                [
                    (self.ctx.ruleset.retirement_date(birth, kind), emp)
                    for emp, birth in Employee.objects.filter(position_id=pk).values_list("id", "birth_date")
                ],
            )
        return counts


# -- kompetensi ----------------------------------------------------------------------------------------
@dataclass
class CompetencyRow:
    key: str
    name: str
    kind: str
    levels: list[str]


_COMP_KINDS = {
    "MANAJERIAL": "manajerial",
    "SOSIAL KULTURAL": "sosial_kultural",
    "SOSIAL_KULTURAL": "sosial_kultural",
    "SOSIOKULTURAL": "sosial_kultural",
    "TEKNIS": "teknis",
}


class KompetensiKind(ImportKind):
    tables = (Competency,)
    name = "kompetensi"
    label = gettext_noop("Competency dictionary")
    key_columns = ("KODE",)
    columns = (
        Column("KODE", True, ("KODE KOMPETENSI",), "letters, digits, dots", "T.KEU.01"),
        Column("NAMA", True, ("NAMA KOMPETENSI",), "", "Pengelolaan Keuangan Daerah"),
        Column("JENIS", True, ("JENIS KOMPETENSI",), "manajerial, sosial_kultural, teknis", "teknis"),
        *(Column(f"LEVEL_{i}", False, (f"LEVEL {i}", f"DESKRIPSI LEVEL {i}"), "description", "") for i in range(1, 6)),
    )

    def prepare(self, records: list[Record]) -> None:
        codes = [c.text(r.raw("KODE")).upper() for r in records]
        # Codes are matched as headers are (jabatan and asesmen columns): two codes with one key would be one
        # column, so a new code may not share its key with another (stored or in the file).
        self.keys: dict[str, str] = {
            c.norm_header(code): code for code in Competency.objects.values_list("code", flat=True)
        }
        self.existing = {
            row[0]: row[1:]
            for part in chunks(codes)
            for row in Competency.objects.filter(code__in=part).values_list(
                "code", "id", "name", "kind", "level_descriptions", "owner__path"
            )
        }

    def clean(self, rec: Record) -> CompetencyRow | None:
        code = c.text(rec.raw("KODE")).upper()
        if not _CODE.match(code):
            rec.fail("KODE", gettext_noop("%(value)r is not a valid code (letters, digits, dots)."), value=code)
        name = c.text(rec.raw("NAMA"))
        if not name:
            rec.fail("NAMA", gettext_noop("%(column)s is required."), column="NAMA")
        kind = _COMP_KINDS.get(c.text(rec.raw("JENIS")).upper().replace("-", " "))
        if kind is None:
            rec.fail(
                "JENIS", gettext_noop("%(value)r is not manajerial, sosial_kultural or teknis."), value=rec.raw("JENIS")
            )
        levels = [c.text(rec.raw(f"LEVEL_{i}")) for i in range(1, 6)]
        if any(levels) and not all(levels):
            rec.fail("LEVEL_1", gettext_noop("Give all five level descriptions or none."))
        clash = self.keys.get(c.norm_header(code))
        if clash is not None and clash != code:
            rec.fail(
                "KODE",
                gettext_noop(
                    "%(code)s and the stored code %(other)s differ only in case, dots, underscores or dashes, "
                    "so a column of either would be the same; use %(other)s or another code."
                ),
                code=code,
                other=clash,
            )
        stored = self.existing.get(code)
        if stored is not None:
            owner_path = stored[4]
            if owner_path is None and self.ctx.scope_path != "/ID/":
                if (stored[1], stored[2]) != (name, kind) or (any(levels) and levels != stored[3]):
                    rec.fail(
                        "KODE",
                        gettext_noop("%(code)s is a national competency; only the national admin may change it."),
                        code=code,
                    )
            elif owner_path is not None and not self.ctx.in_scope(owner_path):
                rec.fail("KODE", gettext_noop("%(code)s belongs to another agency."), code=code)
        elif kind != "teknis" and self.ctx.scope_path != "/ID/":
            rec.fail("JENIS", gettext_noop("Only technical competencies can be added by an agency."))
        if not rec.ok:
            return None
        return CompetencyRow(code, name, kind, levels if any(levels) else [])

    def check_batch(self, pairs: list[tuple[Record, CompetencyRow]]) -> None:
        """Two new codes of the file with one key (``T.KEU.01`` and ``T_KEU_01``): both rows are refused."""
        by_key: dict[str, list[tuple[Record, str]]] = {}
        for rec, row in pairs:
            by_key.setdefault(c.norm_header(row.key), []).append((rec, row.key))
        for group in by_key.values():
            if len({code for _rec, code in group}) < 2:
                continue
            for rec, code in group:
                others = sorted({other for _rec, other in group if other != code})
                rec.fail(
                    "KODE",
                    gettext_noop(
                        "%(code)s and %(others)s differ only in case, dots, underscores or dashes, so a column "
                        "of either would be the same; keep one code."
                    ),
                    code=code,
                    others=", ".join(others),
                )

    def write(self, rows: list[CompetencyRow]) -> Counts:
        now = timezone.now()
        counts, inserts, updates = Counts(), [], []
        for r in rows:
            old = self.existing.get(r.key)
            if old is None:
                owner = None if r.kind != "teknis" else self.ctx.owner_id
                inserts.append((r.key, r.name, r.kind, owner, r.levels, 200, now, now))
                continue
            levels = r.levels or old[3]
            if (old[1], old[2], old[3]) == (r.name, r.kind, levels):
                counts.unchanged += 1
            else:
                updates.append((r.name, r.kind, levels, now, old[0]))
        counts.created = bulk_insert(
            Competency,
            ("code", "name", "kind", "owner", "level_descriptions", "sort_order", "created_at", "updated_at"),
            inserts,
        )
        counts.updated = bulk_update(Competency, ("name", "kind", "level_descriptions", "updated_at"), updates)
        return counts


# -- katalog -------------------------------------------------------------------------------------------
@dataclass
class ProgrammeRow:
    key: str
    values: tuple  # name, form, route, type, jp, cost, capacity, eligible, priorities
    raises: dict[int, int]


PROGRAMME_FIELDS = ("name", "form", "route", "type", "jp", "cost", "capacity", "eligible_job_kinds", "priority_codes")
_RAISE = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*\+\s*(\d)\s*$")


class KatalogKind(ImportKind):
    tables = (Programme, ProgrammeCompetency)
    name = "katalog"
    label = gettext_noop("Training catalogue")
    key_columns = ("KODE",)
    columns = (
        Column("KODE", True, ("KODE PROGRAM", "KODE PELATIHAN"), "", "PKP-2026-01"),
        Column("NAMA", True, ("NAMA PROGRAM", "NAMA PELATIHAN"), "", "Pelatihan Kepemimpinan Pengawas"),
        Column("JP", True, ("JUMLAH JP",), "", "300"),
        Column("BIAYA", True, ("BIAYA PER PESERTA",), "rupiah per participant", "18000000"),
        Column("KAPASITAS", True, ("KUOTA",), "seats this year", "40"),
        Column("KOMPETENSI", True, ("KOMPETENSI DIKEMBANGKAN",), "CODE+levels; ...", "KOMUNIKASI+1;T.KEU.01+2"),
        Column("BENTUK", False, (), "pelatihan klasikal, e-learning, coaching, ...", "pelatihan klasikal"),
        Column("JALUR", False, (), "klasikal / nonklasikal", "klasikal"),
        Column("JENIS", False, ("JENIS PELATIHAN",), "PKP, teknis, fungsional, ...", "PKP"),
        Column("SASARAN", False, ("SASARAN JABATAN",), "job kinds separated by ';' (blank = all)", "Pengawas"),
        Column("PRIORITAS", False, ("PRIORITAS RKPD", "PRIORITAS RPJMD"), "RKPD/RPJMD codes", "RPJMD-1"),
    )

    def prepare(self, records: list[Record]) -> None:
        # KOMUNIKASI+1;T.KEU.01+2: codes match as headers do (case, dots, underscores, dashes ignored)
        self.comp_ids = {c.norm_header(code): pk for code, pk in Competency.objects.values_list("code", "id")}
        codes = [c.text(r.raw("KODE")) for r in records]
        self.existing = {
            row[0]: row[1:]
            for part in chunks(codes)
            for row in Programme.objects.filter(code__in=part).values_list(
                "code", "id", "owner__path", *PROGRAMME_FIELDS
            )
        }
        self.raises: dict[int, dict[int, int]] = {}
        for part in chunks([v[0] for v in self.existing.values()]):
            for pid, cid, lv in ProgrammeCompetency.objects.filter(programme_id__in=part).values_list(
                "programme_id", "competency_id", "levels"
            ):
                self.raises.setdefault(pid, {})[cid] = lv

    def clean(self, rec: Record) -> ProgrammeRow | None:
        rules = self.ctx.ruleset
        code = c.text(rec.raw("KODE"))
        if not _CODE.match(code):
            rec.fail("KODE", gettext_noop("%(value)r is not a valid code (letters, digits, dots)."), value=code)
        name = c.text(rec.raw("NAMA"))
        if not name:
            rec.fail("NAMA", gettext_noop("%(column)s is required."), column="NAMA")
        jp = rec.take("JP", c.parse_decimal, required=True, lo=0, hi=2000)
        cost = rec.take("BIAYA", c.parse_rupiah, required=True)
        capacity = rec.take("KAPASITAS", c.parse_int, required=True, lo=0, hi=1_000_000)
        raises: dict[int, int] = {}
        for part in c.split_list(rec.raw("KOMPETENSI")) if rec.has("KOMPETENSI") else []:
            m = _RAISE.match(part)
            if not m or c.norm_header(m[1]) not in self.comp_ids or not 1 <= int(m[2]) <= 4:
                rec.fail(
                    "KOMPETENSI",
                    gettext_noop("%(part)r is not CODE+levels with a known competency code and 1-4 levels."),
                    part=part,
                )
                continue
            raises[self.comp_ids[c.norm_header(m[1])]] = int(m[2])
        if not raises and rec.ok:
            rec.fail("KOMPETENSI", gettext_noop("%(column)s is required."), column="KOMPETENSI")
        form, type_, route = learning_form_type_route(rec, rules)
        eligible = []
        for part in c.split_list(rec.raw("SASARAN")):
            try:
                eligible.append(clean_job_kind(part, rules))
            except ApplicationError as exc:
                rec.add("SASARAN", exc.message)
        stored = self.existing.get(code)
        if stored is not None and not self.ctx.in_scope(stored[1]):
            rec.fail("KODE", gettext_noop("%(code)s belongs to another agency's catalogue."), code=code)
        if not rec.ok:
            return None
        values = (
            name,
            form,
            route,
            type_,
            jp,
            cost,
            capacity,
            sorted(set(eligible)),
            c.split_list(rec.raw("PRIORITAS")),
        )
        return ProgrammeRow(code, values, raises)

    def write(self, rows: list[ProgrammeRow]) -> Counts:
        now = timezone.now()
        counts, inserts, updates, replaced = Counts(), [], [], []
        for r in rows:
            old = self.existing.get(r.key)
            if old is None:
                inserts.append((r.key, self.ctx.owner_id, *r.values, now, now))
                continue
            pk, stored = old[0], list(old[2:])
            stored[7] = sorted(stored[7])  # eligible job kinds: a set, stored as a list
            same = same_values(tuple(stored), r.values)
            if same and self.raises.get(pk, {}) == r.raises:
                counts.unchanged += 1
            else:
                updates.append((*r.values, now, pk))
                replaced.append(pk)
        counts.created = bulk_insert(
            Programme, ("code", "owner", *PROGRAMME_FIELDS, "created_at", "updated_at"), inserts
        )
        counts.updated = bulk_update(Programme, (*PROGRAMME_FIELDS, "updated_at"), updates)
        ids = dict(Programme.objects.filter(code__in=[r.key for r in rows]).values_list("code", "id"))
        if replaced:
            ProgrammeCompetency.objects.filter(programme_id__in=replaced).delete()
        fresh = {r.key for r in rows if r.key not in self.existing} | {
            r.key for r in rows if r.key in self.existing and self.existing[r.key][0] in replaced
        }
        bulk_insert(
            ProgrammeCompetency,
            ("programme", "competency", "levels"),
            [(ids[r.key], cid, lv) for r in rows if r.key in fresh for cid, lv in r.raises.items()],
        )
        return counts


# -- anggaran ------------------------------------------------------------------------------------------
@dataclass
class BudgetRow:
    key: tuple[int, int]
    amount: int


class AnggaranKind(ImportKind):
    tables = (Budget,)
    name = "anggaran"
    label = gettext_noop("Development budgets (pagu)")
    key_columns = ("KODE_UNIT", "TAHUN")
    columns = (
        UNIT_CODE,
        Column("TAHUN", True, ("TAHUN ANGGARAN",), "", "2026"),
        Column("PAGU", True, ("PAGU ANGGARAN", "NILAI PAGU"), "rupiah", "1250000000"),
    )

    def prepare(self, records: list[Record]) -> None:
        self.units = orgs_by_code(c.text(r.raw("KODE_UNIT")) for r in records)
        self.existing = {
            (o, y): (pk, a)
            for pk, o, y, a in Budget.objects.filter(
                organisation_id__in=[u[0] for u in self.units.values()]
            ).values_list("id", "organisation_id", "year", "amount")
        }

    def clean(self, rec: Record) -> BudgetRow | None:
        code = c.text(rec.raw("KODE_UNIT"))
        unit = self.units.get(code)
        if unit is None or not self.ctx.in_scope(unit[1]):
            rec.fail("KODE_UNIT", gettext_noop("Unknown unit %(code)r (or outside your scope)."), code=code)
        year = rec.take("TAHUN", c.parse_int, required=True, lo=2000, hi=2100)
        amount = rec.take("PAGU", c.parse_rupiah, required=True)
        if not rec.ok or unit is None:
            return None
        return BudgetRow((unit[0], year), amount)

    def write(self, rows: list[BudgetRow]) -> Counts:
        return upsert(
            Budget,
            rows,
            self.existing,
            key_fields=("organisation", "year"),
            value_fields=("amount",),
            values=lambda r: (r.amount,),
        )
