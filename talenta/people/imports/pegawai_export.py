"""The ``pegawai`` export, beside its import: the template's columns, or SIASN's "Export Data ASN" layout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from talenta.core.rulesets import active_ruleset
from talenta.imports.base import iso
from talenta.org.models import Organisation

from .. import siasn

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
            nip, name, tf, tb, iso(b), g, st, gol, edu, major, unit, "", pos, labels.get(jk, jk), iso(tmt), "",
            kedudukan.get(ked or "aktif", ked), lama, pns_id, kartu,
        ]  # fmt: skip


def siasn_rows(employees) -> tuple[list[str], Iterator[list[Any]]]:
    """The employees in the layout of SIASN's "Export Data ASN" (its 67 columns, those Talenta holds filled,
    the rest blank): importing the file again changes nothing."""
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
