"""Import kinds that ``competency`` owns: ``kompetensi`` (the dictionary) and ``asesmen`` (assessments)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.core.bulk import bulk_insert, bulk_update
from talenta.imports import cells as c
from talenta.imports.base import CODE, Column, Counts, Export, ImportKind, Record, iso, plain_number, same_values
from talenta.imports.history import NIP, EmployeeHistoryKind
from talenta.imports.lookups import chunks
from talenta.org.models import Organisation

from .models import Assessment, AssessmentScore, Competency
from .selectors import competencies_in_order


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
        Column("KODE", True, ("KODE KOMPETENSI",), gettext_lazy("letters, digits, dots"), "T.KEU.01"),
        Column("NAMA", True, ("NAMA KOMPETENSI",), "", "Pengelolaan Keuangan Daerah"),
        Column("JENIS", True, ("JENIS KOMPETENSI",), gettext_lazy("manajerial, sosial_kultural, teknis"), "teknis"),
        *(
            Column(f"LEVEL_{i}", False, (f"LEVEL {i}", f"DESKRIPSI LEVEL {i}"), gettext_lazy("description"), "")
            for i in range(1, 6)
        ),
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
        if not CODE.match(code):
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

    # -- asesmen -------------------------------------------------------------------------------------------

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``kompetensi`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        qs = Competency.objects.filter(Q(owner__isnull=True) | Q(owner__path__startswith=path)).order_by(
            "sort_order", "code"
        )
        return cls.template_header(), (
            [code, name, k, *(list(levels) + [""] * 5)[:5]]
            for code, name, k, levels in qs.values_list("code", "name", "kind", "level_descriptions")
        )


@dataclass
class AssessmentRow:
    key: tuple[int, Any]
    source: str
    potential: Decimal | None
    levels: dict[int, int]


class AsesmenKind(EmployeeHistoryKind):
    tables = (Assessment, AssessmentScore)
    name = "asesmen"
    label = gettext_noop("Competency assessments")
    key_columns = ("NIP", "TANGGAL")
    competency_columns = True
    columns = (
        NIP,
        Column(
            "TANGGAL", True, ("TANGGAL ASESMEN", "TGL ASESMEN", "TANGGAL PENILAIAN"), gettext_lazy("date"), "2025-05-12"
        ),
        Column("SUMBER", False, ("PENYELENGGARA", "LEMBAGA"), "", "UPT Penilaian Kompetensi BKN"),
        Column("POTENSI", False, ("SKOR POTENSI", "NILAI POTENSI"), gettext_lazy("0-100"), "78.5"),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.comp_ids = dict(Competency.objects.values_list("code", "id"))
        ids = {e[0] for e in self.employees.values()}
        self.existing: dict[tuple[int, Any], tuple[int, str, Decimal | None]] = {}
        for part in chunks(ids):
            for pk, emp, d, src, pot in Assessment.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "date", "source", "potential_score"
            ):
                self.existing[(emp, d)] = (pk, src, pot)

    def clean(self, rec: Record) -> AssessmentRow | None:
        emp = self.employee_id(rec)
        when = rec.take("TANGGAL", c.parse_date, required=True)
        if when is not None and when > self.ctx.today:
            rec.fail("TANGGAL", gettext_noop("The date %(value)s is in the future."), value=when.isoformat())
        potential = rec.take("POTENSI", c.parse_decimal, lo=0, hi=100)
        levels = {}
        for code in self.competency_codes:
            level = rec.take(code, c.parse_int, lo=1, hi=5)
            if level is not None:
                levels[self.comp_ids[code]] = level
        if not levels and potential is None and rec.ok:
            rec.fail("NIP", gettext_noop("The row gives no competency level and no potential score."))
        if emp is None or when is None or not rec.ok:
            return None
        return AssessmentRow((emp, when), c.text(rec.raw("SUMBER")), potential, levels)

    def write(self, rows: list[AssessmentRow]) -> Counts:
        now = timezone.now()
        counts = Counts()
        stored_levels: dict[int, dict[int, int]] = {}
        old_ids = [self.existing[r.key][0] for r in rows if r.key in self.existing]
        for part in chunks(old_ids):
            for aid, cid, level in AssessmentScore.objects.filter(assessment_id__in=part).values_list(
                "assessment_id", "competency_id", "level"
            ):
                stored_levels.setdefault(aid, {})[cid] = level
        new = [r for r in rows if r.key not in self.existing]
        changed = []
        for r in rows:
            if r.key in self.existing:
                pk, src, pot = self.existing[r.key]
                same = src == r.source and same_values((pot,), (r.potential,)) and stored_levels.get(pk, {}) == r.levels
                if same:
                    counts.unchanged += 1
                else:
                    changed.append((pk, r))
        counts.created = bulk_insert(
            Assessment,
            ("employee", "date", "source", "potential_score", "created_at", "updated_at"),
            [(r.key[0], r.key[1], r.source, r.potential, now, now) for r in new],
        )
        ids = {}
        for part in chunks({r.key[0] for r in new}):
            for pk, emp, d in Assessment.objects.filter(employee_id__in=part).values_list("id", "employee_id", "date"):
                ids[(emp, d)] = pk
        if changed:
            AssessmentScore.objects.filter(assessment_id__in=[pk for pk, _ in changed]).delete()
            counts.updated = bulk_update(
                Assessment,
                ("source", "potential_score", "updated_at"),
                [(r.source, r.potential, now, pk) for pk, r in changed],
            )
        bulk_insert(
            AssessmentScore,
            ("assessment", "competency", "level"),
            [
                (pk, cid, level)
                for pk, r in [*((ids[r.key], r) for r in new), *changed]
                for cid, level in r.levels.items()
            ],
        )
        return counts

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``asesmen`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        emp_in = Q(employee__org_path__startswith=org.path)
        qs = Assessment.objects.filter(emp_in).order_by("employee__nip", "date")
        if year:
            qs = qs.filter(date__year=year)
        heads = list(qs.values_list("id", "employee__nip", "date", "source", "potential_score"))
        levels: dict[int, dict[int, int]] = {}
        score_qs = AssessmentScore.objects.filter(assessment__employee__org_path__startswith=path)
        if year:
            score_qs = score_qs.filter(assessment__date__year=year)
        for aid, cid, level in score_qs.values_list("assessment_id", "competency_id", "level"):
            levels.setdefault(aid, {})[cid] = level
        comps = competencies_in_order(cid for lv in levels.values() for cid in lv)
        header = cls.template_header() + [code for _id, code in comps]
        return header, (
            [
                nip,
                iso(d),
                src,
                plain_number(pot) if pot is not None else "",
                *[levels.get(aid, {}).get(cid, "") for cid, _c in comps],
            ]
            for aid, nip, d, src, pot in heads
        )
