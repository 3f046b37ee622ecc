"""Small builders for tests: organisations, employees and users made through the real services."""

from __future__ import annotations

import itertools
from datetime import date

from talenta.engine.nip import make_nip
from talenta.org.models import Organisation, OrgKind, Role, User
from talenta.people.services import EmployeeInput, employee_create

_seq = itertools.count(1)


def org(code: str, name: str, parent_code: str, kind: str = OrgKind.OPD) -> Organisation:
    o = Organisation(code=code, name=name, kind=kind, parent=Organisation.objects.get(code=parent_code))
    o.full_clean()
    o.save()
    return o


def nip(*, birth=date(1990, 2, 15), tmt=date(2015, 3, 1), gender="L", pppk_round=None) -> str:
    return make_nip(birth_date=birth, tmt=tmt, gender=gender, sequence=next(_seq) % 999 + 1, pppk_round=pppk_round)


def employee(
    unit_code: str,
    *,
    name="Budi Santoso",
    status="PNS",
    golongan="III/a",
    education="S1",
    position="Analis Kebijakan Ahli Pertama",
    job_kind="Ahli Pertama",
    **kw,
):
    gender = kw.pop("gender", "L")
    number = kw.pop("nip", None) or nip(
        gender=gender,
        pppk_round=1 if status == "PPPK" else None,
        tmt=date(2021, 1, 1) if status == "PPPK" else date(2015, 3, 1),
    )
    data = EmployeeInput(
        nip=number,
        name=name,
        status=status,
        golongan=golongan,
        education=education,
        unit_code=unit_code,
        position_name=position,
        job_kind=job_kind,
        gender=gender,
        **kw,
    )
    return employee_create(actor=None, data=data)


def user(username: str, role: str, *, org_code: str | None = None, employee=None, password="s3cret-pass") -> User:
    u = User(
        username=username,
        role=role,
        employee=employee,
        organisation=Organisation.objects.get(code=org_code) if org_code else None,
    )
    u.set_password(password)
    u.full_clean()
    u.save()
    return u


def small_region():
    """Balikpapan and Penajam each with an OPD, a unit, employees; one login per role."""
    org("64.71.01", "Badan Kepegawaian dan Pengembangan SDM Kota Balikpapan", "64.71")
    org("64.71.01.01", "Bidang Pengembangan Kompetensi", "64.71.01", OrgKind.UNIT)
    org("64.71.02", "Dinas Kesehatan Kota Balikpapan", "64.71")
    org("64.09.01", "Badan Kepegawaian dan Pengembangan SDM Kabupaten PPU", "64.09")
    bpp = employee("64.71.01.01", name="Siti Rahmawati", gender="P", title_back="S.Sos.")
    bpp2 = employee(
        "64.71.02",
        name="Andi Saputra",
        position="Perawat Terampil",
        job_kind="Terampil",
        education="D3",
        golongan="II/c",
    )
    ppu = employee(
        "64.09.01",
        name="Rudi Hartono",
        position="Pengadministrasi Perkantoran",
        job_kind="Pelaksana",
        education="SMA",
        golongan="II/a",
    )
    users = {
        "nasional": user("nasional", Role.NATIONAL_ADMIN, org_code="ID"),
        "kaltim": user("kaltim", Role.PROVINCE_ADMIN, org_code="64"),
        "balikpapan": user("balikpapan", Role.REGENCY_ADMIN, org_code="64.71"),
        "ppu": user("ppu", Role.REGENCY_ADMIN, org_code="64.09"),
        "opd": user("opd", Role.OPD_OFFICER, org_code="64.71.02"),
        "pegawai": user("pegawai", Role.EMPLOYEE, employee=bpp),
    }
    return {"bpp": bpp, "bpp2": bpp2, "ppu": ppu, "users": users}
