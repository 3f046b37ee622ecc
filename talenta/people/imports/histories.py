"""Import kinds of an employee's history kept by ``people``: ``kinerja`` (SKP), ``disiplin``, ``penghargaan``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.imports import cells as c
from talenta.imports.base import Column, Counts, Export, Record, iso, plain_number, upsert
from talenta.imports.history import NIP, EmployeeHistoryKind
from talenta.imports.lookups import chunks
from talenta.org.models import Organisation

from ..models import DisciplinePenalty, PerformanceRating, Rating, Recognition, RecognitionKind

RATING_TEXT = {
    Rating.ABOVE: "di atas ekspektasi",
    Rating.MEETS: "sesuai ekspektasi",
    Rating.BELOW: "di bawah ekspektasi",
}


# -- kinerja -------------------------------------------------------------------------------------------
_RATING_WORDS = {
    "di_atas": {"DI ATAS", "DIATAS", "ATAS", "DI ATAS EKSPEKTASI", "DAE", "DA", "ABOVE"},
    "sesuai": {"SESUAI", "SESUAI EKSPEKTASI", "SE", "S", "MEETS"},
    "di_bawah": {"DI BAWAH", "DIBAWAH", "BAWAH", "DI BAWAH EKSPEKTASI", "DBE", "DB", "BELOW"},
}
_RATING_LOOKUP = {w: k for k, words in _RATING_WORDS.items() for w in words}


parse_rating = c.choice(
    _RATING_LOOKUP, gettext_noop("%(value)r is not a rating (di atas / sesuai / di bawah ekspektasi).")
)


@dataclass
class SkpRow:
    key: tuple[int, int]
    hasil: str
    perilaku: str
    predikat: str
    score: Decimal | None


class KinerjaKind(EmployeeHistoryKind):
    tables = (PerformanceRating,)
    name = "kinerja"
    label = gettext_noop("SKP ratings")
    key_columns = ("NIP", "TAHUN")
    columns = (
        NIP,
        Column("TAHUN", True, ("TAHUN PENILAIAN", "PERIODE"), gettext_lazy("year"), "2025"),
        Column(
            "HASIL_KERJA",
            True,
            ("RATING HASIL KERJA",),
            gettext_lazy("di atas / sesuai / di bawah ekspektasi"),
            "sesuai",
        ),
        Column(
            "PERILAKU_KERJA",
            True,
            ("RATING PERILAKU KERJA", "PERILAKU"),
            gettext_lazy("di atas / sesuai / di bawah ekspektasi"),
            "di atas",
        ),
        Column("PREDIKAT", False, ("PREDIKAT KINERJA",), gettext_lazy("optional; checked against the matrix"), "Baik"),
        Column("NILAI_SKP", False, ("NILAI SKP", "NILAI"), gettext_lazy("0-100"), "86.5"),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.existing: dict[tuple[int, int], tuple] = {}
        for part in chunks({e[0] for e in self.employees.values()}):
            for pk, emp, year, h, p, pred, score in PerformanceRating.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "year", "hasil_kerja", "perilaku", "predikat", "score"
            ):
                self.existing[(emp, year)] = (pk, h, p, pred, score)

    def clean(self, rec: Record) -> SkpRow | None:
        emp = self.employee_id(rec)
        year = rec.take("TAHUN", c.parse_int, required=True, lo=2000, hi=self.ctx.today.year)
        hasil = rec.take("HASIL_KERJA", parse_rating, required=True)
        perilaku = rec.take("PERILAKU_KERJA", parse_rating, required=True)
        score = rec.take("NILAI_SKP", c.parse_decimal, lo=0, hi=100)
        if hasil is None or perilaku is None:
            return None
        predikat = self.ctx.ruleset.predikat_for(hasil, perilaku)
        given = c.text(rec.raw("PREDIKAT"))
        if given and _norm_predikat(given) != _norm_predikat(predikat):
            rec.fail(
                "PREDIKAT",
                gettext_noop("Predikat %(given)r does not follow from the two ratings (%(predikat)s)."),
                given=given,
                predikat=predikat,
            )
        if emp is None or year is None or not rec.ok:
            return None
        return SkpRow((emp, year), hasil, perilaku, predikat, score)

    def write(self, rows: list[SkpRow]) -> Counts:
        version = self.ctx.ruleset.version
        return upsert(
            PerformanceRating,
            rows,
            {k: v[:5] for k, v in self.existing.items()},
            key_fields=("employee", "year"),
            value_fields=("hasil_kerja", "perilaku", "predikat", "score"),
            values=lambda r: (r.hasil, r.perilaku, r.predikat, r.score),
            insert_extra={"ruleset": version},
            update_extra={"ruleset": version},
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``kinerja`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        emp_in = Q(employee__org_path__startswith=org.path)
        qs = PerformanceRating.objects.filter(emp_in).order_by("employee__nip", "year")
        if year:
            qs = qs.filter(year=year)
        return cls.template_header(), (
            [nip, y, RATING_TEXT[h], RATING_TEXT[p], pred, plain_number(score) if score is not None else ""]
            for nip, y, h, p, pred, score in qs.values_list(
                "employee__nip", "year", "hasil_kerja", "perilaku", "predikat", "score"
            )
        )


def _norm_predikat(value: str) -> str:
    return value.upper().replace(" ", "").split("/")[0]


# -- disiplin ------------------------------------------------------------------------------------------
_LEVELS = {
    "RINGAN": "ringan",
    "SEDANG": "sedang",
    "BERAT": "berat",
    "LIGHT": "ringan",
    "MEDIUM": "sedang",
    "HEAVY": "berat",
    "HUKUMAN DISIPLIN RINGAN": "ringan",
    "HUKUMAN DISIPLIN SEDANG": "sedang",
    "HUKUMAN DISIPLIN BERAT": "berat",
}


parse_level = c.choice(_LEVELS, gettext_noop("%(value)r is not ringan, sedang or berat."))


@dataclass
class DisciplineRow:
    key: tuple[int, Any]
    level: str
    end: Any


class DisiplinKind(EmployeeHistoryKind):
    tables = (DisciplinePenalty,)
    name = "disiplin"
    export_roles = frozenset({"national_admin", "province_admin", "regency_admin"})  # the BKPSDM, not the OPD
    label = gettext_noop("Disciplinary penalties")
    key_columns = ("NIP", "TMT_MULAI")
    columns = (
        NIP,
        Column(
            "TINGKAT", True, ("TINGKAT HUKUMAN", "JENIS HUKUMAN"), gettext_lazy("ringan / sedang / berat"), "ringan"
        ),
        Column("TMT_MULAI", True, ("TMT HUKUMAN", "TANGGAL MULAI"), gettext_lazy("date"), "2024-02-01"),
        Column("TMT_SELESAI", False, ("AKHIR HUKUMAN", "TANGGAL SELESAI"), gettext_lazy("date"), "2024-07-31"),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.existing: dict[tuple[int, Any], tuple] = {}
        for part in chunks({e[0] for e in self.employees.values()}):
            for pk, emp, start, level, end in DisciplinePenalty.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "start", "level", "end"
            ):
                self.existing[(emp, start)] = (pk, level, end)

    def clean(self, rec: Record) -> DisciplineRow | None:
        emp = self.employee_id(rec)
        level = rec.take("TINGKAT", parse_level, required=True)
        start = rec.take("TMT_MULAI", c.parse_date, required=True)
        end = rec.take("TMT_SELESAI", c.parse_date)
        if start and start > self.ctx.today:
            rec.fail("TMT_MULAI", gettext_noop("The date %(value)s is in the future."), value=start.isoformat())
        if start and end and end < start:
            rec.fail("TMT_SELESAI", gettext_noop("The end date is before the start date."))
        if emp is None or not rec.ok:
            return None
        return DisciplineRow((emp, start), level, end)

    def write(self, rows: list[DisciplineRow]) -> Counts:
        return upsert(
            DisciplinePenalty,
            rows,
            self.existing,
            key_fields=("employee", "start"),
            value_fields=("level", "end"),
            values=lambda r: (r.level, r.end),
        )

    # -- penghargaan ---------------------------------------------------------------------------------------

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``disiplin`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        emp_in = Q(employee__org_path__startswith=org.path)
        qs = DisciplinePenalty.objects.filter(emp_in).order_by("employee__nip", "start")
        if year:
            qs = qs.filter(start__year=year)
        return cls.template_header(), (
            [nip, level, iso(s), iso(e)]
            for nip, level, s, e in qs.values_list("employee__nip", "level", "start", "end")
        )


_RECOGNITION = {
    "PENGHARGAAN": RecognitionKind.AWARD,
    "AWARD": RecognitionKind.AWARD,
    "TANDA JASA": RecognitionKind.AWARD,
    "SATYALANCANA": RecognitionKind.AWARD,
    "TIM KERJA": RecognitionKind.TEAM,
    "TIMKERJA": RecognitionKind.TEAM,
    "SK TIM KERJA": RecognitionKind.TEAM,
    "TIM": RecognitionKind.TEAM,
    "PENUGASAN TIM": RecognitionKind.TEAM,
}
parse_recognition = c.choice(_RECOGNITION, gettext_noop("%(value)r is not penghargaan or tim kerja."))


@dataclass
class RecognitionRow:
    key: tuple[int, str, str, Any]
    decree_no: str


class PenghargaanKind(EmployeeHistoryKind):
    """Awards and team assignments (supporting performance, BKN-2025: RULES.md §5)."""

    tables = (Recognition,)
    name = "penghargaan"
    label = gettext_noop("Awards and team assignments")
    key_columns = ("NIP", "JENIS", "NAMA", "TANGGAL")
    columns = (
        NIP,
        Column("JENIS", True, ("JENIS PENGHARGAAN",), gettext_lazy("penghargaan / tim kerja"), "penghargaan"),
        Column("NAMA", True, ("NAMA PENGHARGAAN", "NAMA TIM", "URAIAN"), "", "Satyalancana Karya Satya X Tahun"),
        Column("TANGGAL", True, ("TANGGAL SK", "TGL SK", "TMT"), gettext_lazy("date"), "2024-08-17"),
        Column("NOMOR_SK", False, ("NOMOR SK", "NO SK"), "", "800/45/BKPSDM/2024"),
    )

    def prepare(self, records: list[Record]) -> None:
        super().prepare(records)
        self.existing: dict[tuple[int, str, str, Any], tuple] = {}
        for part in chunks({e[0] for e in self.employees.values()}):
            for pk, emp, kind, name, when, no in Recognition.objects.filter(employee_id__in=part).values_list(
                "id", "employee_id", "kind", "name", "date", "decree_no"
            ):
                self.existing[(emp, kind, name, when)] = (pk, no)

    def clean(self, rec: Record) -> RecognitionRow | None:
        emp = self.employee_id(rec)
        kind = rec.take("JENIS", parse_recognition, required=True)
        name = c.text(rec.raw("NAMA"))
        if not name:
            rec.fail("NAMA", gettext_noop("%(column)s is required."), column="NAMA")
        when = rec.take("TANGGAL", c.parse_date, required=True)
        if when and when > self.ctx.today:
            rec.fail("TANGGAL", gettext_noop("The date %(value)s is in the future."), value=when.isoformat())
        if emp is None or kind is None or when is None or not rec.ok:
            return None
        return RecognitionRow((emp, kind, name, when), c.text(rec.raw("NOMOR_SK")))

    def write(self, rows: list[RecognitionRow]) -> Counts:
        return upsert(
            Recognition,
            rows,
            self.existing,
            key_fields=("employee", "kind", "name", "date"),
            value_fields=("decree_no",),
            values=lambda r: (r.decree_no,),
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``penghargaan`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        emp_in = Q(employee__org_path__startswith=org.path)
        qs = Recognition.objects.filter(emp_in).order_by("employee__nip", "date", "kind", "name")
        if year:
            qs = qs.filter(date__year=year)
        labels = {RecognitionKind.AWARD: "penghargaan", RecognitionKind.TEAM: "tim kerja"}
        return cls.template_header(), (
            [nip, labels[k], name, iso(d), no]
            for nip, k, name, d, no in qs.values_list("employee__nip", "kind", "name", "date", "decree_no")
        )
