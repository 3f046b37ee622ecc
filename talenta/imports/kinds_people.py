"""Import kinds about people: ``pegawai`` (employees) and their histories ``asesmen``, ``kinerja``,
``pelatihan``, ``disiplin``. Every row is matched by its natural key; histories append."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.bulk import Inserter, bulk_insert, bulk_update
from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.engine.nip import parse_nips
from talenta.learning.models import LearningRecord
from talenta.org.models import GOVERNMENT_KINDS, Organisation, OrgKind
from talenta.people import siasn
from talenta.people import validation as v
from talenta.people.models import (
    EMPLOYEE_INSERT_FIELDS,
    DisciplinePenalty,
    Employee,
    PerformanceRating,
    Position,
    Recognition,
    RecognitionKind,
    StructuralTitleRule,
)
from talenta.people.services import EmployeeInput, default_standard, employee_validate

from . import cells as c
from .base import Column, Counts, ImportKind, Record, columns, learning_form_type_route, same_values, upsert
from .lookups import chunks, employees_by_nip, orgs_by_code

NIP = Column("NIP", True, ("NIP BARU", "NIP_BARU", "NIP 18"), "18 digits, formatted as text", "199002152015031002")


class EmployeeHistoryKind(ImportKind):
    """Shared by the history kinds: the NIP must name an employee inside the importer's scope."""

    def prepare(self, records: list[Record]) -> None:
        nips = set()
        for r in records:  # as employee_id will read them (a leading apostrophe marks text in Excel)
            try:
                nips.add(c.parse_nip_cell(r.raw("NIP")))
            except c.CellError:
                pass  # reported by employee_id
        self.employees = employees_by_nip(nips)

    def employee_id(self, rec: Record) -> int | None:
        nip = rec.take("NIP", c.parse_nip_cell, required=True)
        if nip is None:
            return None
        found = self.employees.get(nip)
        if found is None or not self.ctx.in_scope(found[1]):
            rec.fail("NIP", gettext_noop("No employee with NIP %(nip)s in your scope."), nip=nip)
            return None
        return found[0]


# -- pegawai -------------------------------------------------------------------------------------------


class UnorIndex:
    """The OPDs and units of the importer's scope by name, as SIASN's UNOR NAMA names them: ``<unit> - <OPD>``
    (case, punctuation and the region's name at the end do not matter), an OPD alone without " - "."""

    def __init__(self, ctx: Any, wanted: set[str]) -> None:
        self.ctx = ctx
        orgs = list(
            Organisation.objects.filter(
                path__startswith=ctx.scope_path, kind__in=[OrgKind.OPD, OrgKind.UNIT]
            ).values_list("id", "code", "name", "path", "kind", "parent_id")
        )
        governments = Organisation.objects.filter(kind__in=list(GOVERNMENT_KINDS)).filter(
            Q(path__startswith=ctx.scope_path) | Q(code__in=[p for p in ctx.scope_path.split("/") if p])
        )
        names = set()
        for (name,) in governments.values_list("name"):
            full = siasn.key(name)
            names.update({full, full.split(" ", 1)[-1]})  # "KOTA BALIKPAPAN" and "BALIKPAPAN"
        self.regions = tuple(sorted(names, key=len, reverse=True))
        self.by_id = {o[0]: o for o in orgs}
        self.opds: dict[str, list[tuple]] = {}
        self.any_unit: dict[str, list[tuple]] = {}
        self.exact: dict[str, list[tuple]] = {}
        self.full_opds: dict[str, list[tuple]] = {}  # by the whole name, region included
        for o in orgs:
            k = siasn.unit_key(o[2], self.regions)
            self.exact.setdefault(" ".join(o[2].upper().split()), []).append(o)
            self.any_unit.setdefault(k, []).append(o)
            if o[4] == OrgKind.OPD:
                self.opds.setdefault(k, []).append(o)
                self.full_opds.setdefault(siasn.key(o[2]), []).append(o)

    def org_ids(self) -> set[int]:
        return set(self.by_id)

    def _split(self, name: str) -> tuple[str, str | None]:
        parts = siasn.split_unor(name)
        if len(parts) < 2:
            return name, None
        return parts[0], parts[-1]

    def _opds(self, name: str) -> list[tuple]:
        """The OPDs a name gives: by the whole name first (it may say the region), else without the region."""
        return self.full_opds.get(siasn.key(name)) or self.opds.get(siasn.unit_key(name, self.regions), [])

    def _units_under(self, opd: tuple, unit: str) -> list[tuple]:
        k = siasn.unit_key(unit, self.regions)
        return [o for o in self.any_unit.get(k, []) if o[3].startswith(opd[3]) and o[0] != opd[0]]

    def find(self, name: str) -> tuple[int, str] | tuple[str, str, dict[str, Any]]:
        """(id, path) of the organisation UNOR NAMA names, or (column, msgid, params)."""
        exact = self.exact.get(" ".join(name.upper().split()), [])
        if len(exact) == 1:
            return exact[0][0], exact[0][3]
        unit, opd_name = self._split(name)
        if opd_name is None:
            matches = self._opds(name) or self.any_unit.get(siasn.unit_key(name, self.regions), [])
        else:
            opds = self._opds(opd_name)
            if not opds:
                return (
                    "NAMA_UNIT",
                    gettext_noop("No OPD %(opd)r in your scope (from %(name)r)."),
                    {"opd": opd_name, "name": name},
                )
            if len(opds) > 1:
                return (
                    "NAMA_UNIT",
                    gettext_noop("%(name)r names %(n)s units; give KODE_UNIT instead."),
                    {"name": opd_name, "n": len(opds)},
                )
            matches = self._units_under(opds[0], unit)
            if not matches:
                return (
                    "NAMA_UNIT",
                    gettext_noop(
                        "The unit %(unit)r of %(opd)s is not in Talenta: import it with the unit template, or "
                        "import this file with --create-units (the check box on the upload page)."
                    ),
                    {"unit": unit, "opd": opds[0][2]},
                )
        if len(matches) > 1:
            return (
                "NAMA_UNIT",
                gettext_noop("%(name)r names %(n)s units; give KODE_UNIT instead."),
                {"name": name, "n": len(matches)},
            )
        if not matches:
            return ("NAMA_UNIT", gettext_noop("Unknown unit %(code)r (or outside your scope)."), {"code": name})
        return matches[0][0], matches[0][3]

    def create_missing(self, wanted: set[str]) -> list[dict[str, str]]:
        """Create the units UNOR NAMA names under an OPD of the scope that does not hold them yet (generated
        codes: the OPD's code and the next free two-digit number); returns what was created."""
        todo: dict[tuple[int, str], tuple] = {}
        for name in sorted(wanted):
            unit, opd_name = self._split(name)
            if opd_name is None or len(self.find(name)) == 2:
                continue
            opds = self._opds(opd_name)
            if len(opds) == 1:
                todo.setdefault((opds[0][0], siasn.unit_key(unit, self.regions)), (opds[0], unit))
        created = []
        taken: set[str] = set()
        for (opd_id, _k), (opd, unit) in todo.items():
            siblings = Organisation.objects.filter(parent_id=opd_id).values_list("code", flat=True)
            numbers = [int(code.rsplit(".", 1)[-1]) for code in siblings if code.rsplit(".", 1)[-1].isdigit()]
            number = max(numbers, default=0) + 1
            while (code := f"{opd[1]}.{number:02d}") in taken or Organisation.objects.filter(code=code).exists():
                number += 1
            taken.add(code)
            org = Organisation(code=code, name=" ".join(unit.split()), kind=OrgKind.UNIT, parent_id=opd_id)
            org.full_clean()
            org.save()
            row = (org.pk, org.code, org.name, org.path, org.kind, opd_id)
            self.by_id[org.pk] = row
            self.any_unit.setdefault(siasn.unit_key(org.name, self.regions), []).append(row)
            self.exact.setdefault(" ".join(org.name.upper().split()), []).append(row)
            created.append({"code": code, "name": org.name, "opd": opd[1]})
        return created


FIELD_COLUMNS = {
    "nip": "NIP",
    "name": "NAMA",
    "status": "STATUS",
    "golongan": "GOLONGAN",
    "education": "PENDIDIKAN",
    "job_kind": "JENIS_JABATAN",
    "birth_date": "TANGGAL_LAHIR",
    "gender": "JENIS_KELAMIN",
    "tmt_jabatan": "TMT_JABATAN",
}
EMPLOYEE_FIELDS = (
    "name",
    "title_front",
    "title_back",
    "status",
    "golongan",
    "education",
    "major",
    "organisation_id",
    "position_id",
    "tmt_jabatan",
    "retirement_date",
    "kedudukan",
    "nip_lama",
    "pns_id",
    "kartu_asn",
)
# Which columns carry which optional fields: an absent column keeps the stored value.
OPTIONAL_FIELD_COLUMN = {
    "title_front": "GELAR_DEPAN",
    "title_back": "GELAR_BELAKANG",
    "major": "JURUSAN",
    "tmt_jabatan": "TMT_JABATAN",
    "kedudukan": "KEDUDUKAN",
    "nip_lama": "NIP_LAMA",
    "pns_id": "PNS_ID",
    "kartu_asn": "KARTU_ASN",
}
# The employee columns the import inserts: the bulk fields and SIASN's kedudukan and identifiers.
INSERT_FIELDS = (
    *EMPLOYEE_INSERT_FIELDS[:-2],
    "kedudukan",
    "nip_lama",
    "pns_id",
    "kartu_asn",
    "created_at",
    "updated_at",
)


@dataclass
class EmployeeRow:
    key: str
    values: dict[str, Any]
    position_key: tuple[int, str]
    job_kind: str
    sent: bool = False  # already written by send() while the rest of the file was checked


class PegawaiKind(ImportKind):
    """Employees, from the template or from SIASN's "Export Data ASN" as it comes (``talenta.people.siasn``):
    a job kind named by its class only ("Jabatan Fungsional") is read from the title and ESELON NAMA, status
    ``P`` of a PPPK from the kedudukan or the NIP, the unit from UNOR NAMA (``<unit> - <OPD>``)."""

    tables = (Employee, Position, PositionStandard)
    name = "pegawai"
    label = gettext_noop("Employees")
    key_columns = ("NIP",)
    one_of = (("KODE_UNIT", "NAMA_UNIT"),)
    columns = (
        NIP,
        Column("NAMA", True, ("NAMA PEGAWAI", "NAMA LENGKAP"), "", "Siti Rahmawati"),
        Column("GELAR_DEPAN", False, ("GELAR DEPAN",), "", "Dr."),
        Column("GELAR_BELAKANG", False, ("GELAR BELAKANG",), "", "S.Sos., M.Si."),
        Column(
            "TANGGAL_LAHIR", False, ("TGL LAHIR", "TGL_LAHIR", "TANGGAL LAHIR"), "must agree with the NIP", "1990-02-15"
        ),
        Column("JENIS_KELAMIN", False, ("JENIS KELAMIN", "JK", "SEX"), "L / P (M / F)", "P"),
        Column(
            "STATUS",
            True,
            ("STATUS PEGAWAI", "STATUS CPNS PNS", "STATUS_CPNS_PNS"),
            "PNS, CPNS, PPPK (P / C)",
            "PNS",
        ),
        Column(
            "GOLONGAN",
            True,
            ("GOL AKHIR", "GOL AKHIR NAMA", "GOL", "GOL RUANG", "PANGKAT GOLONGAN"),
            "III/a ... IV/e, PPPK I-XVII (blank for PPPK paruh waktu)",
            "III/c",
        ),
        Column(
            "PENDIDIKAN",
            True,
            ("TINGKAT PENDIDIKAN NAMA", "TINGKAT PENDIDIKAN", "TK PENDIDIKAN", "PENDIDIKAN TERAKHIR"),
            "SD, SMP, SMA, D1-D4, S1-S3",
            "S1",
        ),
        Column("JURUSAN", False, ("PENDIDIKAN NAMA", "PROGRAM STUDI"), "", "Ilmu Pemerintahan"),
        Column(
            "KODE_UNIT", False, ("KODE UNOR", "UNOR KODE", "KODE UNIT KERJA"), "code of the OPD or unit", "64.71.02.01"
        ),
        Column(
            "NAMA_UNIT",
            False,
            ("UNOR NAMA", "UNIT KERJA", "NAMA UNOR"),
            "used only when KODE_UNIT is absent: the OPD, or <unit> - <OPD> as SIASN writes it",
            "",
        ),
        Column("JABATAN", True, ("JABATAN NAMA", "NAMA JABATAN"), "", "Analis SDM Aparatur Ahli Muda"),
        Column(
            "JENIS_JABATAN",
            True,
            ("JENIS JABATAN NAMA", "JENIS JABATAN"),
            "JPT Pratama, Administrator, Pengawas, Pelaksana, Ahli Muda, Terampil, ... (or SIASN's Jabatan "
            "Struktural / Fungsional / Pelaksana with the grade in JABATAN)",
            "Ahli Muda",
        ),
        Column("TMT_JABATAN", False, ("TMT JABATAN",), "date", "2023-01-02"),
        Column("ESELON", False, ("ESELON NAMA",), "II.a ... IV.b (structural posts)", ""),
        Column(
            "KEDUDUKAN",
            False,
            ("KEDUDUKAN HUKUM NAMA", "KEDUDUKAN HUKUM"),
            "Aktif, Tugas Belajar, CLTN, Pemberhentian Sementara, ... (blank = Aktif)",
            "",
        ),
        Column("NIP_LAMA", False, ("NIP LAMA",), "", ""),
        Column("PNS_ID", False, ("PNS ID",), "SIASN's PNS ID", ""),
        Column("KARTU_ASN", False, ("KARTU ASN VIRTUAL", "KARTU ASN"), "", ""),
    )

    @classmethod
    def unused_map(cls) -> set[str]:
        """SIASN's personal-data columns (rule set ``[siasn] unused_columns``): never stored, listed apart."""
        rules = active_ruleset()
        return {c.norm_header(h) for h in rules.raw["siasn"]["unused_columns"]}

    def __init__(self, ctx, present: frozenset[str] = frozenset(), *, create_units: bool = False) -> None:
        super().__init__(ctx, present)
        self.create_units = create_units
        self.created_units: list[dict[str, str]] = []

    def prepare(self, records: list[Record]) -> None:
        col = columns(records)
        extra = tuple(StructuralTitleRule.objects.order_by("pk").values_list("pattern", "job_kind"))
        self.siasn = siasn.rules_of(self.ctx.ruleset, extra)
        self.units = orgs_by_code(map(c.text, set(col("KODE_UNIT"))))
        names, codes = col("NAMA_UNIT"), col("KODE_UNIT")
        wanted = {c.text(n) for n, k in zip(names, codes, strict=True) if not c.is_blank(n) and c.is_blank(k)}
        self.unor = UnorIndex(self.ctx, wanted) if wanted else None
        if self.unor is not None and self.create_units:
            self.created_units = self.unor.create_missing(wanted)
        self.existing = employees_by_nip(map(c.nip_text, col("NIP")), *EMPLOYEE_FIELDS)  # as NIP cells are read
        org_ids = {u[0] for u in self.units.values()} | (self.unor.org_ids() if self.unor else set())
        self.positions: dict[tuple[int, str], tuple[int | None, str]] = {}
        self.position_names: dict[tuple[int, str], str] = {}  # (unit, upper-cased name) -> the stored name
        self.new_positions: set[tuple[int, str]] = set()  # first named by a clean row; created in write()
        self.position_ids: list[int] = []  # ids reserved for them (streaming), taken from the end
        self.stream_out: Inserter | None = None
        for part in chunks(org_ids):
            for pk, org_id, name, kind in Position.objects.filter(organisation_id__in=part).values_list(
                "id", "organisation_id", "name", "job_kind"
            ):
                self.positions[(org_id, name)] = (pk, kind)
                self.position_names.setdefault((org_id, name.upper()), name)
        self._places: dict[tuple[str, str], Any] = {}
        self._kinds: dict[tuple[str, str, str, int], Any] = {}

    # -- what a row names, each decided once per distinct value (both paths call these) ----------------
    def _place(self, code: str, name: str) -> tuple[int, str] | tuple[str, str, dict[str, Any]]:
        """The unit of KODE_UNIT (else NAMA_UNIT / UNOR NAMA): (id, path), or (column, msgid, params)."""
        memo = self._places.get((code, name))
        if memo is not None:
            return memo
        if code:
            found = self.units.get(code)
            column, shown = "KODE_UNIT", code
            if found is None or not self.ctx.in_scope(found[1]):
                out: Any = (column, gettext_noop("Unknown unit %(code)r (or outside your scope)."), {"code": shown})
            elif found[2] not in (OrgKind.OPD, OrgKind.UNIT):
                out = (column, gettext_noop("Employees belong to an OPD or a unit, not to %(code)s."), {"code": shown})
            else:
                out = (found[0], found[1])
        else:
            out = (
                self.unor.find(name)
                if self.unor is not None
                else ("NAMA_UNIT", gettext_noop("%(column)s is required."), {"column": "NAMA_UNIT"})
            )
        self._places[(code, name)] = out
        return out

    def _kind(self, kind_text: str, title: str, eselon: str, org_id: int) -> tuple[str, str] | ApplicationError:
        """The job kind code and the position's name: a kind as the template names it, or SIASN's class of the
        post read with the title (and ESELON NAMA); a title matching a stored position of the unit but for
        case is that position."""
        memo_key = (kind_text, title, eselon, org_id)
        memo = self._kinds.get(memo_key)
        if memo is not None:
            return memo
        out: tuple[str, str] | ApplicationError
        try:
            kind = v.clean_job_kind(kind_text, self.ctx.ruleset)
            name = self.position_names.get((org_id, title.upper()), title)
            out = (kind, name)
        except ApplicationError as exc:
            klass = siasn.job_class(kind_text, self.siasn)
            if klass is None:
                out = exc
            else:
                name = siasn.position_title(title)
                stored_name = self.position_names.get((org_id, name.upper()))
                name = stored_name or self.position_names.get((org_id, title.upper()), name)
                stored = self.positions.get((org_id, name))
                # A post the unit already holds keeps its kind where the row does not say otherwise: the class
                # matches and there is no eselon (structural) or no grade in the title (functional).
                keep = stored is not None and siasn.class_of(self.ctx.ruleset.job_kinds[stored[1]].family) == klass
                if keep and klass == siasn.STRUCTURAL and eselon:
                    keep = False
                if keep and klass == siasn.FUNCTIONAL and siasn.grade(name, self.siasn):
                    keep = False
                try:
                    kind = (
                        stored[1]
                        if keep and stored
                        else siasn.derive_job_kind(klass, name, eselon, self.siasn, self.ctx.ruleset)
                    )
                    out = (kind, name)
                except ApplicationError as exc2:
                    out = exc2
        self._kinds[memo_key] = out
        return out

    def _status(self, status_text: str, kedudukan_text: str, nip: str) -> str:
        pppk_nip = len(nip) == 18 and nip[12:13] == "2"
        return v.normalise_status(siasn.effective_status(status_text, kedudukan_text, pppk_nip, self.siasn))

    def _kedudukan(self, value: str) -> str | ApplicationError:
        try:
            return siasn.kedudukan(value, self.siasn)
        except ApplicationError as exc:
            return exc

    def _golongan(self, value: str, status: str, kedudukan: Any) -> str:
        """The golongan; blank is allowed where the kedudukan has none (PPPK paruh waktu)."""
        if not value and isinstance(kedudukan, str) and kedudukan in self.siasn.no_golongan:
            return ""
        return v.clean_golongan(value, status=status, ruleset=self.ctx.ruleset)

    def _identifiers(self, rec_or_cells: Any) -> dict[str, str]:
        raw = rec_or_cells
        return {
            "nip_lama": c.nip_text(c.text(raw("NIP_LAMA"))),
            "pns_id": c.text(raw("PNS_ID")).lstrip("'"),
            "kartu_asn": c.text(raw("KARTU_ASN")).lstrip("'"),
        }

    def clean(self, rec: Record) -> EmployeeRow | None:
        birth = rec.take("TANGGAL_LAHIR", c.parse_date)
        tmt_jabatan = rec.take("TMT_JABATAN", c.parse_date)
        nip = rec.take("NIP", c.parse_nip_cell, required=True)
        kedudukan = self._kedudukan(c.text(rec.raw("KEDUDUKAN")))
        if isinstance(kedudukan, ApplicationError):
            rec.add("KEDUDUKAN", kedudukan.message)
        golongan_optional = isinstance(kedudukan, str) and kedudukan in self.siasn.no_golongan
        for col in ("NAMA", "STATUS", "GOLONGAN", "PENDIDIKAN", "JABATAN", "JENIS_JABATAN"):
            if c.is_blank(rec.raw(col)) and not (col == "GOLONGAN" and golongan_optional):
                rec.fail(col, gettext_noop("%(column)s is required."), column=col)
        place = self._place(c.text(rec.raw("KODE_UNIT")), c.text(rec.raw("NAMA_UNIT")))
        if len(place) == 3:
            rec.fail(place[0], place[1], **place[2])
        if nip is None or not rec.ok:
            return None
        org_id, org_path = place
        kind = self._kind(
            c.text(rec.raw("JENIS_JABATAN")), c.text(rec.raw("JABATAN")), c.text(rec.raw("ESELON")), org_id
        )
        if isinstance(kind, ApplicationError):
            rec.add("JENIS_JABATAN", kind.message)
            return None
        job_kind, position_name = kind
        status = self._status(c.text(rec.raw("STATUS")), c.text(rec.raw("KEDUDUKAN")), c.nip_text(nip))
        values, errors = employee_validate(
            EmployeeInput(
                nip=nip,
                name=c.text(rec.raw("NAMA")),
                status=status,
                golongan=c.text(rec.raw("GOLONGAN")),
                education=c.text(rec.raw("PENDIDIKAN")),
                unit_code="",
                position_name=position_name,
                job_kind=job_kind,
                title_front=c.text(rec.raw("GELAR_DEPAN")),
                title_back=c.text(rec.raw("GELAR_BELAKANG")),
                birth_date=birth,
                gender=c.text(rec.raw("JENIS_KELAMIN")),
                major=c.text(rec.raw("JURUSAN")),
                tmt_jabatan=tmt_jabatan,
                golongan_optional=golongan_optional,
            ),
            ruleset=self.ctx.ruleset,
            today=self.ctx.today,
        )
        for err in errors:
            rec.add(FIELD_COLUMNS.get(err.field or "", "NIP"), err.message)
        if errors:
            return None
        existing = self.existing.get(values["nip"])
        if existing is not None and not self.ctx.in_scope(existing[1]):
            # The same answer as for an unknown NIP: an import does not tell whether a NIP exists elsewhere.
            rec.fail("NIP", gettext_noop("NIP %(nip)s belongs to an employee outside your scope."), nip=nip)
            return None
        job_kind = values.pop("job_kind")
        known = self.positions.get((org_id, position_name))
        if known is not None and known[1] != job_kind:
            rec.fail(
                "JENIS_JABATAN",
                gettext_noop("Position %(name)r in this unit is %(kind)s, not %(given)s."),
                name=position_name,
                kind=known[1],
                given=job_kind,
            )
            return None
        if known is None:
            self._new_position((org_id, position_name), job_kind)
        values.update(organisation_id=org_id, org_path=org_path, kedudukan=kedudukan, **self._identifiers(rec.raw))
        return EmployeeRow(values["nip"], values, (org_id, position_name), job_kind)

    def clean_many(self, records: list[Record]) -> list[EmployeeRow | None]:
        """:meth:`clean` for many rows, column by column: each closed-list value, date, unit and job kind is
        checked once per distinct value, the NIPs with NumPy. A row that passes every check at once is built
        here; any other row goes through :meth:`clean`, in file order, which finds its exact errors. The result
        equals cleaning row by row (tested); 100,000 rows take a fraction of the time (bench/README.md)."""
        ruleset, today, scope = self.ctx.ruleset, self.ctx.today, self.ctx.scope_path

        col = columns(records)

        def texts(name: str) -> list[str]:
            return c.map_distinct(c.text, col(name))

        nip_cells = col("NIP")
        nips = [c.nip_text(x) if type(x) is str else "" for x in nip_cells]  # numbers: row by row, refused
        batch = parse_nips(nips, today=today)
        # A required cell is blank exactly when its text is empty (None, or only spaces).
        required = {name: texts(name) for name in ("STATUS", "PENDIDIKAN", "JENIS_JABATAN")}
        kedudukan_text = texts("KEDUDUKAN")
        kedudukan = c.map_distinct(lambda x: siasn.kedudukan(x, self.siasn), kedudukan_text)
        pppk_nip = batch.pppk.tolist()
        status = c.map_distinct(
            lambda t: v.normalise_status(siasn.effective_status(t[0], t[1], t[2], self.siasn)),
            list(zip(required["STATUS"], kedudukan_text, pppk_nip, strict=True)),
        )
        education = c.map_distinct(lambda x: v.clean_education(x, ruleset), required["PENDIDIKAN"])
        gender = c.map_distinct(v.clean_gender, texts("JENIS_KELAMIN"))
        birth = c.map_distinct(c.parse_date, col("TANGGAL_LAHIR"))
        tmt_jabatan = c.map_distinct(
            lambda x: v.clean_past_date(c.parse_date(x), "tmt_jabatan", today=today), col("TMT_JABATAN")
        )
        golongan = c.map_distinct(
            lambda t: self._golongan(t[0], t[1], t[2]),
            list(zip(texts("GOLONGAN"), status, kedudukan, strict=True)),
        )
        names, titles = c.texts(col("NAMA")), c.texts(col("JABATAN"))
        filled = list(map(all, zip(names, titles, *required.values(), strict=True)))
        front, back, major = texts("GELAR_DEPAN"), texts("GELAR_BELAKANG"), texts("JURUSAN")
        places = c.map_distinct(
            lambda t: self._place(t[0], t[1]), list(zip(texts("KODE_UNIT"), texts("NAMA_UNIT"), strict=True))
        )
        units = [p if p is not c.INVALID and len(p) == 2 else None for p in places]
        kinds = c.map_distinct(
            lambda t: None if t[3] is None else self._kind(t[0], t[1], t[2], t[3][0]),
            list(zip(required["JENIS_JABATAN"], titles, texts("ESELON"), units, strict=True)),
        )
        job_kind = [k[0] if isinstance(k, tuple) else c.INVALID for k in kinds]
        births, tmts = batch.birth.tolist(), batch.tmt.tolist()
        retirement = c.map_distinct(
            lambda pair: None if pair[1] is c.INVALID else ruleset.retirement_date(*pair),
            list(zip(births, job_kind, strict=True)),
        )
        sexes = ["P" if f else "L" for f in batch.female.tolist()]
        ids = {name: texts(name) for name in ("NIP_LAMA", "PNS_ID", "KARTU_ASN")}
        out: list[EmployeeRow | None] = []
        for j, (rec, ok, pppk) in enumerate(zip(records, batch.ok.tolist(), pppk_nip, strict=True)):
            s, kind, where = status[j], job_kind[j], units[j]
            if (
                not ok
                or not filled[j]
                or not s
                or pppk != (s == "PPPK")
                or c.INVALID in (kind, golongan[j], education[j], gender[j], birth[j], tmt_jabatan[j], kedudukan[j])
                or where is None
                or (birth[j] is not None and birth[j] != births[j])
                or (gender[j] is not None and gender[j] != sexes[j])
            ):
                out.append(self.clean(rec))
                continue
            nip = nips[j]
            existing = self.existing.get(nip)
            position = kinds[j][1]
            known = self.positions.get((where[0], position))
            if (existing is not None and not existing[1].startswith(scope)) or (known is not None and known[1] != kind):
                out.append(self.clean(rec))
                continue
            if known is None:
                self._new_position((where[0], position), kind)
            values = {
                "status": s,
                "name": names[j],
                "golongan": golongan[j],
                "education": education[j],
                "tmt_jabatan": tmt_jabatan[j],
                "nip": nip,
                "title_front": front[j],
                "title_back": back[j],
                "birth_date": births[j],
                "gender": sexes[j],
                "major": major[j],
                "tmt_cpns": tmts[j],
                "retirement_date": retirement[j],
                "organisation_id": where[0],
                "org_path": where[1],
                "kedudukan": kedudukan[j],
                "nip_lama": c.nip_text(ids["NIP_LAMA"][j]),
                "pns_id": ids["PNS_ID"][j].lstrip("'"),
                "kartu_asn": ids["KARTU_ASN"][j].lstrip("'"),
            }
            out.append(EmployeeRow(nip, values, (where[0], position), kind))
        return out

    def _new_position(self, key: tuple[int, str], kind: str) -> None:
        """A position the file names that does not exist yet: it gets a reserved id when there is one."""
        self.positions[key] = (self.position_ids.pop() if self.position_ids else None, kind)
        self.new_positions.add(key)

    def stream(self, records: list[Record]) -> AbstractContextManager[None] | None:
        """PostgreSQL: new employees go into one open COPY part by part while the rest of the file is checked,
        so the server's work (storing and indexing, ~2 s per 100,000 rows) overlaps the cleaning instead of
        following it (bench/README.md). Rows whose NIP appears twice in the file wait for the duplicate
        check; new positions get ids reserved now and are inserted by write(), before the references are
        checked. Existing employees (updates) are left to write()."""
        if connection.vendor != "postgresql":
            return None
        return self._streaming(records)

    @contextmanager
    def _streaming(self, records: list[Record]) -> Iterator[None]:
        col = columns(records)
        # The duplicate check (services._mark_duplicates) groups rows by their NIP as cleaned and, for rows
        # that fail, by c.key_text: a row sharing either with another row is held back.
        held: set[int] = set()
        nips = col("NIP")
        for keys in (
            [x if x.__class__ is str and x.isdigit() else c.nip_text(x) for x in nips],
            [*map(c.key_text, nips)],
        ):
            twice = {k for k, n in Counter(keys).items() if n > 1}
            if twice:
                held.update(rec.row for rec, k in zip(records, keys, strict=True) if k in twice)
        self.held = held
        # At most one new position per distinct (unit, position name) of the file.
        named = set()
        for code, unit_name, name in set(zip(col("KODE_UNIT"), col("NAMA_UNIT"), col("JABATAN"), strict=True)):
            unit = self.units.get(c.text(code)) if c.text(code) else None
            named.add((unit[0], c.text(name)) if unit else (c.text(code), c.text(unit_name).upper(), c.text(name)))
        wanted = len(named - self.positions.keys())
        if wanted:
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [Position._meta.db_table, Position._meta.pk.column, wanted],
                )
                self.position_ids = [r[0] for r in cur.fetchall()][::-1]
        self.now = timezone.now()
        with Inserter(Employee, INSERT_FIELDS, trust_references=True) as out:
            self.stream_out = out
            yield

    def send(self, pairs: list[tuple[Record, EmployeeRow]]) -> None:
        """Write the clean new employees of one part of the file (see :meth:`stream`)."""
        out, rows = self.stream_out, []
        assert out is not None
        for rec, r in pairs:
            position_id = self.positions[r.position_key][0]
            if rec.row in self.held or r.key in self.existing or position_id is None:
                continue
            r.values["position_id"] = position_id
            r.sent = True
            rows.append(self._insert_row(r.values, self.now))
        rows.sort(key=itemgetter(0))  # NIP order within the part: the unique index grows at its end more often
        out.write(rows)

    @staticmethod
    def _insert_row(v: dict[str, Any], now: datetime) -> tuple:
        return (
            v["nip"],
            v["name"],
            v["title_front"],
            v["title_back"],
            v["birth_date"],
            v["gender"],
            v["status"],
            v["golongan"],
            v["education"],
            v["major"],
            v["organisation_id"],
            v["org_path"],
            v["position_id"],
            v["tmt_jabatan"],
            v["tmt_cpns"],
            v["retirement_date"],
            v["kedudukan"],
            v["nip_lama"],
            v["pns_id"],
            v["kartu_asn"],
            now,
            now,
        )

    def write(self, rows: list[EmployeeRow]) -> Counts:
        out = self.stream_out
        now = self.now if out is not None else timezone.now()
        ruleset = self.ctx.ruleset
        new_positions = sorted(
            {r.position_key: r.job_kind for r in rows if r.position_key in self.new_positions}.items()
        )
        if new_positions:
            fields = ("organisation", "name", "job_kind", "is_key", "created_at", "updated_at")
            reserved = [(key, kind) for key, kind in new_positions if self.positions[key][0] is not None]
            if reserved:  # ids reserved while streaming
                bulk_insert(
                    Position,
                    ("id", *fields),
                    [(self.positions[key][0], *key, kind, False, now, now) for key, kind in reserved],
                )
            created = {key: self.positions[key][0] for key, _ in reserved}
            others = [(key, kind) for key, kind in new_positions if self.positions[key][0] is None]
            if others:
                bulk_insert(Position, fields, [(o, name, kind, False, now, now) for (o, name), kind in others])
            for part in chunks([k for k, _ in others]):
                orgs = {o for o, _ in part}
                names = {n for _, n in part}
                for pk, org_id, name in Position.objects.filter(organisation_id__in=orgs, name__in=names).values_list(
                    "id", "organisation_id", "name"
                ):
                    created[(org_id, name)] = pk
            comp = dict(Competency.objects.filter(owner__isnull=True).values_list("code", "id"))
            bulk_insert(
                PositionStandard,
                ("position", "competency", "level"),
                (
                    (created[key], comp[code], level)
                    for key, kind in new_positions
                    for code, level in default_standard(kind, ruleset).items()
                ),
            )
            for key, kind in new_positions:
                self.positions[key] = (created[key], kind)
        counts = Counts()
        inserts, updates = [], []
        sent = 0
        for r in rows:
            if r.sent:
                sent += 1
                continue
            v = r.values
            v["position_id"] = self.positions[r.position_key][0]
            old = self.existing.get(r.key)
            if old is None:
                inserts.append(self._insert_row(v, now))
                continue
            stored = dict(zip(EMPLOYEE_FIELDS, old[2:], strict=True))
            for fld, col in OPTIONAL_FIELD_COLUMN.items():
                if col not in self.present:
                    v[fld] = stored[fld]
            if all(v[f] == stored[f] for f in EMPLOYEE_FIELDS):
                counts.unchanged += 1
            else:
                updates.append((*[v[f] for f in EMPLOYEE_FIELDS], v["org_path"], now, old[0]))
        if out is not None and sent != out.count:  # a row written early was rejected later: write nothing
            raise RuntimeError(f"{out.count} employees were written while checking, {sent} of them still valid")
        inserts.sort(key=itemgetter(0))  # NIP order: the unique index grows at its end, not at random places
        counts.created = sent + bulk_insert(Employee, INSERT_FIELDS, inserts, indexes_after=True)
        counts.updated = bulk_update(
            Employee,
            (
                "name",
                "title_front",
                "title_back",
                "status",
                "golongan",
                "education",
                "major",
                "organisation",
                "position",
                "tmt_jabatan",
                "retirement_date",
                "kedudukan",
                "nip_lama",
                "pns_id",
                "kartu_asn",
                "org_path",
                "updated_at",
            ),
            updates,
        )
        if out is not None:
            out.check_references()  # the positions it refers to exist now
        return counts


# -- asesmen -------------------------------------------------------------------------------------------
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
        Column("TANGGAL", True, ("TANGGAL ASESMEN", "TGL ASESMEN", "TANGGAL PENILAIAN"), "date", "2025-05-12"),
        Column("SUMBER", False, ("PENYELENGGARA", "LEMBAGA"), "", "UPT Penilaian Kompetensi BKN"),
        Column("POTENSI", False, ("SKOR POTENSI", "NILAI POTENSI"), "0-100", "78.5"),
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
        Column("TAHUN", True, ("TAHUN PENILAIAN", "PERIODE"), "year", "2025"),
        Column("HASIL_KERJA", True, ("RATING HASIL KERJA",), "di atas / sesuai / di bawah ekspektasi", "sesuai"),
        Column(
            "PERILAKU_KERJA",
            True,
            ("RATING PERILAKU KERJA", "PERILAKU"),
            "di atas / sesuai / di bawah ekspektasi",
            "di atas",
        ),
        Column("PREDIKAT", False, ("PREDIKAT KINERJA",), "optional; checked against the matrix", "Baik"),
        Column("NILAI_SKP", False, ("NILAI SKP", "NILAI"), "0-100", "86.5"),
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


def _norm_predikat(value: str) -> str:
    return value.upper().replace(" ", "").split("/")[0]


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
            "TANGGAL_MULAI", True, ("TGL MULAI", "TANGGAL MULAI", "TANGGAL KURSUS", "TGL KURSUS"), "date", "2025-03-03"
        ),
        Column(
            "TANGGAL_SELESAI",
            False,
            ("TGL SELESAI", "TANGGAL SELESAI", "TANGGAL SELESAI KURSUS", "TGL SELESAI KURSUS"),
            "date",
            "2025-03-21",
        ),
        Column("JP", True, ("JUMLAH JP", "JAM PELAJARAN", "JUMLAH JAM"), "1 JP = 45 minutes", "40"),
        Column(
            "BENTUK",
            False,
            (),
            "pelatihan klasikal, e-learning, coaching, mentoring, magang, ...",
            "pelatihan klasikal",
        ),
        Column("JALUR", False, (), "klasikal / nonklasikal", "klasikal"),
        Column(
            "JENIS",
            False,
            ("JENIS DIKLAT", "JENIS KURSUS"),
            "PKN I, PKN II, PKA, PKP, fungsional, teknis, ...",
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
    label = gettext_noop("Disciplinary penalties")
    key_columns = ("NIP", "TMT_MULAI")
    columns = (
        NIP,
        Column("TINGKAT", True, ("TINGKAT HUKUMAN", "JENIS HUKUMAN"), "ringan / sedang / berat", "ringan"),
        Column("TMT_MULAI", True, ("TMT HUKUMAN", "TANGGAL MULAI"), "date", "2024-02-01"),
        Column("TMT_SELESAI", False, ("AKHIR HUKUMAN", "TANGGAL SELESAI"), "date", "2024-07-31"),
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
        Column("JENIS", True, ("JENIS PENGHARGAAN",), "penghargaan / tim kerja", "penghargaan"),
        Column("NAMA", True, ("NAMA PENGHARGAAN", "NAMA TIM", "URAIAN"), "", "Satyalancana Karya Satya X Tahun"),
        Column("TANGGAL", True, ("TANGGAL SK", "TGL SK", "TMT"), "date", "2024-08-17"),
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
