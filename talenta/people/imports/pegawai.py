"""Import kind ``pegawai``: employees from the template or from SIASN's "Export Data ASN" as it comes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy, gettext_noop

from talenta.competency.models import PositionStandard
from talenta.core.bulk import Inserter
from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.engine.nip import parse_nips
from talenta.imports import cells as c
from talenta.imports.base import Column, Export, ImportKind, Record, columns
from talenta.imports.history import NIP
from talenta.imports.lookups import chunks, employees_by_nip, orgs_by_code
from talenta.org.models import Organisation, OrgKind
from talenta.people import siasn
from talenta.people import validation as v
from talenta.people.models import (
    Employee,
    Position,
    StructuralTitleRule,
)
from talenta.people.services import EmployeeInput, employee_validate

from .pegawai_export import pegawai_rows, siasn_rows
from .pegawai_write import EMPLOYEE_FIELDS, FIELD_COLUMNS, EmployeeRow, EmployeeWriting
from .unor import UnorIndex


class PegawaiKind(EmployeeWriting, ImportKind):
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
            "TANGGAL_LAHIR",
            False,
            ("TGL LAHIR", "TGL_LAHIR", "TANGGAL LAHIR"),
            gettext_lazy("must agree with the NIP"),
            "1990-02-15",
        ),
        Column("JENIS_KELAMIN", False, ("JENIS KELAMIN", "JK", "SEX"), gettext_lazy("L / P (M / F)"), "L"),
        Column(
            "STATUS",
            True,
            ("STATUS PEGAWAI", "STATUS CPNS PNS", "STATUS_CPNS_PNS"),
            gettext_lazy("PNS, CPNS, PPPK (P / C)"),
            "PNS",
        ),
        Column(
            "GOLONGAN",
            True,
            ("GOL AKHIR", "GOL AKHIR NAMA", "GOL", "GOL RUANG", "PANGKAT GOLONGAN"),
            gettext_lazy("III/a ... IV/e, PPPK I-XVII (blank for PPPK paruh waktu)"),
            "III/c",
        ),
        Column(
            "PENDIDIKAN",
            True,
            ("TINGKAT PENDIDIKAN NAMA", "TINGKAT PENDIDIKAN", "TK PENDIDIKAN", "PENDIDIKAN TERAKHIR"),
            gettext_lazy("SD, SMP, SMA, D1-D4, S1-S3"),
            "S1",
        ),
        Column("JURUSAN", False, ("PENDIDIKAN NAMA", "PROGRAM STUDI"), "", "Ilmu Pemerintahan"),
        Column(
            "KODE_UNIT",
            False,
            ("KODE UNOR", "UNOR KODE", "KODE UNIT KERJA"),
            gettext_lazy("code of the OPD or unit"),
            "64.71.02.01",
        ),
        Column(
            "NAMA_UNIT",
            False,
            ("UNOR NAMA", "UNIT KERJA", "NAMA UNOR"),
            gettext_lazy("used only when KODE_UNIT is absent: the OPD, or <unit> - <OPD> as SIASN writes it"),
            "",
        ),
        Column("JABATAN", True, ("JABATAN NAMA", "NAMA JABATAN"), "", "Analis SDM Aparatur Ahli Muda"),
        Column(
            "JENIS_JABATAN",
            True,
            ("JENIS JABATAN NAMA", "JENIS JABATAN"),
            gettext_lazy(
                "JPT Pratama, Administrator, Pengawas, Pelaksana, Ahli Muda, Terampil, ... (or SIASN's Jabatan "
                "Struktural / Fungsional / Pelaksana with the grade in JABATAN)"
            ),
            "Ahli Muda",
        ),
        Column("TMT_JABATAN", False, ("TMT JABATAN",), gettext_lazy("date"), "2023-01-02"),
        Column("ESELON", False, ("ESELON NAMA",), gettext_lazy("II.a ... IV.b (structural posts)"), ""),
        Column(
            "KEDUDUKAN",
            False,
            ("KEDUDUKAN HUKUM NAMA", "KEDUDUKAN HUKUM"),
            gettext_lazy("Aktif, Tugas Belajar, CLTN, Pemberhentian Sementara, ... (blank = Aktif)"),
            "",
        ),
        Column("NIP_LAMA", False, ("NIP LAMA",), "", ""),
        Column("PNS_ID", False, ("PNS ID",), gettext_lazy("SIASN's PNS ID"), ""),
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
            # Nothing about the other record: not that it exists elsewhere, not where, not who. (The refusal
            # itself cannot be avoided, a NIP is one person's; the wording names no scope and no holder.)
            rec.fail(
                "NIP",
                gettext_noop(
                    "NIP %(nip)s cannot be registered from your scope; a transfer between agencies is recorded "
                    "by the BKPSDM that holds the employee."
                ),
                nip=nip,
            )
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

    @classmethod
    def export(cls, org: Organisation, *, year: int | None = None, layout: str = "template") -> Export:
        """The employees of ``org``'s subtree in the template, or in SIASN's layout (``layout="siasn"``)."""
        employees = Employee.objects.filter(org_path__startswith=org.path)
        if layout == "siasn":
            return siasn_rows(employees)
        return cls.template_header(), pegawai_rows(employees)
