"""Import kinds that ``learning`` owns: ``pelatihan`` (learning records), ``katalog`` (programmes), ``anggaran``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.competency.models import Competency
from talenta.core.bulk import bulk_insert, bulk_update
from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.engine.rules import RuleSet
from talenta.imports import cells as c
from talenta.imports.base import (
    CODE,
    Column,
    Counts,
    Export,
    ImportKind,
    Record,
    iso,
    plain_number,
    same_values,
    upsert,
)
from talenta.imports.cells import is_blank, text
from talenta.imports.history import NIP, EmployeeHistoryKind
from talenta.imports.lookups import chunks, orgs_by_code
from talenta.org.imports import UNIT_CODE
from talenta.org.models import Organisation
from talenta.people.validation import clean_job_kind

from .models import Budget, LearningRecord, Programme, ProgrammeCompetency


def learning_form_type_route(rec: Record, ruleset: RuleSet) -> tuple[str, str, str]:
    """BENTUK, JENIS and JALUR of a training row (pelatihan, katalog) as the rule set names them.

    Unknown values are recorded on the row; a blank JALUR follows from the form's route.
    """
    form = ruleset.learning_form(text(rec.raw("BENTUK"))) or ""
    if not is_blank(rec.raw("BENTUK")) and not form:
        rec.fail(
            "BENTUK",
            gettext_noop("Unknown form %(value)r; the rule set lists: %(options)s."),
            value=text(rec.raw("BENTUK")),
            options=", ".join(ruleset.learning_forms),
        )
    type_ = ruleset.learning_type(text(rec.raw("JENIS"))) or ""
    implied = siasn_diklat(text(rec.raw("JENIS")), ruleset) if not type_ and not is_blank(rec.raw("JENIS")) else None
    if implied is not None:  # SIASN's jenisDiklat: a form and a type, or the leadership level of the title
        form = form or implied["form"]
        type_ = implied["type"]
        if type_ == "@leadership":
            type_ = leadership_in(text(rec.raw("NAMA_KEGIATAN")), ruleset) or ""
            if not type_:
                rec.fail(
                    "JENIS",
                    gettext_noop("%(value)r: the course name does not say the level (%(options)s)."),
                    value=text(rec.raw("JENIS")),
                    options=", ".join(t for t, k in ruleset.learning_types.items() if k == "leadership"),
                )
    if not is_blank(rec.raw("JENIS")) and not type_ and implied is None:
        rec.fail(
            "JENIS",
            gettext_noop("Unknown type %(value)r; the rule set lists: %(options)s."),
            value=text(rec.raw("JENIS")),
            options=", ".join(ruleset.learning_types),
        )
    route = text(rec.raw("JALUR")).lower().replace("-", "").replace(" ", "")
    if route and route not in ("klasikal", "nonklasikal"):
        rec.fail("JALUR", gettext_noop("%(value)r is not klasikal or nonklasikal."), value=rec.raw("JALUR"))
    if not route and form:
        route = ruleset.learning_forms[form].route
    return form, type_, route


def _alnum(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def siasn_diklat(value: str, ruleset: RuleSet) -> dict[str, str] | None:
    """The form and type a SIASN jenisDiklat implies (rule set ``[learning] siasn_diklat``), if it is one."""
    wanted = _alnum(value)
    for name, spec in ruleset.raw["learning"].get("siasn_diklat", {}).items():
        if _alnum(name) == wanted:
            return {"form": str(spec["form"]), "type": str(spec["type"])}
    return None


def leadership_in(title: str, ruleset: RuleSet) -> str | None:
    """The leadership training a course name names ("Diklatpim Tingkat IV" -> PKP), by the rule set's types and
    their aliases (the longest match wins)."""
    names = {t: t for t, k in ruleset.learning_types.items() if k == "leadership"}
    names |= {a: t for a, t in ruleset.raw["learning"].get("type_aliases", {}).items() if t in names}
    padded = f" {' '.join(''.join(ch if ch.isalnum() else ' ' for ch in title.upper()).split())} "
    found = [
        (len(k), t)
        for k, t in names.items()
        if f" {' '.join(''.join(ch if ch.isalnum() else ' ' for ch in k.upper()).split())} " in padded
    ]
    return max(found)[1] if found else None


# -- pelatihan -----------------------------------------------------------------------------------------
@dataclass
class LearningRow:
    key: tuple[int, str, Any]
    values: tuple


# An imported training was attended: a planned record (an accepted development plan) with the same
# employee, title and start becomes attended, and its JP count from then on.
LEARNING_FIELDS = ("end", "jp", "form", "route", "type", "provider", "certificate_no", "status")


class PelatihanKind(EmployeeHistoryKind):
    tables = (LearningRecord,)
    name = "pelatihan"
    label = gettext_noop("Learning records")
    key_columns = ("NIP", "NAMA_KEGIATAN", "TANGGAL_MULAI")
    columns = (
        NIP,
        Column(
            "NAMA_KEGIATAN",
            True,
            ("NAMA DIKLAT", "NAMA PELATIHAN", "NAMA KURSUS", "KEGIATAN"),
            "",
            "Pelatihan Kepemimpinan Pengawas",
        ),
        Column(
            "TANGGAL_MULAI",
            True,
            ("TGL MULAI", "TANGGAL MULAI", "TANGGAL KURSUS", "TGL KURSUS"),
            gettext_lazy("date"),
            "2025-03-03",
        ),
        Column(
            "TANGGAL_SELESAI",
            False,
            ("TGL SELESAI", "TANGGAL SELESAI", "TANGGAL SELESAI KURSUS", "TGL SELESAI KURSUS"),
            gettext_lazy("date"),
            "2025-03-21",
        ),
        Column("JP", True, ("JUMLAH JP", "JAM PELAJARAN", "JUMLAH JAM"), gettext_lazy("1 JP = 45 minutes"), "40"),
        Column(
            "BENTUK",
            False,
            (),
            gettext_lazy("pelatihan klasikal, e-learning, coaching, mentoring, magang, ..."),
            "pelatihan klasikal",
        ),
        Column("JALUR", False, (), gettext_lazy("klasikal / nonklasikal"), "klasikal"),
        Column(
            "JENIS",
            False,
            ("JENIS DIKLAT", "JENIS KURSUS"),
            gettext_lazy("PKN I, PKN II, PKA, PKP, fungsional, teknis, ..."),
            "teknis",
        ),
        Column("PENYELENGGARA", False, ("INSTITUSI PENYELENGGARA",), "", "BPSDM Provinsi Kalimantan Timur"),
        Column(
            "NOMOR_SERTIFIKAT",
            False,
            ("NO SERTIFIKAT", "NOMOR STTPP", "NO STTPP", "NO SERTIPIKAT", "NOMOR SERTIPIKAT"),
            "",
            "800/123/BPSDM/2025",
        ),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.existing: dict[tuple[int, str, Any], tuple] = {}
        # Planned records (an accepted plan) by employee, title and year: the training attended that year
        # takes the planned record over, with its real dates (one planned record per attended one).
        self.planned: dict[tuple[int, str, int], list[int]] = {}
        for part in chunks({e[0] for e in self.employees.values()}):
            for row in LearningRecord.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "title", "start", *LEARNING_FIELDS
            ):
                self.existing[(row[1], row[2], row[3])] = (row[0], *row[4:])
                if row[-1] == "planned":
                    self.planned.setdefault((row[1], row[2], row[3].year), []).append(row[0])

    def clean(self, rec: Record) -> LearningRow | None:
        emp = self.employee_id(rec)
        title = c.text(rec.raw("NAMA_KEGIATAN"))
        if not title:
            rec.fail("NAMA_KEGIATAN", gettext_noop("%(column)s is required."), column="NAMA_KEGIATAN")
        start = rec.take("TANGGAL_MULAI", c.parse_date, required=True)
        end = rec.take("TANGGAL_SELESAI", c.parse_date)
        if start and start > self.ctx.today:
            rec.fail("TANGGAL_MULAI", gettext_noop("The date %(value)s is in the future."), value=start.isoformat())
        if start and end and end < start:
            rec.fail("TANGGAL_SELESAI", gettext_noop("The end date is before the start date."))
        form, type_, route = learning_form_type_route(rec, self.ctx.ruleset)
        jp = rec.take("JP", c.parse_decimal, lo=0, hi=2000)
        if jp is None and rec.ok:
            default = self.ctx.ruleset.learning_forms[form].default_jp if form else 0
            if default:
                jp = Decimal(str(default))  # RULES.md §7: the form's default only where none is stated
            else:
                rec.fail("JP", gettext_noop("%(column)s is required."), column="JP")
        if emp is None or not rec.ok:
            return None
        provider, certificate = c.text(rec.raw("PENYELENGGARA")), c.text(rec.raw("NOMOR_SERTIFIKAT"))
        values = (end, jp, form, route, type_, provider, certificate, "attended")
        return LearningRow((emp, title, start), values)

    def write(self, rows: list[LearningRow]) -> Counts:
        now = timezone.now()
        taken: list[tuple] = []  # a planned record of the year becomes this attended one
        rest = []
        for r in rows:
            emp, title, start = r.key
            queue = self.planned.get((emp, title, start.year)) if r.key not in self.existing else None
            if queue:
                taken.append((start, *r.values, now, queue.pop(0)))
            else:
                rest.append(r)
        counts = upsert(
            LearningRecord,
            rest,
            self.existing,
            key_fields=("employee", "title", "start"),
            value_fields=LEARNING_FIELDS,
            values=lambda r: r.values,
        )
        counts.updated += bulk_update(LearningRecord, ("start", *LEARNING_FIELDS, "updated_at"), taken)
        return counts

    # -- katalog -------------------------------------------------------------------------------------------

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``pelatihan`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        emp_in = Q(employee__org_path__startswith=org.path)
        qs = LearningRecord.objects.filter(emp_in, status="attended").order_by("employee__nip", "start")
        if year:
            qs = qs.filter(start__year=year)
        return cls.template_header(), (
            [nip, title, iso(s), iso(e), plain_number(jp), form, route, t, prov, cert]
            for nip, title, s, e, jp, form, route, t, prov, cert in qs.values_list(
                "employee__nip", "title", "start", "end", "jp", "form", "route", "type", "provider", "certificate_no"
            ).iterator(chunk_size=5000)
        )


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
        Column("BIAYA", True, ("BIAYA PER PESERTA",), gettext_lazy("rupiah per participant"), "18000000"),
        Column("KAPASITAS", True, ("KUOTA",), gettext_lazy("seats this year"), "40"),
        Column(
            "KOMPETENSI",
            True,
            ("KOMPETENSI DIKEMBANGKAN",),
            gettext_lazy("CODE+levels; ..."),
            "KOMUNIKASI+1;T.KEU.01+2",
        ),
        Column(
            "BENTUK", False, (), gettext_lazy("pelatihan klasikal, e-learning, coaching, ..."), "pelatihan klasikal"
        ),
        Column("JALUR", False, (), gettext_lazy("klasikal / nonklasikal"), "klasikal"),
        Column("JENIS", False, ("JENIS PELATIHAN",), gettext_lazy("PKP, teknis, fungsional, ..."), "PKP"),
        Column(
            "SASARAN", False, ("SASARAN JABATAN",), gettext_lazy("job kinds separated by ';' (blank = all)"), "Pengawas"
        ),
        Column("PRIORITAS", False, ("PRIORITAS RKPD", "PRIORITAS RPJMD"), gettext_lazy("RKPD/RPJMD codes"), "RPJMD-1"),
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
        if not CODE.match(code):
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

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``katalog`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        labels = {code: k.label for code, k in active_ruleset().job_kinds.items()}
        progs = list(
            Programme.objects.filter(owner__path__startswith=path)
            .order_by("code")
            .values_list(
                "id",
                "code",
                "name",
                "jp",
                "cost",
                "capacity",
                "form",
                "route",
                "type",
                "eligible_job_kinds",
                "priority_codes",
            )
        )
        raises: dict[int, list[str]] = {}
        for pid, code, lv in (
            ProgrammeCompetency.objects.filter(programme__owner__path__startswith=path)
            .order_by("competency__sort_order", "competency__code")
            .values_list("programme_id", "competency__code", "levels")
        ):
            raises.setdefault(pid, []).append(f"{code}+{lv}")
        return cls.template_header(), (
            [
                code,
                name,
                plain_number(jp),
                cost,
                cap,
                ";".join(raises.get(pid, [])),
                form,
                route,
                t,
                ";".join(labels.get(k, k) for k in elig),
                ";".join(prio),
            ]
            for pid, code, name, jp, cost, cap, form, route, t, elig, prio in progs
        )


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
        Column("PAGU", True, ("PAGU ANGGARAN", "NILAI PAGU"), gettext_lazy("rupiah"), "1250000000"),
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

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``anggaran`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        qs = Budget.objects.filter(organisation__path__startswith=path).order_by("organisation__path", "year")
        if year:
            qs = qs.filter(year=year)
        return cls.template_header(), (
            [code, y, amount] for code, y, amount in qs.values_list("organisation__code", "year", "amount")
        )
