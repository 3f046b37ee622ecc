"""Import templates ``dprd`` (members) and ``dprd_orientasi`` (attendance), in the shared import machinery."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from talenta.imports import cells as c
from talenta.imports.base import Column, Counts, Export, ImportKind, Record, iso, plain_number, upsert
from talenta.imports.lookups import orgs_by_code
from talenta.org.models import GOVERNMENT_KINDS, Organisation

from .models import Attendance, DprdBody, DprdMember, Orientation

TERM = re.compile(r"^(\d{4})\s*[-/]\s*(\d{4})$")
REGION = Column(
    "KODE_WILAYAH", True, ("KODE DAERAH", "KODE WILAYAH"), gettext_lazy("province, regency or city code"), "64.71"
)
PERIOD = Column("PERIODE", True, ("MASA JABATAN",), gettext_lazy("e.g. 2024-2029"), "2024-2029")
NAME = Column("NAMA", True, ("NAMA ANGGOTA",), "", "H. Abdul Rahman, S.H.")
POSITIONS = {"KETUA": "ketua", "WAKIL KETUA": "wakil ketua", "WAKIL": "wakil ketua", "ANGGOTA": "anggota"}
STATUSES = {"AKTIF": "aktif", "PAW": "paw", "DIGANTI": "paw", "PERGANTIAN ANTARWAKTU": "paw"}


def parse_term(value: Any) -> str:
    m = TERM.match(c.text(value))
    if not m or int(m[2]) - int(m[1]) != 5:
        raise c.CellError(gettext_noop("%(value)r is not a five-year term such as 2024-2029."), value=value)
    return f"{m[1]}-{m[2]}"


class _DprdKind(ImportKind):
    """Shared: the region must be a province, regency or city of the importer's scope."""

    def load_regions(self, records: list[Record]) -> None:
        self.regions = orgs_by_code(c.text(r.raw("KODE_WILAYAH")) for r in records)
        self.bodies = {
            (r, t): (pk, seats)
            for pk, r, t, seats in DprdBody.objects.filter(
                region_id__in=[v[0] for v in self.regions.values()]
            ).values_list("id", "region_id", "term", "seats")
        }

    def region_term(self, rec: Record) -> tuple[int, str] | None:
        code = c.text(rec.raw("KODE_WILAYAH"))
        region = self.regions.get(code)
        term = rec.take("PERIODE", parse_term, required=True)
        if region is None or not self.ctx.in_scope(region[1]) or region[2] not in GOVERNMENT_KINDS:
            rec.fail(
                "KODE_WILAYAH", gettext_noop("%(code)r is not a province, regency or city of your scope."), code=code
            )
            return None
        if not c.text(rec.raw("NAMA")):
            rec.fail("NAMA", gettext_noop("%(column)s is required."), column="NAMA")
        return (region[0], term) if term else None

    def body_ids(self, keys: set[tuple[int, str]], seats: dict[tuple[int, str], int] | None = None) -> dict:
        now = timezone.now()
        missing = [k for k in keys if k not in self.bodies]
        for region, term in missing:
            body = DprdBody.objects.create(region_id=region, term=term, seats=(seats or {}).get((region, term)))
            self.bodies[(region, term)] = (body.pk, body.seats)
        for key, value in (seats or {}).items():
            if value and self.bodies[key][1] != value:
                DprdBody.objects.filter(pk=self.bodies[key][0]).update(seats=value, updated_at=now)
        return {k: v[0] for k, v in self.bodies.items()}


@dataclass
class MemberRow:
    key: tuple[int, str, str]  # region, term, name
    values: tuple
    seats: int | None


MEMBER_FIELDS = ("gender", "party", "faction", "commission", "position", "status", "status_date", "phone", "email")


class DprdMemberKind(_DprdKind):
    name = "dprd"
    export_roles = frozenset({"national_admin", "province_admin", "regency_admin"})  # phones and e-mails
    label = gettext_noop("DPRD members")
    key_columns = ("KODE_WILAYAH", "PERIODE", "NAMA")
    tables = (DprdMember,)
    columns = (
        REGION, PERIOD, NAME,
        Column("JENIS_KELAMIN", False, ("JK",), gettext_lazy("L / P"), "L"),
        Column("PARTAI", False, (), "", "Partai Contoh"),
        Column("FRAKSI", False, (), "", "Fraksi Contoh"),
        Column("KOMISI", False, (), "", "Komisi I"),
        Column("JABATAN", False, ("JABATAN DPRD",), gettext_lazy("ketua, wakil ketua, anggota"), "anggota"),
        Column("STATUS", False, (), gettext_lazy("aktif / PAW"), "aktif"),
        Column("TANGGAL_STATUS", False, ("TMT STATUS", "TANGGAL PAW"), gettext_lazy("date of the PAW"), ""),
        Column("TELEPON", False, ("HP", "NO HP"), "", ""),
        Column("EMAIL", False, (), "", ""),
        Column("KURSI", False, ("JUMLAH KURSI",), gettext_lazy("seats of this DPRD"), "45"),
    )  # fmt: skip

    def prepare(self, records: list[Record]) -> None:
        self.load_regions(records)
        self.existing = {
            (r, t, n): (pk, *rest)
            for pk, r, t, n, *rest in DprdMember.objects.filter(
                body__region_id__in=[v[0] for v in self.regions.values()]
            ).values_list("id", "body__region_id", "body__term", "name", *MEMBER_FIELDS)
        }

    def clean(self, rec: Record) -> MemberRow | None:
        rt = self.region_term(rec)
        gender = c.text(rec.raw("JENIS_KELAMIN")).upper()[:1]
        if gender and gender not in "LP":
            rec.fail("JENIS_KELAMIN", gettext_noop("Gender must be L or P."))
        position = POSITIONS.get(c.text(rec.raw("JABATAN")).upper() or "ANGGOTA")
        if position is None:
            rec.fail(
                "JABATAN", gettext_noop("%(value)r is not ketua, wakil ketua or anggota."), value=rec.raw("JABATAN")
            )
        status = STATUSES.get(c.text(rec.raw("STATUS")).upper() or "AKTIF")
        if status is None:
            rec.fail("STATUS", gettext_noop("%(value)r is not aktif or PAW."), value=rec.raw("STATUS"))
        status_date = rec.take("TANGGAL_STATUS", c.parse_date)
        seats = rec.take("KURSI", c.parse_int, lo=1, hi=200)
        if rt is None or not rec.ok:
            return None
        values = (
            gender,
            c.text(rec.raw("PARTAI")),
            c.text(rec.raw("FRAKSI")),
            c.text(rec.raw("KOMISI")),
            position,
            status,
            status_date,
            c.text(rec.raw("TELEPON")),
            c.text(rec.raw("EMAIL")),
        )
        return MemberRow((*rt, c.text(rec.raw("NAMA"))), values, seats)

    def check_batch(self, pairs: list[tuple[Record, MemberRow]]) -> None:
        """One DPRD has one number of seats: rows that give another one are rejected."""
        first: dict[tuple[int, str], tuple[int, int]] = {}
        for rec, row in pairs:
            if row.seats is None:
                continue
            seen = first.setdefault(row.key[:2], (row.seats, rec.row))
            if seen[0] != row.seats:
                rec.fail(
                    "KURSI", gettext_noop("Row %(row)s gives this DPRD %(seats)s seats."), row=seen[1], seats=seen[0]
                )

    def write(self, rows: list[MemberRow]) -> Counts:
        seats = {r.key[:2]: r.seats for r in rows if r.seats}
        bodies = self.body_ids({r.key[:2] for r in rows}, seats)
        existing = {
            (bodies[(reg, term)], name): v for (reg, term, name), v in self.existing.items() if (reg, term) in bodies
        }
        keyed = [_Keyed((bodies[r.key[:2]], r.key[2]), r.values) for r in rows]
        return upsert(
            DprdMember,
            keyed,
            existing,
            key_fields=("body", "name"),
            value_fields=MEMBER_FIELDS,
            values=lambda r: r.values,
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``dprd`` rows of ``org``'s subtree (scope checked by the caller); a re-import changes nothing."""
        path = org.path
        members = DprdMember.objects.filter(body__region__path__startswith=path).order_by(
            "body__region__code", "body__term", "name"
        )
        return cls.template_header(), (
            [
                region,
                term,
                name,
                g,
                party,
                faction,
                comm,
                pos,
                "PAW" if st == "paw" else "aktif",
                iso(sd),
                phone,
                email,
                seats or "",
            ]
            for region, term, name, g, party, faction, comm, pos, st, sd, phone, email, seats in members.values_list(
                "body__region__code",
                "body__term",
                "name",
                "gender",
                "party",
                "faction",
                "commission",
                "position",
                "status",
                "status_date",
                "phone",
                "email",
                "body__seats",
            )
        )


@dataclass
class _Keyed:
    key: tuple
    values: tuple


@dataclass
class AttendanceRow:
    key: tuple[str, int, str, str]  # programme, region, term, name
    programme: tuple
    attended: bool
    certificate: str


class DprdOrientationKind(_DprdKind):
    name = "dprd_orientasi"
    label = gettext_noop("DPRD orientation attendance")
    key_columns = ("KODE_PROGRAM", "KODE_WILAYAH", "PERIODE", "NAMA")
    tables = (Orientation, Attendance)
    columns = (
        Column("KODE_PROGRAM", True, ("KODE KEGIATAN",), "", "OR-DPRD-64-2025-1"),
        Column("JENIS", True, ("JENIS KEGIATAN",), gettext_lazy("orientasi / pendalaman tugas"), "orientasi"),
        Column("ANGKATAN", False, (), "", "1"),
        Column("TANGGAL_MULAI", True, ("TGL MULAI",), gettext_lazy("date"), "2025-02-10"),
        Column("TANGGAL_SELESAI", False, ("TGL SELESAI",), gettext_lazy("date"), "2025-02-14"),
        Column("TEMPAT", False, (), "", "Samarinda"),
        Column("JP_KLASIKAL", False, ("JP KLASIKAL",), "", "32"),
        Column("JP_ELEARNING", False, ("JP E-LEARNING", "JP DARING"), "", "8"),
        REGION, PERIOD, NAME,
        Column("HADIR", False, (), gettext_lazy("Y / N"), "Y"),
        Column("NOMOR_SERTIFIKAT", False, ("NO SERTIFIKAT",), "", "445/OR/2025/001"),
    )  # fmt: skip

    def prepare(self, records: list[Record]) -> None:
        self.load_regions(records)
        self.members = {
            (r, t, n): pk
            for pk, r, t, n in DprdMember.objects.filter(
                body__region_id__in=[v[0] for v in self.regions.values()]
            ).values_list("id", "body__region_id", "body__term", "name")
        }
        self.programmes = {code: pk for pk, code in Orientation.objects.values_list("id", "code")}
        self.seen: dict[str, tuple] = {}

    def clean(self, rec: Record) -> AttendanceRow | None:
        code = c.text(rec.raw("KODE_PROGRAM"))
        kind = c.text(rec.raw("JENIS")).lower()
        if kind not in ("orientasi", "pendalaman tugas"):
            rec.fail("JENIS", gettext_noop("%(value)r is not orientasi or pendalaman tugas."), value=rec.raw("JENIS"))
        start = rec.take("TANGGAL_MULAI", c.parse_date, required=True)
        end = rec.take("TANGGAL_SELESAI", c.parse_date)
        batch = rec.take("ANGKATAN", c.parse_int, lo=1, hi=999)
        jp1 = rec.take("JP_KLASIKAL", c.parse_decimal, lo=0, hi=1000) or Decimal(0)
        jp2 = rec.take("JP_ELEARNING", c.parse_decimal, lo=0, hi=1000) or Decimal(0)
        attended = rec.take("HADIR", c.parse_yes_no) if not c.is_blank(rec.raw("HADIR")) else True
        rt = self.region_term(rec)
        programme = (kind, batch, start, end, c.text(rec.raw("TEMPAT")), jp1, jp2)
        if code and code in self.seen and self.seen[code] != programme and rec.ok:
            rec.fail(
                "KODE_PROGRAM", gettext_noop("Programme %(code)s is described differently on another row."), code=code
            )
        if rt is None or not rec.ok:
            return None
        self.seen.setdefault(code, programme)
        name = c.text(rec.raw("NAMA"))
        if (*rt, name) not in self.members:
            rec.fail(
                "NAMA",
                gettext_noop("No DPRD member %(name)r in %(term)s: import the members first."),
                name=name,
                term=rt[1],
            )
            return None
        return AttendanceRow((code, *rt, name), programme, bool(attended), c.text(rec.raw("NOMOR_SERTIFIKAT")))

    def write(self, rows: list[AttendanceRow]) -> Counts:
        now = timezone.now()
        for code, (kind, batch, start, end, place, jp1, jp2) in {r.key[0]: r.programme for r in rows}.items():
            Orientation.objects.update_or_create(
                code=code,
                defaults={
                    "kind": kind,
                    "batch": batch,
                    "start": start,
                    "end": end,
                    "place": place,
                    "jp_classroom": jp1,
                    "jp_elearning": jp2,
                    "organiser_id": self.ctx.owner_id,
                    "updated_at": now,
                },
            )
        ids = dict(Orientation.objects.filter(code__in={r.key[0] for r in rows}).values_list("code", "id"))
        keyed = [_Keyed((ids[r.key[0]], self.members[r.key[1:]]), (r.attended, r.certificate)) for r in rows]
        existing = {
            (o, m): (pk, a, cert)
            for pk, o, m, a, cert in Attendance.objects.filter(orientation_id__in=list(ids.values())).values_list(
                "id", "orientation_id", "member_id", "attended", "certificate_no"
            )
        }
        return upsert(
            Attendance,
            keyed,
            existing,
            key_fields=("orientation", "member"),
            value_fields=("attended", "certificate_no"),
            values=lambda r: r.values,
        )

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The ``dprd_orientasi`` rows of ``org``'s subtree (scope checked by the caller)."""
        path = org.path
        att = Attendance.objects.filter(member__body__region__path__startswith=path).order_by(
            "orientation__code", "member__name"
        )
        if year:
            att = att.filter(orientation__start__year=year)
        return cls.template_header(), (
            [
                code,
                k,
                batch or "",
                iso(s),
                iso(e),
                place,
                plain_number(j1),
                plain_number(j2),
                region,
                term,
                name,
                "Y" if a else "N",
                cert,
            ]
            for code, k, batch, s, e, place, j1, j2, region, term, name, a, cert in att.values_list(
                "orientation__code",
                "orientation__kind",
                "orientation__batch",
                "orientation__start",
                "orientation__end",
                "orientation__place",
                "orientation__jp_classroom",
                "orientation__jp_elearning",
                "member__body__region__code",
                "member__body__term",
                "member__name",
                "attended",
                "certificate_no",
            )
        )
