"""Import kind ``abk``: the tasks of each position's workload analysis (RULES.md §10), with its export."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.imports import cells as c
from talenta.imports.base import Column, Counts, Export, ImportKind, Record, plain_number, upsert
from talenta.imports.lookups import chunks, orgs_by_code
from talenta.org.imports import UNIT_CODE
from talenta.org.models import Organisation, OrgKind
from talenta.org.selectors import opd_on_path
from talenta.people.models import Position

from .checks import clean_task
from .models import AbkTask
from .selectors import final_opds


@dataclass
class TaskRow:
    key: tuple[int, int, str]  # position id, year, task text
    output_unit: str
    volume: Decimal
    period: str
    norm_minutes: Decimal


class AbkKind(ImportKind):
    tables = (AbkTask,)
    name = "abk"
    label = gettext_noop("Workload analysis (ABK) tasks")
    key_columns = ("KODE_UNIT", "JABATAN", "URAIAN_TUGAS", "TAHUN")
    columns = (
        UNIT_CODE,
        Column("JABATAN", True, ("NAMA JABATAN", "JABATAN NAMA"), "", "Kepala Bidang Pengembangan Kompetensi"),
        Column("URAIAN_TUGAS", True, ("URAIAN TUGAS", "TUGAS"), "", "Menyusun rencana pengembangan kompetensi ASN"),
        Column("SATUAN_HASIL", True, ("SATUAN HASIL", "SATUAN"), "", "dokumen"),
        Column("VOLUME", True, ("VOLUME KERJA", "BEBAN KERJA"), gettext_noop("per period, > 0"), "12"),
        Column("PERIODE", True, ("PERIOD",), gettext_lazy("tahun / bulan / minggu / hari"), "tahun"),
        Column("NORMA_WAKTU", True, ("NORMA WAKTU", "WAKTU PENYELESAIAN"), gettext_noop("minutes per output"), "600"),
        Column("TAHUN", False, ("TAHUN ABK",), gettext_noop("ABK year; blank: this year"), "2026"),
    )

    def prepare(self, records: list[Record]) -> None:
        self.abk = self.ctx.ruleset.abk
        self.units = orgs_by_code(c.text(r.raw("KODE_UNIT")) for r in records)
        self.positions: dict[tuple[int, str], int] = {}
        for part in chunks({u[0] for u in self.units.values()}):
            for pk, org, name in Position.objects.filter(organisation_id__in=part).values_list(
                "id", "organisation_id", "name"
            ):
                self.positions[(org, name.casefold())] = pk
        self.existing: dict[tuple[int, int, str], tuple] = {}
        for part in chunks(set(self.positions.values())):
            for row in AbkTask.objects.filter(position_id__in=part).values_list(
                "position_id", "year", "task", "id", "output_unit", "volume", "period", "norm_minutes"
            ):
                self.existing[row[:3]] = row[3:]
        self.final = final_opds()
        self.opd_codes = set(Organisation.objects.filter(kind=OrgKind.OPD).values_list("code", flat=True))

    def clean(self, rec: Record) -> TaskRow | None:
        code = c.text(rec.raw("KODE_UNIT"))
        unit = self.units.get(code)
        if unit is None or not self.ctx.in_scope(unit[1]):
            rec.fail("KODE_UNIT", gettext_noop("Unknown unit %(code)r (or outside your scope)."), code=code)
        name = c.text(rec.raw("JABATAN"))
        position = self.positions.get((unit[0], name.casefold())) if unit and name else None
        if unit is not None and name and position is None:
            rec.fail(
                "JABATAN",
                gettext_noop("No position %(name)r in unit %(code)s: import it with the jabatan template first."),
                name=name,
                code=code,
            )
        values = clean_task(rec, self.abk)
        year = rec.take("TAHUN", c.parse_int, lo=2000, hi=2100) if rec.has("TAHUN") else None
        year = year or self.ctx.today.year
        if unit is not None and position is not None:
            opd = opd_on_path(unit[1], self.opd_codes)
            if (opd, year) in self.final:
                rec.fail(
                    "TAHUN",
                    gettext_noop("The ABK %(year)s of this OPD is final and locked; reopen it as a draft first."),
                    year=year,
                )
        if not rec.ok or position is None or values is None:
            return None
        return TaskRow((position, year, values.task), values.output_unit, values.volume, values.period,
                       values.norm_minutes)  # fmt: skip

    def write(self, rows: list[TaskRow]) -> Counts:
        return upsert(
            AbkTask,
            rows,
            self.existing,
            key_fields=("position", "year", "task"),
            value_fields=("output_unit", "volume", "period", "norm_minutes"),
            values=lambda r: (r.output_unit, r.volume, r.period, r.norm_minutes),
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The tasks of ``org``'s subtree for ``year`` (default this year); a re-import changes nothing."""
        year = year or timezone.localdate().year
        tasks = (
            AbkTask.objects.filter(position__organisation__path__startswith=org.path, year=year)
            .order_by("position__organisation__path", "position__name", "id")
            .values_list(
                "position__organisation__code", "position__name", "task", "output_unit", "volume", "period",
                "norm_minutes", "year",
            )
        )  # fmt: skip
        return cls.template_header(), (
            [code, name, task, unit, plain_number(volume), period, plain_number(norm), y]
            for code, name, task, unit, volume, period, norm, y in tasks.iterator()
        )
