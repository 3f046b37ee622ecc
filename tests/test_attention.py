"""The home page per role ("Perlu perhatian", issue 21): each item appears with its cause and disappears
when it is dealt with, and every figure stays inside the user's scope."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from talenta.competency.models import Assessment
from talenta.coordination.models import ActionItem, ActionStatus, Recommendation
from talenta.dashboards.attention import attention
from talenta.imports.models import ImportBatch, ImportStatus
from talenta.indices.models import MeritAssessment, MeritStatus
from talenta.indices.services import framework_for
from talenta.learning.models import Budget, PlanRun, PlanStatus
from talenta.org.models import Organisation, RegionalHead
from talenta.people.models import ActingAssignment, Employee, PerformanceRating, Position, PositionChange
from talenta.talent.models import ReviewSession, ReviewStatus
from tests.factories import employee, nip

TODAY = timezone.localdate()


def keys(user):
    return {i.key: i.count for i in attention(actor=user, today=TODAY)[1]}


def org(code):
    return Organisation.objects.get(code=code)


@pytest.fixture
def bpp_admin(region):
    return region["users"]["balikpapan"]


def test_imports_reviews_plan_budget_and_follow_up_come_and_go(region, bpp_admin):
    base = keys(bpp_admin)
    assert "import_waiting" not in base and "review_open" not in base and "plan_unaccepted" not in base
    assert base["budget_missing"] == 1 and base["merit_fill"] == 1
    batch = ImportBatch.objects.create(
        kind="pegawai",
        filename="p.xlsx",
        sha256="x",
        user=bpp_admin,
        scope_path=org("64.71").path,
        status=ImportStatus.PREVIEWED,
    )
    failed = ImportBatch.objects.create(
        kind="kinerja",
        filename="k.xlsx",
        sha256="y",
        user=bpp_admin,
        scope_path=org("64.71").path,
        status=ImportStatus.PARTIAL,
        rejected=3,
    )
    preparing = ReviewSession.objects.create(
        name="Rapat 2027", year=TODAY.year, organisation=org("64.71"), facilitator=bpp_admin
    )
    review = ReviewSession.objects.create(
        name="Rapat 2026", year=TODAY.year, organisation=org("64.71"), facilitator=bpp_admin, status=ReviewStatus.OPEN
    )
    run = PlanRun.objects.create(organisation=org("64.71"), year=TODAY.year, status=PlanStatus.DONE, result={})
    rec = Recommendation.objects.create(
        meeting="Rakornas 2025", year=2025, number=1, text="x", theme="talenta", level="kabkota", due_date=TODAY
    )
    item = ActionItem.objects.create(recommendation=rec, organisation=org("64.71"), due_date=TODAY - timedelta(days=1))
    now = keys(bpp_admin)
    assert (
        now["import_waiting"],
        now["import_rejected"],
        now["review_open"],
        now["plan_unaccepted"],
        now["followup_overdue"],
        now["review_preparing"],
    ) == (1, 1, 1, 1, 1, 1)
    # Someone else's import is theirs to confirm; PPU's admin sees none of Balikpapan's causes.
    ppu = keys(region["users"]["ppu"])
    assert not {"import_waiting", "import_rejected", "review_open", "plan_unaccepted", "followup_overdue"} & set(ppu)
    batch.status = ImportStatus.COMPLETED
    batch.save()
    failed.created_at = timezone.now() - timedelta(days=30)  # an old failure is no longer news
    failed.save()
    review.status = ReviewStatus.FINAL
    review.save()
    preparing.delete()
    run.accepted_at = timezone.now()
    run.save()
    item.status = ActionStatus.DONE
    item.save()
    Budget.objects.create(organisation=org("64.71"), year=TODAY.year, amount=900_000_000)
    MeritAssessment.objects.create(
        organisation=org("64.71"), year=TODAY.year, framework=framework_for(TODAY.year), status=MeritStatus.SUBMITTED
    )
    after = keys(bpp_admin)
    assert not {
        "import_waiting",
        "import_rejected",
        "review_open",
        "plan_unaccepted",
        "followup_overdue",
        "budget_missing",
        "merit_fill",
        "review_preparing",
    } & set(after)
    # The province verifies what Balikpapan submitted.
    assert keys(region["users"]["kaltim"])["merit_verify"] == 1
    MeritAssessment.objects.filter(organisation=org("64.71")).update(status=MeritStatus.VERIFIED)
    assert "merit_verify" not in keys(region["users"]["kaltim"])


def test_key_positions_freeze_and_plt_come_and_go(region, bpp_admin):
    assert not {"key_vacant", "key_retiring", "freeze", "acting_over_cap"} & set(keys(bpp_admin))
    unit = org("64.71.02")
    key = Position.objects.create(organisation=unit, name="Sekretaris", job_kind="ADMINISTRATOR", is_key=True)
    assert keys(bpp_admin)["key_vacant"] == 1
    plt = ActingAssignment.objects.create(
        employee=region["bpp2"], position=key, kind="plt", start=TODAY - timedelta(days=200)
    )
    now = keys(bpp_admin)
    assert now["key_vacant"] == 1 and now["acting_over_cap"] == 1
    plt.end = TODAY - timedelta(days=1)
    plt.save()
    holder = employee(
        "64.71.02",
        name="Pemangku Baru",
        position="Sekretaris",
        job_kind="Administrator",
        golongan="IV/a",
        nip=nip(birth=date(TODAY.year - 58, TODAY.month, 1), tmt=date(2000, 3, 1)),
        tmt_jabatan=TODAY - timedelta(days=10),
    )
    now = keys(bpp_admin)
    assert "key_vacant" not in now and "acting_over_cap" not in now
    assert now["key_retiring"] == 1  # the holder reaches BUP (58) within a year, no successor is ready
    # A head inaugurated 30 days ago: the new holder came in inside the freeze, without approval.
    RegionalHead.objects.create(
        region=org("64.71"), name="H. Baru", office="wali_kota", inaugurated=TODAY - timedelta(days=30)
    )
    assert keys(bpp_admin)["freeze"] == 1
    assert "freeze" not in keys(region["users"]["ppu"])
    PositionChange.objects.filter(employee=holder).update(approval_no="100.2.2.6/1/OTDA")
    assert "freeze" not in keys(bpp_admin)


def test_data_gaps_count_inside_the_scope(region, bpp_admin):
    n = Employee.objects.filter(org_path__startswith=org("64.71").path).count()
    now = keys(bpp_admin)
    assert now["no_assessment"] == n and now["no_skp"] == n
    bpp = region["bpp"]
    Assessment.objects.create(employee=bpp, date=TODAY - timedelta(days=100))
    PerformanceRating.objects.create(
        employee=bpp,
        year=TODAY.year - 1,
        hasil_kerja="sesuai",
        perilaku="sesuai",
        predikat="Baik",
        ruleset="permenpan-2020.4",
    )
    now = keys(bpp_admin)
    assert now["no_assessment"] == n - 1 and now["no_skp"] == n - 1
    # An assessment older than the validity window (3 years) does not count.
    Assessment.objects.filter(employee=bpp).update(date=TODAY - timedelta(days=365 * 4))
    assert keys(bpp_admin)["no_assessment"] == n
    # The OPD officer counts their OPD only.
    opd = keys(region["users"]["opd"])
    assert opd["no_skp"] == Employee.objects.filter(org_path__startswith=org("64.71.02").path).count()
    # the texts say how many years and which year (not a raw "%(y)s")
    texts = {i.key: i.text for i in attention(actor=bpp_admin, today=TODAY)[1]}
    assert texts["no_assessment"].endswith("3 tahun terakhir") and str(TODAY.year - 1) in texts["no_skp"]
    assert not [t for t in texts.values() if "%(" in t]


def test_home_per_role(region, client):
    client.force_login(region["users"]["balikpapan"])
    page = client.get("/")
    assert page.status_code == 200 and "Perlu perhatian" in page.content.decode()
    assert 'id="perhatian-budget_missing"' in page.content.decode()
    body = client.get("/api/attention").json()
    assert body["organisation"] == "64.71" and {i["key"] for i in body["items"]} == set(
        keys(region["users"]["balikpapan"])
    )
    client.force_login(region["users"]["pegawai"])
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == "/pengembangan-saya/"
