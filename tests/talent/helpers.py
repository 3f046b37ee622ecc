"""Talent data for tests: SKP, assessments and key positions written through the models' natural fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from talenta.competency.models import Assessment, AssessmentScore, PositionStandard
from talenta.engine.rules import load_ruleset
from talenta.people.models import PerformanceRating, Position

from ..factories import employee, nip

RULES = load_ruleset()
SANGAT_BAIK = ("di_atas", "di_atas")
BAIK = ("sesuai", "sesuai")


def rate(emp, year: int, ratings=BAIK) -> None:
    hasil, perilaku = ratings
    PerformanceRating.objects.create(
        employee=emp,
        year=year,
        hasil_kerja=hasil,
        perilaku=perilaku,
        predikat=RULES.predikat_for(hasil, perilaku),
        ruleset=RULES.version,
    )


def assess(emp, *, potential: float | None, levels: int | dict[str, int] = 3, when=date(2026, 3, 1)) -> Assessment:
    """An assessment scoring every competency of the employee's standard at ``levels`` (or per code)."""
    a = Assessment.objects.create(
        employee=emp,
        date=when,
        source="UPT Penilaian Kompetensi",
        potential_score=None if potential is None else Decimal(str(potential)),
    )
    for std in PositionStandard.objects.filter(position_id=emp.position_id).select_related("competency"):
        level = levels if isinstance(levels, int) else levels.get(std.competency.code, 3)
        AssessmentScore.objects.create(assessment=a, competency=std.competency, level=level)
    return a


def place_in_boxes(region):
    """Siti (Ahli Pertama, S1) in box 9, Andi (Terampil, D3) in box 5, Rudi (Penajam) in box 5 (RULES.md §5)."""
    rate(region["bpp"], 2026, SANGAT_BAIK)
    assess(region["bpp"], potential=85)
    for who in ("bpp2", "ppu"):
        rate(region[who], 2026, BAIK)
        assess(region[who], potential=50)
    return region


def person(unit: str, name: str, *, job_kind: str, position: str, golongan: str, birth=date(1985, 5, 5), **kw):
    return employee(
        unit,
        name=name,
        job_kind=job_kind,
        position=position,
        golongan=golongan,
        nip=nip(birth=birth, tmt=date(birth.year + 22, 3, 1)),
        **kw,
    )


def key_position_world(region):
    """A key administrator position in Balikpapan's BKPSDM and people who might succeed to it."""
    holder = person(
        "64.71.01",
        "Hendra Kepala Bidang",
        job_kind="Administrator",
        position="Kepala Bidang Pengembangan Kompetensi",
        golongan="IV/a",
        birth=date(1969, 3, 10),  # retires 2027-04-01
    )
    Position.objects.filter(pk=holder.position_id).update(is_key=True)
    sub = "Kepala Subbidang Pelatihan"
    people = {
        "strong": person("64.71.01.01", "Rina Kuat", job_kind="Pengawas", position=sub, golongan="III/d"),
        "weaker": person("64.71.02", "Dedi Cukup", job_kind="Pengawas", position="Kepala Seksi SDMK", golongan="III/c"),
        "low_rank": person(
            "64.71.02", "Eka Muda", job_kind="Pengawas", position="Kepala Seksi Yankes", golongan="III/b"
        ),
        "retiring": person(
            "64.71.02",
            "Fajar Purna",
            job_kind="Pengawas",
            position="Kepala Seksi P2P",
            golongan="IV/a",
            birth=date(1969, 1, 5),
        ),
        "clerk": person(
            "64.71.02", "Gita Pelaksana", job_kind="Pelaksana", position="Pengadministrasi", golongan="III/d"
        ),
    }
    # Everyone assessed against their own standard; the target (administrator) standard is level 3 on the nine.
    assess(people["strong"], potential=85, levels=3)
    rate(people["strong"], 2026, SANGAT_BAIK)
    assess(people["weaker"], potential=60, levels={"INTEGRITAS": 1, "KOMUNIKASI": 2})
    rate(people["weaker"], 2026, BAIK)
    for p in ("low_rank", "retiring", "clerk"):
        assess(people[p], potential=85, levels=3)
        rate(people[p], 2026, SANGAT_BAIK)
    return {**region, "holder": holder, "position": Position.objects.get(pk=holder.position_id), **people}
