"""Import kind ``jabatan``: positions with their job kind, class, key flag and competency standard (SKJ)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.competency.models import Competency, PositionStandard
from talenta.competency.selectors import competencies_in_order
from talenta.core.bulk import bulk_insert, bulk_update
from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.imports import cells as c
from talenta.imports.base import Column, Counts, Export, ImportKind, Record
from talenta.imports.lookups import chunks, orgs_by_code
from talenta.org.imports import UNIT_CODE
from talenta.org.models import Organisation, OrgKind

from ..models import AddedDuty, Employee, Position
from ..services import default_standard
from ..validation import clean_job_kind

DUTY_TEXT = {AddedDuty.PUSKESMAS: "kepala puskesmas", AddedDuty.SCHOOL: "kepala sekolah"}
parse_duty = c.choice(
    {
        "KEPALA PUSKESMAS": AddedDuty.PUSKESMAS,
        "KAPUS": AddedDuty.PUSKESMAS,
        "PUSKESMAS": AddedDuty.PUSKESMAS,
        "KEPALA SEKOLAH": AddedDuty.SCHOOL,
        "KEPSEK": AddedDuty.SCHOOL,
        "SEKOLAH": AddedDuty.SCHOOL,
        "-": "",
        "TIDAK": "",
        "N": "",
    },  # fmt: skip
    gettext_noop("%(value)r is not kepala puskesmas or kepala sekolah."),
)


@dataclass
class PositionRow:
    key: tuple[int, str]
    job_kind: str
    job_class: int | None
    is_key: bool | None
    standard: dict[int, int] | None
    duty: str | None = None  # None: the column is absent, keep the stored value


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
        Column("KELAS_JABATAN", False, ("KELAS JABATAN", "KELAS"), gettext_lazy("1-17"), "12"),
        Column("KUNCI", False, ("JABATAN KUNCI", "KEY"), gettext_lazy("Y / N"), "Y"),
        Column("TUGAS_TAMBAHAN", False, ("TUGAS TAMBAHAN",), gettext_lazy("kepala puskesmas / kepala sekolah"), ""),
    )

    def prepare(self, records: list[Record]) -> None:
        self.units = orgs_by_code(c.text(r.raw("KODE_UNIT")) for r in records)
        self.comp_ids = dict(Competency.objects.values_list("code", "id"))
        self.existing: dict[tuple[int, str], tuple] = {}
        for part in chunks({u[0] for u in self.units.values()}):
            for pk, org, name, kind, cls, key, duty in Position.objects.filter(organisation_id__in=part).values_list(
                "id", "organisation_id", "name", "job_kind", "job_class", "is_key", "added_duty"
            ):
                self.existing[(org, name)] = (pk, kind, cls, key, duty)
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
        duty = (rec.take("TUGAS_TAMBAHAN", parse_duty) or "") if rec.has("TUGAS_TAMBAHAN") else None
        standard: dict[int, int] = {}
        for comp in self.competency_codes:
            level = rec.take(comp, c.parse_int, lo=1, hi=5)
            if level is not None:
                standard[self.comp_ids[comp]] = level
        if not rec.ok or unit is None or job_kind is None:
            return None
        return PositionRow((unit[0], name), job_kind, job_class, is_key, standard or None, duty)

    def write(self, rows: list[PositionRow]) -> Counts:
        now = timezone.now()
        counts = Counts()
        comp = dict(Competency.objects.filter(owner__isnull=True).values_list("code", "id"))
        new = [r for r in rows if r.key not in self.existing]
        counts.created = bulk_insert(
            Position,
            ("organisation", "name", "job_kind", "job_class", "is_key", "added_duty", "created_at", "updated_at"),
            [(*r.key, r.job_kind, r.job_class, bool(r.is_key), r.duty or "", now, now) for r in new],
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
            pk, kind, cls, key, duty = self.existing[r.key]
            cls_new = r.job_class if "KELAS_JABATAN" in self.present else cls
            key_new = r.is_key if r.is_key is not None else key
            duty_new = r.duty if r.duty is not None else duty
            std_changed = r.standard is not None and r.standard != self.standards.get(pk, {})
            if (kind, cls, key, duty) == (r.job_kind, cls_new, key_new, duty_new) and not std_changed:
                counts.unchanged += 1
                continue
            updates.append((r.job_kind, cls_new, key_new, duty_new, now, pk))
            if kind != r.job_kind:
                kind_changed.append((pk, r.job_kind))
            if std_changed:
                replaced.append(pk)
                standard_rows += [(pk, cid, level) for cid, level in r.standard.items()]
        counts.updated = bulk_update(Position, ("job_kind", "job_class", "is_key", "added_duty", "updated_at"), updates)
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

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``jabatan`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        labels = {code: k.label for code, k in active_ruleset().job_kinds.items()}
        positions = list(
            Position.objects.filter(organisation__path__startswith=path)
            .order_by("organisation__path", "name")
            .values_list("id", "organisation__code", "name", "job_kind", "job_class", "is_key", "added_duty")
        )
        std: dict[int, dict[int, int]] = {}
        for pid, cid, level in PositionStandard.objects.filter(
            position__organisation__path__startswith=path
        ).values_list("position_id", "competency_id", "level"):
            std.setdefault(pid, {})[cid] = level
        comps = competencies_in_order(cid for levels in std.values() for cid in levels)
        header = cls.template_header() + [code for _id, code in comps]
        return header, (
            [
                code,
                name,
                labels.get(k, k),
                cls or "",
                "Y" if key else "N",
                DUTY_TEXT.get(duty, ""),
                *[std.get(pid, {}).get(cid, "") for cid, _c in comps],
            ]
            for pid, code, name, k, cls, key, duty in positions
        )
