"""Exports in the import templates: what ``talenta export KIND`` and the download links write.

Exporting a scope and importing the file again changes nothing (created 0, updated 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Q

from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.rulesets import active_ruleset
from talenta.dprd.models import Attendance, DprdMember
from talenta.learning.models import Budget, LearningRecord, Programme, ProgrammeCompetency
from talenta.org.models import NATIONAL_CODE, Organisation
from talenta.people.models import (
    DisciplinePenalty,
    Employee,
    PerformanceRating,
    Position,
    Rating,
    Recognition,
    RecognitionKind,
)

from .services import KINDS

RATING_TEXT = {
    Rating.ABOVE: "di atas ekspektasi",
    Rating.MEETS: "sesuai ekspektasi",
    Rating.BELOW: "di bawah ekspektasi",
}


def _num(value: Any) -> Any:
    """Decimals without trailing zeros (``24.00`` -> ``24``), other values unchanged."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _columns(kind: str) -> list[str]:
    return [c.name for c in KINDS[kind].columns]


def _comp_order(ids: Iterable[int]) -> list[tuple[int, str]]:
    return list(Competency.objects.filter(id__in=set(ids)).order_by("sort_order", "code").values_list("id", "code"))


_PEGAWAI_FIELDS = (
    "nip", "name", "title_front", "title_back", "birth_date", "gender", "status", "golongan", "education", "major",
    "organisation__code", "position__name", "position__job_kind", "tmt_jabatan", "kedudukan", "nip_lama", "pns_id",
    "kartu_asn",
)  # fmt: skip


def pegawai_rows(employees) -> Iterator[list[Any]]:
    """The ``pegawai`` template rows of an (already scoped) employee queryset, by NIP."""
    rules = active_ruleset()
    labels = {code: k.label for code, k in rules.job_kinds.items()}
    kedudukan = rules.raw["siasn"]["kedudukan_labels"]
    for nip, name, tf, tb, b, g, st, gol, edu, major, unit, pos, jk, tmt, ked, lama, pns_id, kartu in (
        employees.order_by("nip").values_list(*_PEGAWAI_FIELDS).iterator(chunk_size=5000)
    ):
        yield [
            nip, name, tf, tb, _iso(b), g, st, gol, edu, major, unit, "", pos, labels.get(jk, jk), _iso(tmt), "",
            kedudukan.get(ked or "aktif", ked), lama, pns_id, kartu,
        ]  # fmt: skip


def siasn_rows(employees) -> tuple[list[str], Iterator[list[Any]]]:
    """The employees in the layout of SIASN's "Export Data ASN" (its 67 columns, those Talenta holds filled,
    the rest blank): importing the file again changes nothing."""
    from talenta.people import siasn

    rules = active_ruleset()
    kedudukan = rules.raw["siasn"]["kedudukan_labels"]
    klass = {"jpt": "Jabatan Struktural", "administrator": "Jabatan Struktural", "pengawas": "Jabatan Struktural",
             "fungsional": "Jabatan Fungsional", "pelaksana": "Jabatan Pelaksana"}  # fmt: skip
    family = {code: k.family for code, k in rules.job_kinds.items()}
    header = list(siasn.SIASN_COLUMNS)
    at = {name: i for i, name in enumerate(header)}
    orgs = {
        pk: (name, kind, parent)
        for pk, name, kind, parent in Organisation.objects.filter(
            id__in=employees.values("organisation_id")
        ).values_list("id", "name", "kind", "parent_id")
    }
    opd_of: dict[int, str] = {}
    # A unit's OPD: its nearest ancestor of kind OPD (read from the paths, one query).
    paths = dict(Organisation.objects.filter(id__in=list(orgs)).values_list("id", "path"))
    codes = {c for p in paths.values() for c in p.strip("/").split("/")}
    opd_names = dict(Organisation.objects.filter(code__in=codes, kind="opd").values_list("code", "name"))
    for pk, path in paths.items():
        for code in reversed(path.strip("/").split("/")):
            if code in opd_names:
                opd_of[pk] = opd_names[code]
                break
    government = {
        code: name
        for code, name in Organisation.objects.filter(
            code__in=codes, kind__in=["provinsi", "kabupaten", "kota"]
        ).values_list("code", "name")
    }
    gov_of = {
        pk: next((government[c] for c in reversed(path.strip("/").split("/")) if c in government), "")
        for pk, path in paths.items()
    }
    fields = (
        "nip", "name", "title_front", "title_back", "birth_date", "gender", "status", "golongan", "education",
        "major", "organisation_id", "position__name", "position__job_kind", "tmt_jabatan", "tmt_cpns", "kedudukan",
        "nip_lama", "pns_id", "kartu_asn",
    )  # fmt: skip

    def rows() -> Iterator[list[Any]]:
        for (nip, name, tf, tb, birth, g, st, gol, edu, major, org_id, pos, jk, tmt, tmt_cpns, ked, lama, pns_id,
             kartu) in employees.order_by("nip").values_list(*fields).iterator(chunk_size=5000):  # fmt: skip
            row: list[Any] = [""] * len(header)
            org_name, org_kind, _parent = orgs[org_id]
            ked = ked or "aktif"
            status_text = kedudukan.get(ked, ked)
            if st == "PPPK" and ked == "aktif":
                status_text = "PPPK Aktif"
            cells = {
                "PNS ID": pns_id, "NIP BARU": nip, "NIP LAMA": lama, "NAMA": name, "GELAR DEPAN": tf,
                "GELAR BELAKANG": tb, "TANGGAL LAHIR": birth, "JENIS KELAMIN": "F" if g == "P" else "M",
                "KEDUDUKAN HUKUM NAMA": status_text, "STATUS CPNS PNS": "C" if st == "CPNS" else "P",
                "KARTU ASN VIRTUAL": kartu, "TMT CPNS": tmt_cpns, "GOL AKHIR NAMA": gol,
                "JENIS JABATAN NAMA": klass[family.get(jk, "pelaksana")], "JABATAN NAMA": pos, "TMT JABATAN": tmt or "",
                "TINGKAT PENDIDIKAN NAMA": siasn.EDUCATION_TEXT.get(edu, edu), "PENDIDIKAN NAMA": major,
                "UNOR NAMA": org_name if org_kind == "opd" else f"{org_name} - {opd_of.get(org_id, '')}".rstrip(" -"),
                "INSTANSI INDUK NAMA": gov_of.get(org_id, ""), "INSTANSI KERJA NAMA": gov_of.get(org_id, ""),
            }  # fmt: skip
            for col, value in cells.items():
                row[at[col]] = value
            yield row

    return header, rows()


def export_rows(
    kind: str, org: Organisation, year: int | None = None, layout: str = "template"
) -> tuple[list[str], Iterator[list[Any]]]:
    """Header and rows of ``kind`` for the subtree of ``org`` (already checked against the user's scope);
    ``layout="siasn"`` (pegawai): SIASN's "Export Data ASN" columns instead of the template's."""
    path = org.path
    if layout == "siasn":
        if kind != "pegawai":
            raise ValueError("the SIASN layout is for pegawai")
        return siasn_rows(Employee.objects.filter(org_path__startswith=path))
    emp_in = Q(employee__org_path__startswith=path)
    labels = {code: k.label for code, k in active_ruleset().job_kinds.items()}
    if kind == "pegawai":
        return _columns(kind), pegawai_rows(Employee.objects.filter(org_path__startswith=path))
    if kind == "unit":
        qs = Organisation.objects.filter(path__startswith=path).exclude(code=NATIONAL_CODE).order_by("path")
        return _columns(kind), (
            [code, name, parent or "", k]
            for code, name, parent, k in qs.values_list("code", "name", "parent__code", "kind")
        )
    if kind == "jabatan":
        positions = list(
            Position.objects.filter(organisation__path__startswith=path)
            .order_by("organisation__path", "name")
            .values_list("id", "organisation__code", "name", "job_kind", "job_class", "is_key")
        )
        std: dict[int, dict[int, int]] = {}
        for pid, cid, level in PositionStandard.objects.filter(
            position__organisation__path__startswith=path
        ).values_list("position_id", "competency_id", "level"):
            std.setdefault(pid, {})[cid] = level
        comps = _comp_order(cid for levels in std.values() for cid in levels)
        header = _columns(kind) + [code for _id, code in comps]
        return header, (
            [
                code,
                name,
                labels.get(k, k),
                cls or "",
                "Y" if key else "N",
                *[std.get(pid, {}).get(cid, "") for cid, _c in comps],
            ]
            for pid, code, name, k, cls, key in positions
        )
    if kind == "kompetensi":
        qs = Competency.objects.filter(Q(owner__isnull=True) | Q(owner__path__startswith=path)).order_by(
            "sort_order", "code"
        )
        return _columns(kind), (
            [code, name, k, *(list(levels) + [""] * 5)[:5]]
            for code, name, k, levels in qs.values_list("code", "name", "kind", "level_descriptions")
        )
    if kind == "asesmen":
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
        comps = _comp_order(cid for lv in levels.values() for cid in lv)
        header = _columns(kind) + [code for _id, code in comps]
        return header, (
            [
                nip,
                _iso(d),
                src,
                _num(pot) if pot is not None else "",
                *[levels.get(aid, {}).get(cid, "") for cid, _c in comps],
            ]
            for aid, nip, d, src, pot in heads
        )
    if kind == "kinerja":
        qs = PerformanceRating.objects.filter(emp_in).order_by("employee__nip", "year")
        if year:
            qs = qs.filter(year=year)
        return _columns(kind), (
            [nip, y, RATING_TEXT[h], RATING_TEXT[p], pred, _num(score) if score is not None else ""]
            for nip, y, h, p, pred, score in qs.values_list(
                "employee__nip", "year", "hasil_kerja", "perilaku", "predikat", "score"
            )
        )
    if kind == "pelatihan":
        qs = LearningRecord.objects.filter(emp_in, status="attended").order_by("employee__nip", "start")
        if year:
            qs = qs.filter(start__year=year)
        return _columns(kind), (
            [nip, title, _iso(s), _iso(e), _num(jp), form, route, t, prov, cert]
            for nip, title, s, e, jp, form, route, t, prov, cert in qs.values_list(
                "employee__nip", "title", "start", "end", "jp", "form", "route", "type", "provider", "certificate_no"
            ).iterator(chunk_size=5000)
        )
    if kind == "disiplin":
        qs = DisciplinePenalty.objects.filter(emp_in).order_by("employee__nip", "start")
        if year:
            qs = qs.filter(start__year=year)
        return _columns(kind), (
            [nip, level, _iso(s), _iso(e)]
            for nip, level, s, e in qs.values_list("employee__nip", "level", "start", "end")
        )
    if kind == "penghargaan":
        qs = Recognition.objects.filter(emp_in).order_by("employee__nip", "date", "kind", "name")
        if year:
            qs = qs.filter(date__year=year)
        labels = {RecognitionKind.AWARD: "penghargaan", RecognitionKind.TEAM: "tim kerja"}
        return _columns(kind), (
            [nip, labels[k], name, _iso(d), no]
            for nip, k, name, d, no in qs.values_list("employee__nip", "kind", "name", "date", "decree_no")
        )
    if kind == "katalog":
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
        return _columns(kind), (
            [
                code,
                name,
                _num(jp),
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
    if kind == "anggaran":
        qs = Budget.objects.filter(organisation__path__startswith=path).order_by("organisation__path", "year")
        if year:
            qs = qs.filter(year=year)
        return _columns(kind), (
            [code, y, amount] for code, y, amount in qs.values_list("organisation__code", "year", "amount")
        )
    if kind == "dprd":
        members = DprdMember.objects.filter(body__region__path__startswith=path).order_by(
            "body__region__code", "body__term", "name"
        )
        return _columns(kind), (
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
                _iso(sd),
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
    if kind == "dprd_orientasi":
        att = Attendance.objects.filter(member__body__region__path__startswith=path).order_by(
            "orientation__code", "member__name"
        )
        if year:
            att = att.filter(orientation__start__year=year)
        return _columns(kind), (
            [
                code,
                k,
                batch or "",
                _iso(s),
                _iso(e),
                place,
                _num(j1),
                _num(j2),
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
    raise ValueError(f"unknown kind {kind!r}")
