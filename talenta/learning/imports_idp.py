"""Import kind ``idp``: individual development plans collected in spreadsheets (issue 22), in the shared
import machinery (row errors named, the scope checked, nothing written for a rejected row)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.competency.models import Competency
from talenta.imports import cells as c
from talenta.imports.base import Column, Counts, Export, Record, plain_number, upsert
from talenta.imports.history import NIP, EmployeeHistoryKind
from talenta.imports.lookups import chunks
from talenta.org.models import Organisation
from talenta.people.models import Employee

from .idp import ancestor_paths, max_open_per_year
from .models import OPEN_IDP, IdpItem, IdpStatus, Programme

parse_status = c.choice(
    {
        "DIAJUKAN": IdpStatus.PROPOSED,
        "USULAN": IdpStatus.PROPOSED,
        "DISETUJUI": IdpStatus.APPROVED,
        "SETUJU": IdpStatus.APPROVED,
        "DITOLAK": IdpStatus.REJECTED,
        "TOLAK": IdpStatus.REJECTED,
        "DIBATALKAN": IdpStatus.CANCELLED,
        "BATAL": IdpStatus.CANCELLED,
    },
    gettext_noop("%(value)r is not diajukan, disetujui, ditolak or dibatalkan."),
)


@dataclass
class IdpRow:
    key: tuple[int, int, int | None, str]  # employee, year, programme, activity
    values: tuple  # form, competency, jp, cost, provider, reason, status, decision_note


class IdpKind(EmployeeHistoryKind):
    """One row per item: a catalogue programme (KODE_PROGRAM) or another activity (KEGIATAN, BENTUK, JP)."""

    tables = (IdpItem,)
    name = "idp"
    label = gettext_noop("Individual development plans (IDP)")
    key_columns = ("NIP", "TAHUN", "KODE_PROGRAM", "KEGIATAN")
    one_of = (("KODE_PROGRAM", "KEGIATAN"),)
    columns = (
        NIP,
        Column("TAHUN", True, ("TAHUN IDP",), gettext_lazy("year"), "2026"),
        Column("KODE_PROGRAM", False, ("KODE PROGRAM",), gettext_lazy("code of the catalogue"), ""),
        Column(
            "KEGIATAN",
            False,
            ("NAMA KEGIATAN",),
            gettext_lazy("when not a catalogue programme"),
            "Coaching penyusunan kajian kebijakan SDM",
        ),
        Column("KOMPETENSI", True, ("KODE KOMPETENSI",), gettext_lazy("code of the dictionary"), "KOMUNIKASI"),
        Column("BENTUK", False, ("BENTUK KEGIATAN",), gettext_lazy("a form of the rule set"), "coaching"),
        Column("JP", False, (), gettext_lazy("for an activity: JP, > 0"), "8"),
        Column("BIAYA", False, ("PERKIRAAN BIAYA",), gettext_lazy("rupiah"), "0"),
        Column("STATUS", True, (), gettext_lazy("diajukan / disetujui / ditolak / dibatalkan"), "diajukan"),
        Column("ALASAN", False, ("KETERANGAN",), gettext_lazy("required for ditolak"), "Menyusun kajian kebijakan SDM"),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        codes = {c.text(r.raw("KODE_PROGRAM")) for r in records} - {""}
        self.programmes = {p.code: p for p in Programme.objects.filter(code__in=codes).select_related("owner")}
        self.competencies = dict(
            Competency.objects.filter(code__in={c.text(r.raw("KOMPETENSI")) for r in records}).values_list("code", "id")
        )
        ids = {e[0] for e in self.employees.values()}
        self.paths = {e[0]: e[1] for e in self.employees.values()}
        self.kinds: dict[int, str] = {}
        self.existing: dict[tuple, tuple] = {}
        self.open_stored: Counter[tuple[int, int]] = Counter()
        for part in chunks(ids):
            self.kinds.update(Employee.objects.filter(id__in=part).values_list("id", "position__job_kind"))
            for pk, emp, year, prog, act, *values in IdpItem.objects.filter(employee_id__in=part).values_list(
                "id",
                "employee_id",
                "year",
                "programme_id",
                "activity",
                "form",
                "competency_id",
                "jp",
                "cost",
                "provider",
                "reason",
                "status",
                "decision_note",
            ):
                self.existing[(emp, year, prog, act)] = (pk, *values)
                if values[6] in OPEN_IDP:
                    self.open_stored[(emp, year)] += 1

    def clean(self, rec: Record) -> IdpRow | None:
        emp = self.employee_id(rec)
        year = rec.take("TAHUN", c.parse_int, required=True, lo=2000, hi=self.ctx.today.year + 1)
        status = rec.take("STATUS", parse_status, required=True)
        comp = self.competencies.get(c.text(rec.raw("KOMPETENSI")))
        if comp is None:
            rec.fail(
                "KOMPETENSI",
                gettext_noop("Unknown competency %(value)r: import the dictionary first."),
                value=c.text(rec.raw("KOMPETENSI")),
            )
        reason = c.text(rec.raw("ALASAN"))
        if status == IdpStatus.REJECTED and not reason:
            rec.fail("ALASAN", gettext_noop("A rejected item needs its reason (ALASAN)."))
        code, activity = c.text(rec.raw("KODE_PROGRAM")), " ".join(c.text(rec.raw("KEGIATAN")).split())
        programme = None
        if code:
            programme = self.programmes.get(code)
            path = self.paths.get(emp, "")
            if programme is None:
                rec.fail("KODE_PROGRAM", gettext_noop("Unknown programme %(code)r."), code=code)
            elif emp is not None and (
                programme.owner.path not in ancestor_paths(path)
                or (programme.eligible_job_kinds and self.kinds.get(emp) not in programme.eligible_job_kinds)
            ):
                rec.fail("KODE_PROGRAM", gettext_noop("Programme %(code)s is not open to this employee."), code=code)
            form, jp, cost, provider = (
                (programme.form, programme.jp, programme.cost, programme.owner.name)
                if programme
                else ("", Decimal(0), 0, "")
            )
            activity = ""
        elif not activity:
            rec.fail("KEGIATAN", gettext_noop("Give KODE_PROGRAM or KEGIATAN."))
            form, jp, cost, provider = "", Decimal(0), 0, ""
        else:
            form = self.ctx.ruleset.learning_form(c.text(rec.raw("BENTUK"))) or ""
            if not form:
                rec.fail(
                    "BENTUK", gettext_noop("%(value)r is not a form of the rule set."), value=c.text(rec.raw("BENTUK"))
                )
            jp = rec.take("JP", c.parse_decimal, required=True, lo=0.01, hi=1000) or Decimal(0)
            cost = rec.take("BIAYA", c.parse_rupiah) or 0
            provider = ""
        if emp is None or year is None or status is None or comp is None or not rec.ok:
            return None
        note = reason if status in (IdpStatus.REJECTED, IdpStatus.CANCELLED) else ""
        return IdpRow(
            (emp, year, programme.pk if programme else None, activity),
            (form, comp, jp, cost, provider, reason, status, note),
        )

    def check_batch(self, pairs: list[tuple[Record, Any]]) -> None:
        """The cap of open items per employee and year, counting what is stored and what the file adds."""
        cap = max_open_per_year()
        counts = Counter(self.open_stored)
        for rec, row in pairs:
            if row is None or row.values[6] not in OPEN_IDP:
                continue
            old = self.existing.get(row.key)
            if old is not None and old[7] in OPEN_IDP:
                continue  # already counted
            emp, year = row.key[:2]
            counts[(emp, year)] += 1
            if counts[(emp, year)] > cap:
                rec.fail(
                    "STATUS",
                    gettext_noop("More than %(n)s open items for this employee in %(year)s."),
                    n=cap,
                    year=year,
                )

    def write(self, rows: list[IdpRow]) -> Counts:
        now = timezone.now()
        actor = self.ctx.actor if getattr(self.ctx.actor, "pk", None) else None
        decided = [r for r in rows if r.values[6] != IdpStatus.PROPOSED]
        counts = upsert(
            IdpItem,
            rows,
            self.existing,
            key_fields=("employee", "year", "programme", "activity"),
            value_fields=("form", "competency", "jp", "cost", "provider", "reason", "status", "decision_note"),
            values=lambda r: r.values,
        )
        if decided:  # who decided, as far as Talenta knows: the importer, now
            q = Q()
            for r in decided:
                emp, year, prog, act = r.key
                q |= Q(employee_id=emp, year=year, programme_id=prog, activity=act)
            IdpItem.objects.filter(q, decided_at__isnull=True).update(decided_by=actor, decided_at=now)
        return counts

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The IDP items of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        qs = IdpItem.objects.filter(employee__org_path__startswith=org.path).order_by("employee__nip", "year", "pk")
        if year:
            qs = qs.filter(year=year)
        return cls.template_header(), (
            [
                nip,
                y,
                code or "",
                act,
                comp,
                form if not code else "",
                plain_number(jp) if not code else "",
                cost if not code else "",
                status,
                reason,
            ]
            for nip, y, code, act, comp, form, jp, cost, status, reason in qs.values_list(
                "employee__nip",
                "year",
                "programme__code",
                "activity",
                "competency__code",
                "form",
                "jp",
                "cost",
                "status",
                "reason",
            )
        )
