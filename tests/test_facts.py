"""Per-employee facts: built by the demo, marked by triggers on every write, refreshed before every read,
and always giving the same engine inputs as reading the histories directly."""

from datetime import date
from decimal import Decimal
from io import StringIO

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Q

from talenta.analytics import facts
from talenta.analytics.histories import PACK, history_dtype
from talenta.analytics.models import EmployeeFacts, FactsDirty, FactsDirtyRange, FactsState
from talenta.analytics.population import load_population
from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.bulk import bulk_insert
from talenta.engine.rules import load_ruleset
from talenta.learning.models import LearningRecord
from talenta.people.models import Employee, PerformanceRating, Position

pytestmark = pytest.mark.django_db
TODAY = date.today()
YEAR = TODAY.year
RULES = load_ruleset(settings.TALENTA_RULESET)


@pytest.fixture
def demo():
    call_command("demo", "--employees", "300", "--seed", "5", stdout=StringIO())


def assert_same_inputs(q: Q | None = None, *, everyone: bool = True, year: int = YEAR) -> None:
    q = Q() if q is None else q
    kw = {"employees": q, "rules": RULES, "year": year, "today": TODAY, "everyone": everyone}
    live, kept = load_population(**kw, facts=False), load_population(**kw)
    assert kept.nip == live.nip and len(live) > 0
    np.testing.assert_array_equal(kept.ids, live.ids)
    np.testing.assert_array_equal(kept.organisation_ids, live.organisation_ids)
    assert kept.competency_codes == live.competency_codes
    a, b = live.inputs, kept.inputs
    # The year's learning records come as (employee, JP) pairs in no particular order: compare the totals.
    totals = [np.bincount(x["learning_employee"], x["learning_jp"], minlength=len(live)) for x in (a, b)]
    np.testing.assert_array_equal(*totals)
    for key in a.keys() - {"learning_employee", "learning_jp"}:
        np.testing.assert_array_equal(b[key], a[key], err_msg=key)


def assert_same_unordered() -> None:
    """The national read (no identity: rows in no particular order) gives the same rows as the histories."""
    kw = {"employees": Q(), "rules": RULES, "year": YEAR, "today": TODAY, "everyone": True, "identity": False}
    live, kept = load_population(**kw, facts=False), load_population(**kw)
    order = np.argsort(kept.ids)
    np.testing.assert_array_equal(kept.ids[order], live.ids)  # the read from the histories is in id order
    np.testing.assert_array_equal(kept.organisation_ids[order], live.organisation_ids)
    for key in live.inputs.keys() - {"learning_employee", "learning_jp"}:
        np.testing.assert_array_equal(kept.inputs[key][order], live.inputs[key], err_msg=key)


def record(employee_id: int) -> np.void:
    blob = bytes(EmployeeFacts.objects.get(employee_id=employee_id).record)
    return np.frombuffer(blob, dtype=history_dtype(facts.state().words))[0]


def dirty() -> set[int]:
    marked = set(FactsDirty.objects.values_list("employee_id", flat=True))
    for lo, hi in FactsDirtyRange.objects.values_list("lo", "hi"):  # inserted employees, on PostgreSQL
        marked |= set(Employee.objects.filter(id__range=(lo, hi)).values_list("id", flat=True))
    return marked


def test_the_demo_builds_facts_that_read_as_the_histories(demo):
    assert facts.current(YEAR, RULES)
    assert EmployeeFacts.objects.count() == Employee.objects.count() and not dirty()
    assert_same_inputs()
    assert_same_unordered()
    assert_same_inputs(Q(org_path__startswith="/ID/64/64.71/"), everyone=False)


def test_every_kind_of_write_marks_its_employee_and_the_next_read_refreshes(demo):
    e = list(Employee.objects.filter(performance__isnull=False, assessments__isnull=False).distinct()[:7])
    ids = {x.id for x in e}
    before = record(e[0].id)["jp"]
    LearningRecord.objects.create(
        employee=e[0], title="Pelatihan Teknis Baru", type="teknis", start=date(YEAR, 2, 3), jp=Decimal("30")
    )
    PerformanceRating.objects.filter(employee=e[1]).update(hasil_kerja="di_bawah", score=None)
    Assessment.objects.filter(employee=e[2]).order_by("-date").first().delete()  # the latest goes
    bulk_insert(  # COPY on PostgreSQL
        LearningRecord,
        ["created_at", "updated_at", "employee", "title", "form", "route", "type", "start", "jp", "provider",
         "certificate_no", "status"],
        [(TODAY, TODAY, e[3].id, "Seminar", "seminar", "klasikal", "seminar", date(YEAR - 1, 5, 5), 4, "", "",
          "attended")],
    )  # fmt: skip
    with connection.cursor() as cur:  # even SQL written by hand
        cur.execute("UPDATE people_performancerating SET perilaku = 'di_atas' WHERE employee_id = %s", [e[4].id])
    latest = e[6].assessments.order_by("-date").first()
    AssessmentScore.objects.filter(assessment=latest).update(level=1)  # a score corrected
    gone = e[5].id
    e[5].delete()
    added = Employee.objects.get(id=e[6].id)
    added.pk, added.nip = None, "199901012024121001"
    added.save()  # a new employee (a range of one on PostgreSQL)
    ids.add(added.id)
    assert dirty() == ids
    assert_same_inputs()
    assert not dirty() and not FactsDirtyRange.objects.exists()
    assert record(added.id)["org"] == added.organisation_id
    assert record(e[0].id)["jp"] == before + 30
    assert not EmployeeFacts.objects.filter(employee_id=gone).exists()


def test_an_employee_moved_or_added_is_refreshed(demo):
    moved = Employee.objects.filter(org_path__startswith="/ID/64/64.71/").first()
    target = Employee.objects.filter(org_path__startswith="/ID/64/64.09/").first()
    Employee.objects.filter(id=moved.id).update(
        organisation=target.organisation, org_path=target.org_path, position=target.position, status="PPPK"
    )
    assert dirty() == {moved.id}
    assert_same_inputs()
    assert record(moved.id)["org"] == target.organisation_id and record(moved.id)["status"] == 0
    Position.objects.filter(id=target.position_id).update(job_kind="Pelaksana")  # read with the positions
    assert_same_inputs()


def test_a_competency_the_records_cannot_hold_sends_the_read_to_the_histories(demo):
    emp = Employee.objects.filter(assessments__isnull=False).first()
    words = facts.state().words
    far = Competency.objects.create(id=PACK * words + 5, code="T.JAUH.01", name="Teknis jauh", kind="teknis")
    PositionStandard.objects.create(position=emp.position, competency=far, level=3)
    AssessmentScore.objects.create(assessment=emp.assessments.order_by("-date").first(), competency=far, level=2)
    assert facts.read(Employee.objects.all(), True, np.array([1, far.id])) is None
    assert_same_inputs()  # through the histories, and still equal


def test_records_missing_after_a_bulk_load_send_the_read_to_the_histories(demo):
    # A load that bypasses triggers (session_replication_role = replica) leaves employees without records.
    gone = list(Employee.objects.order_by("id").values_list("id", flat=True)[:5])
    EmployeeFacts.objects.filter(employee_id__in=gone).delete()
    FactsDirty.objects.all().delete()
    assert_same_inputs()
    assert_same_unordered()


def test_records_hold_several_words_of_levels(demo):
    emp = Employee.objects.filter(assessments__isnull=False).first()
    far = Competency.objects.create(id=PACK * facts.state().words + 5, code="T.JAUH.02", name="Jauh", kind="teknis")
    PositionStandard.objects.create(position=emp.position, competency=far, level=4)
    AssessmentScore.objects.create(assessment=emp.assessments.order_by("-date").first(), competency=far, level=3)
    facts.build(YEAR, RULES)  # now with room for the new competency id
    assert facts.state().words >= 2
    assert facts.read(Employee.objects.all(), True, np.array([1, far.id])) is not None
    assert_same_inputs()
    live = load_population(employees=Q(id=emp.id), rules=RULES, year=YEAR, today=TODAY)
    assert live.inputs["actual"][0, live.competency_codes.index("T.JAUH.02")] == 3


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer only")
def test_a_read_while_another_writer_holds_sqlite_reads_the_histories(demo, monkeypatch):
    from django.db import OperationalError

    emp = Employee.objects.filter(performance__isnull=False).first()
    PerformanceRating.objects.filter(employee=emp).update(score=Decimal("33"))

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(facts, "_histories", locked)
    assert not facts.refresh(YEAR, RULES, None)
    assert dirty() == {emp.id}  # the marks stay for the next read
    with connection.cursor() as cur:
        cur.execute("PRAGMA busy_timeout")
        assert cur.fetchone()[0] == 20000  # the short wait is undone
    assert_same_inputs()


def test_a_read_refreshes_only_its_own_scope(demo):
    bpp = Employee.objects.filter(org_path__startswith="/ID/64/64.71/", performance__isnull=False).first()
    ppu = Employee.objects.filter(org_path__startswith="/ID/64/64.09/", performance__isnull=False).first()
    for emp in (bpp, ppu):
        PerformanceRating.objects.filter(employee=emp, year=YEAR - 1).update(score=Decimal("12.5"))
    assert_same_inputs(Q(org_path__startswith="/ID/64/64.71/"), everyone=False)
    assert dirty() == {ppu.id}
    assert_same_inputs(Q(org_path__startswith="/ID/64/64.09/"), everyone=False)
    assert not dirty()


def test_facts_of_another_year_rule_set_or_layout_are_not_read(demo):
    assert not facts.refresh(YEAR - 1, RULES, None)
    assert not facts.refresh(YEAR, load_ruleset("bkn-2025"), None)
    FactsState.objects.update(layout="written by another version")
    assert not facts.refresh(YEAR, RULES, None)
    facts.build(YEAR - 1, RULES)
    assert facts.current(YEAR - 1, RULES) and not facts.current(YEAR, RULES)
    assert_same_inputs(year=YEAR - 1)


def test_a_new_year_rebuilds_the_facts_in_the_background(demo, django_capture_on_commit_callbacks):
    FactsState.objects.update(year=YEAR - 1)  # as on the first of January
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert_same_inputs()  # meanwhile from the histories
    assert len(callbacks) == 1  # asked once, however many reads
    assert facts.current(YEAR, RULES) and EmployeeFacts.objects.count() == Employee.objects.count()
    assert_same_inputs()


def test_the_rollup_command_builds_facts_that_are_missing(demo):
    FactsState.objects.all().delete()
    EmployeeFacts.objects.all().delete()
    call_command("rollup", "--org", "64", "--json", stdout=StringIO(), stderr=StringIO())
    assert facts.current(YEAR, RULES) and EmployeeFacts.objects.count() == Employee.objects.count()


def test_the_facts_command_rebuilds_for_a_year(demo):
    out = StringIO()
    call_command("facts", "--year", str(YEAR - 1), stdout=out)
    assert f"Facts for {YEAR - 1}" in out.getvalue() and facts.current(YEAR - 1, RULES)
