"""Import kinds ``riwayat_jabatan`` (past moves into the position history) and ``plt`` (acting officials),
RULES.md §11. Neither changes an employee's own position: the ``pegawai`` file and the move form do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.imports import cells as c
from talenta.imports.base import Column, Counts, Export, Record, iso, upsert
from talenta.imports.history import NIP, EmployeeHistoryKind
from talenta.imports.lookups import chunks, orgs_by_code
from talenta.org.imports import UNIT_CODE
from talenta.org.models import Organisation, OrgKind

from ..models import ActingAssignment, ActingKind, ChangeSource, Employee, Position, PositionChange
from ..validation import clean_job_kind

POSITION = Column("JABATAN", True, ("NAMA JABATAN", "JABATAN NAMA"), "", "Kepala Bidang Pengembangan Kompetensi")


class _PositionsOfFile(EmployeeHistoryKind):
    """Shared: the units and positions a file names, loaded in bulk."""

    def load_units(self, records: list[Record]) -> None:
        self.units = orgs_by_code(c.text(r.raw("KODE_UNIT")) for r in records)
        self.positions: dict[tuple[int, str], tuple[int, str]] = {}
        for part in chunks({u[0] for u in self.units.values()}):
            for pk, org, name, kind in Position.objects.filter(organisation_id__in=part).values_list(
                "id", "organisation_id", "name", "job_kind"
            ):
                self.positions[(org, name)] = (pk, kind)

    def unit(self, rec: Record) -> tuple[int, str, str] | None:
        code = c.text(rec.raw("KODE_UNIT"))
        unit = self.units.get(code)
        if not code:
            rec.fail("KODE_UNIT", gettext_noop("%(column)s is required."), column="KODE_UNIT")
        elif unit is None or not self.ctx.in_scope(unit[1]):
            rec.fail("KODE_UNIT", gettext_noop("Unknown unit %(code)r (or outside your scope)."), code=code)
        elif unit[2] not in (OrgKind.OPD, OrgKind.UNIT):
            rec.fail("KODE_UNIT", gettext_noop("Employees belong to an OPD or a unit, not to %(code)s."), code=code)
        else:
            return unit
        return None

    def position_name(self, rec: Record) -> str:
        name = " ".join(c.text(rec.raw("JABATAN")).split())
        if not name:
            rec.fail("JABATAN", gettext_noop("%(column)s is required."), column="JABATAN")
        return name


# -- riwayat_jabatan ---------------------------------------------------------------------------------------
@dataclass
class MoveRow:
    key: tuple[int, date]
    values: tuple  # organisation, org_path, position, position_name, job_kind, decree_no, approval_no


class RiwayatJabatanKind(_PositionsOfFile):
    """Past moves of employees (a SIASN riwayat jabatan or the BKPSDM's own records). A move of an employee
    on a date the history has already is that entry: its unit, position, decree or approval is updated
    (this is how a replacement made during the freeze gets its approval number)."""

    tables = (PositionChange,)
    name = "riwayat_jabatan"
    label = gettext_noop("Position history")
    key_columns = ("NIP", "TMT_JABATAN")
    columns = (
        NIP,
        UNIT_CODE,
        POSITION,
        Column("JENIS_JABATAN", True, ("JENIS JABATAN NAMA", "JENIS JABATAN"), "", "Administrator"),
        Column("TMT_JABATAN", True, ("TMT JABATAN", "TANGGAL TMT"), gettext_lazy("date"), "2025-03-03"),
        Column("NOMOR_SK", False, ("NOMOR SK", "NO SK", "NOMOR SK JABATAN"), "", "821.2/112/BKPSDM/2025"),
        Column("NOMOR_PERSETUJUAN", False, ("NOMOR PERSETUJUAN MENDAGRI", "NO PERSETUJUAN", "PERSETUJUAN MENDAGRI"),
               gettext_lazy("the Minister of Home Affairs' written approval"), "100.2.2.6/1234/OTDA"),
    )  # fmt: skip

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.load_units(records)
        self.existing: dict[tuple[int, date], tuple] = {}
        for part in chunks({e[0] for e in self.employees.values()}):
            for pk, emp, tmt, *values in PositionChange.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "tmt", "organisation_id", "org_path", "position_id", "position_name",
                "job_kind", "decree_no", "approval_no",
            ):  # fmt: skip
                self.existing[(emp, tmt)] = (pk, *values)

    def clean(self, rec: Record) -> MoveRow | None:
        emp = self.employee_id(rec)
        unit = self.unit(rec)
        name = self.position_name(rec)
        job_kind = None
        try:
            job_kind = clean_job_kind(rec.raw("JENIS_JABATAN"), self.ctx.ruleset)
        except ApplicationError as exc:
            rec.add("JENIS_JABATAN", exc.message)
        tmt = rec.take("TMT_JABATAN", c.parse_date, required=True)
        if tmt and tmt > self.ctx.today:
            rec.fail("TMT_JABATAN", gettext_noop("The date %(value)s is in the future."), value=tmt.isoformat())
        if emp is None or unit is None or job_kind is None or tmt is None or not rec.ok:
            return None
        known = self.positions.get((unit[0], name))
        if known is not None and known[1] != job_kind:
            rec.fail(
                "JENIS_JABATAN",
                gettext_noop("The position %(name)s of this unit is %(kind)s, not %(given)s."),
                name=name,
                kind=self.ctx.ruleset.job_kind(known[1]).label,
                given=self.ctx.ruleset.job_kind(job_kind).label,
            )
            return None
        return MoveRow(
            (emp, tmt),
            (unit[0], unit[1], known[0] if known else None, name, job_kind,
             c.text(rec.raw("NOMOR_SK")), c.text(rec.raw("NOMOR_PERSETUJUAN"))),
        )  # fmt: skip

    def check_batch(self, pairs: list[tuple[Record, Any]]) -> None:
        seen: dict[tuple[int, date], int] = {}
        for rec, row in pairs:
            if row is None:
                continue
            if row.key in seen:
                rec.fail("TMT_JABATAN", gettext_noop("This employee already has a move on this date in row %(row)s."),
                         row=seen[row.key])  # fmt: skip
            else:
                seen[row.key] = rec.row

    def write(self, rows: list[MoveRow]) -> Counts:
        # An absent optional column keeps what the entry holds.
        keep = [i for i, col in ((5, "NOMOR_SK"), (6, "NOMOR_PERSETUJUAN")) if col not in self.present]
        for r in rows:
            old = self.existing.get(r.key)
            if old is not None and keep:
                r.values = tuple(old[1 + i] if i in keep else v for i, v in enumerate(r.values))
        return upsert(
            PositionChange,
            rows,
            self.existing,
            key_fields=("employee", "tmt"),
            value_fields=(
                "organisation",
                "org_path",
                "position",
                "position_name",
                "job_kind",
                "decree_no",
                "approval_no",
            ),  # fmt: skip
            values=lambda r: r.values,
            insert_extra={"source": ChangeSource.HISTORY},
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The position history of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        qs = PositionChange.objects.filter(org_path__startswith=org.path).order_by("employee__nip", "tmt")
        if year:
            qs = qs.filter(tmt__year=year)
        labels = {code: k.label for code, k in active_ruleset().job_kinds.items()}
        return cls.template_header(), (
            [nip, unit, name, labels.get(kind, kind), iso(tmt), sk, approval]
            for nip, unit, name, kind, tmt, sk, approval in qs.values_list(
                "employee__nip", "organisation__code", "position_name", "job_kind", "tmt", "decree_no", "approval_no"
            )
        )


# -- plt ---------------------------------------------------------------------------------------------------
parse_acting = c.choice(
    {
        "PLT": ActingKind.PLT,
        "PELAKSANA TUGAS": ActingKind.PLT,
        "PLH": ActingKind.PLH,
        "PELAKSANA HARIAN": ActingKind.PLH,
    },  # fmt: skip
    gettext_noop("%(value)r is not Plt or Plh."),
)


@dataclass
class ActingRow:
    key: tuple[int, int, date]  # employee, position, start
    kind: str
    end: date | None


class PltKind(_PositionsOfFile):
    """Acting officials (Plt/Plh) in existing positions of the scope."""

    tables = (ActingAssignment,)
    name = "plt"
    label = gettext_noop("Acting officials (Plt/Plh)")
    key_columns = ("NIP", "KODE_UNIT", "JABATAN", "TMT_MULAI")
    columns = (
        NIP,
        UNIT_CODE,
        POSITION,
        Column("JENIS", True, ("JENIS PENUGASAN", "PLT/PLH"), gettext_lazy("Plt / Plh"), "Plt"),
        Column("TMT_MULAI", True, ("TANGGAL MULAI", "TMT PLT"), gettext_lazy("date"), "2026-09-01"),
        Column("TMT_SELESAI", False, ("TANGGAL SELESAI", "AKHIR PLT"), gettext_lazy("date; blank = ongoing"), ""),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.load_units(records)
        self.existing: dict[tuple[int, int, date], tuple] = {}
        self.own: dict[int, int] = {}
        for part in chunks({e[0] for e in self.employees.values()}):
            for pk, emp, pos, start, kind, end in ActingAssignment.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "position_id", "start", "kind", "end"
            ):
                self.existing[(emp, pos, start)] = (pk, kind, end)
            self.own.update(Employee.objects.filter(id__in=part).values_list("id", "position_id"))

    def clean(self, rec: Record) -> ActingRow | None:
        emp = self.employee_id(rec)
        unit = self.unit(rec)
        name = self.position_name(rec)
        kind = rec.take("JENIS", parse_acting, required=True)
        start = rec.take("TMT_MULAI", c.parse_date, required=True)
        end = rec.take("TMT_SELESAI", c.parse_date)
        if start and end and end < start:
            rec.fail("TMT_SELESAI", gettext_noop("The end date is before the start date."))
        if start and start > self.ctx.today:
            rec.fail("TMT_MULAI", gettext_noop("The date %(value)s is in the future."), value=start.isoformat())
        position = self.positions.get((unit[0], name)) if unit and name else None
        if unit and name and position is None:
            rec.fail("JABATAN", gettext_noop("No position %(name)r in unit %(code)s: import the positions first."),
                     name=name, code=c.text(rec.raw("KODE_UNIT")))  # fmt: skip
        if emp is not None and position is not None and self.own.get(emp) == position[0]:
            rec.fail("JABATAN", gettext_noop("An employee does not act in their own position."))
        if emp is None or position is None or kind is None or start is None or not rec.ok:
            return None
        return ActingRow((emp, position[0], start), kind, end)

    def write(self, rows: list[ActingRow]) -> Counts:
        return upsert(
            ActingAssignment,
            rows,
            self.existing,
            key_fields=("employee", "position", "start"),
            value_fields=("kind", "end"),
            values=lambda r: (r.kind, r.end),
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The acting officials of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        qs = ActingAssignment.objects.filter(Q(position__organisation__path__startswith=org.path)).order_by(
            "employee__nip", "start"
        )
        if year:
            qs = qs.filter(start__year=year)
        labels = dict(ActingKind.choices)
        return cls.template_header(), (
            [nip, unit, name, labels[kind], iso(start), iso(end)]
            for nip, unit, name, kind, start, end in qs.values_list(
                "employee__nip", "position__organisation__code", "position__name", "kind", "start", "end"
            )
        )
