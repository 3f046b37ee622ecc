from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum

from talenta.competency.models import Assessment
from talenta.demo.generator import DemoBuilder
from talenta.engine.nip import parse_nip
from talenta.engine.rules import load_ruleset
from talenta.learning.models import Budget, LearningRecord, Programme
from talenta.org.models import Organisation, Role, User
from talenta.people.models import DisciplinePenalty, Employee, PerformanceRating, Position

RULES = load_ruleset()


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("demo", "--seed", "7", "--employees", "1500", stdout=out)
    return out.getvalue()


def test_demo_region_is_realistic_and_consistent(demo):
    assert Employee.objects.count() == 1500
    for code in ("64", "64.71", "64.09"):
        opds = Organisation.objects.filter(parent__code=code, kind="opd")
        assert opds.count() >= 13
        assert Organisation.objects.filter(parent__in=opds, kind="unit").exists()
    kinds = set(Position.objects.values_list("job_kind", flat=True))
    assert kinds >= set(RULES.job_kinds) - {"JPT_UTAMA"}  # no JPT Utama in a regional government
    today = date.today()
    statuses = Counter()
    for e in Employee.objects.select_related("position"):
        info = parse_nip(e.nip)
        assert (info.birth_date, info.gender) == (e.birth_date, e.gender)
        assert (info.kind == "PPPK") == (e.status == "PPPK")
        assert e.retirement_date == RULES.retirement_date(e.birth_date, e.position.job_kind) > today
        assert e.org_path.startswith("/ID/64/")
        statuses[e.status] += 1
    assert statuses["PNS"] > statuses["PPPK"] > statuses["CPNS"] > 0
    assert Assessment.objects.count() > 1000
    years = set(PerformanceRating.objects.values_list("year", flat=True))
    assert years == {today.year - 3, today.year - 2, today.year - 1}
    for r in PerformanceRating.objects.all()[:500]:
        assert r.predikat == RULES.predikat_for(r.hasil_kerja, r.perilaku)
    jp = dict(
        LearningRecord.objects.filter(start__year=today.year)
        .values("employee")
        .annotate(s=Sum("jp"))
        .values_list("employee", "s")
    )
    under = sum(1 for pk in Employee.objects.values_list("id", flat=True) if jp.get(pk, 0) < 20)
    assert 0.1 < under / 1500 < 0.6
    assert DisciplinePenalty.objects.exists()
    assert 55 <= Programme.objects.count() <= 70
    forms = set(Programme.objects.values_list("form", flat=True))
    assert {"pelatihan klasikal", "e-learning", "coaching", "mentoring"} <= forms
    assert Budget.objects.filter(organisation__code="64.71", year=today.year, amount__gt=0).exists()
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    assert "balikpapan" in demo and "talenta-demo" in demo


def test_demo_carries_talent_reviews_and_successors(demo):
    from talenta.talent.models import BoxHistory, Calibration, ReviewSession, SuccessionCandidate

    y = date.today().year
    assert sorted(ReviewSession.objects.values_list("year", "status")) == [
        (y - 2, "final"),
        (y - 1, "final"),
        (y, "open"),
    ]
    assert set(BoxHistory.objects.values_list("year", flat=True)) == {y - 2, y - 1}
    assert not BoxHistory.objects.exclude(employee__org_path__startswith="/ID/64/64.71/").exists()
    assert Calibration.objects.exclude(reason="").count() == Calibration.objects.count() > 0
    assert SuccessionCandidate.objects.filter(status="confirmed", emergency=True).exists()


def test_demo_refuses_a_database_with_employees(demo):
    with pytest.raises(CommandError, match="already holds employees"):
        call_command("demo", "--employees", "200", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "not loaded again" in out.getvalue() and Employee.objects.count() == 1500


@pytest.mark.django_db
def test_same_seed_same_region():
    def nips(seed):
        try:
            with transaction.atomic():
                DemoBuilder(
                    seed=seed, employees=300, ruleset=RULES, today=date(2026, 6, 1), progress=lambda m: None
                ).run()
                result = sorted(Employee.objects.values_list("nip", "name", "golongan"))
                raise _Rollback(result)
        except _Rollback as r:
            return r.value

    first, again, other = nips(11), nips(11), nips(12)
    assert len(first) == 300 and first == again and first != other


class _Rollback(Exception):
    def __init__(self, value):
        self.value = value


def test_the_demo_peta_jabatan_of_balikpapan_shows_shortages_and_surpluses(demo):
    from talenta.governance.selectors import peta_jabatan
    from talenta.org.models import Organisation
    from talenta.people.models import Position

    p = peta_jabatan(Organisation.objects.get(code="64.71"))
    r = p.result
    assert 0.5 < r.has_abk.mean() < 0.9  # most positions carry an ABK, some not yet
    assert (r.gap[r.has_abk] < 0).any() and (r.gap[r.has_abk] > 0).any()
    kinds = {p.job_kind[i] for i in range(len(p)) if r.has_abk[i]}
    assert {"ADMINISTRATOR", "PELAKSANA"} <= kinds and any(k.startswith("AHLI") for k in kinds)
    outside = Position.objects.exclude(organisation__path__contains="/64.71/").filter(abk_tasks__isnull=False)
    assert not outside.exists()


def test_demo_data_reads_as_real_people_and_fills_every_page(demo):
    """Issue 23: no doubled names, Latsar CPNS only in the first years of service, "dr." only for physicians,
    positions without stray numbers, officers with names; DPRD members, merit self-assessments and follow-up
    progress present."""
    from datetime import timedelta

    from talenta.coordination.models import ActionItem
    from talenta.dprd.models import Attendance, DprdMember
    from talenta.indices.models import MeritAssessment

    names = list(Employee.objects.values_list("name", flat=True))
    assert not [n for n in names if len(n.split()) > 1 and n.split()[0] == n.split()[1]]
    for tmt, start in LearningRecord.objects.filter(title__startswith="Pelatihan Dasar CPNS").values_list(
        "employee__tmt_cpns", "start"
    ):
        assert start <= tmt + timedelta(days=2 * 365)
    assert not LearningRecord.objects.filter(title__startswith="Orientasi PPPK").exclude(employee__status="PPPK")
    doctors = Employee.objects.filter(title_front="dr.")
    assert doctors.exists() and not doctors.exclude(position__name__startswith="Dokter").exists()
    assert not [p for p in Position.objects.values_list("name", flat=True) if any(ch.isdigit() for ch in p)]
    officers = User.objects.filter(username__in=("balikpapan", "ppu", "opd.bkpsdm"))
    assert all(u.get_full_name() and u.get_full_name().lower() != u.username for u in officers)
    assert DprdMember.objects.filter(body__region__code="64").count() == 55 and Attendance.objects.exists()
    assert set(MeritAssessment.objects.values_list("status", flat=True)) == {"draf", "terverifikasi"}
    assert ActionItem.objects.exclude(status="belum").exists()
