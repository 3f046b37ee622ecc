from datetime import date

import pytest

from talenta.analytics.selectors import employee_measures
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.talent import reviews
from talenta.talent.models import BoxHistory, Calibration, PoolMember, ReviewStatus

from .helpers import place_in_boxes

TODAY = date(2026, 11, 28)


@pytest.fixture
def talent(region):
    return place_in_boxes(region)


def _open(region, org_code="64.71", actor="balikpapan", members=()):
    from talenta.org.models import Organisation

    users = region["users"]
    s = reviews.review_create(
        actor=users[actor],
        name="Rapat talenta 2026",
        year=2026,
        org=Organisation.objects.get(code=org_code),
        members=[users[m] for m in members],
    )
    reviews.review_prepare(s.pk, today=TODAY)
    s.refresh_from_db()
    return s


def test_opening_snapshots_the_engine_boxes_of_the_subtree(talent):
    s = _open(talent)
    assert s.status == ReviewStatus.OPEN and s.employees == 2 and s.ruleset
    entries = {e.employee.nip: e for e in s.entries.select_related("employee")}
    assert set(entries) == {talent["bpp"].nip, talent["bpp2"].nip}  # not Penajam's employee
    for emp in (talent["bpp"], talent["bpp2"]):
        m = employee_measures(emp, year=2026, today=TODAY)
        e = entries[emp.nip]
        assert e.raw_box == e.box == m.box
        assert e.potential_score == pytest.approx(m.potential_score, abs=0.01)
    assert entries[talent["bpp"].nip].box == 9
    assert entries[talent["bpp2"].nip].box == 5
    assert entries[talent["bpp"].nip].agency.code == "64.71.01"  # the OPD, not the unit


def test_calibration_needs_a_reason_and_keeps_both_values(talent):
    s = _open(talent)
    e = s.entries.get(employee=talent["bpp2"])
    user = talent["users"]["balikpapan"]
    with pytest.raises(ApplicationError) as exc:
        reviews.calibrate(actor=user, session=s, entry_id=e.pk, performance=2, potential=1, reason="  ")
    assert exc.value.field == "reason"
    reviews.calibrate(
        actor=user, session=s, entry_id=e.pk, performance=2, potential=1, reason="Kinerja triwulan IV sangat baik"
    )
    e.refresh_from_db()
    assert (e.raw_performance, e.raw_potential, e.raw_box) == (1, 1, 5)
    assert (e.performance, e.potential, e.box) == (2, 1, 7)  # di atas x menengah = box 7 (RULES.md §5)
    c = Calibration.objects.get(entry=e)
    assert (c.from_performance, c.to_performance, c.reason) == (1, 2, "Kinerja triwulan IV sangat baik")
    with pytest.raises(ApplicationError):  # the same bands again: nothing to record
        reviews.calibrate(actor=user, session=s, entry_id=e.pk, performance=2, potential=1, reason="lagi")


def test_only_members_calibrate_and_never_outside_the_scope(talent):
    s = _open(talent, members=["kaltim"])
    ppu_session = _open(talent, org_code="64.09", actor="ppu")
    outsider_entry = ppu_session.entries.get()
    e = s.entries.get(employee=talent["bpp"])
    with pytest.raises(PermissionDenied):
        reviews.calibrate(
            actor=talent["users"]["nasional"], session=s, entry_id=e.pk, performance=0, potential=0, reason="x"
        )
    # A member may calibrate, but an entry of another session (Penajam) is not found through this one.
    reviews.calibrate(actor=talent["users"]["kaltim"], session=s, entry_id=e.pk, performance=1, potential=2, reason="x")
    with pytest.raises(NotFound):
        reviews.calibrate(
            actor=talent["users"]["balikpapan"],
            session=s,
            entry_id=outsider_entry.pk,
            performance=0,
            potential=0,
            reason="x",
        )
    with pytest.raises(NotFound):
        reviews.review_get(actor=talent["users"]["balikpapan"], pk=ppu_session.pk)


def test_members_must_see_the_organisation(talent):
    with pytest.raises(ApplicationError) as exc:
        _open(talent, members=["ppu"])  # Penajam's admin cannot see Balikpapan's employees
    with pytest.raises(ApplicationError):
        _open(talent, members=["opd"])  # an OPD officer sees only their own agency
    assert exc.value.field == "members"


def test_finalising_locks_and_records_history_and_pools(talent):
    s = _open(talent, members=["kaltim"])
    e = s.entries.get(employee=talent["bpp2"])
    reviews.calibrate(
        actor=talent["users"]["kaltim"], session=s, entry_id=e.pk, performance=2, potential=1, reason="Bukti kinerja"
    )
    with pytest.raises(PermissionDenied):
        reviews.review_finalise(actor=talent["users"]["kaltim"], session=s)  # members do not finalise
    assert reviews.review_finalise(actor=talent["users"]["balikpapan"], session=s) == 2
    s.refresh_from_db()
    assert s.status == ReviewStatus.FINAL and s.finalised_by == talent["users"]["balikpapan"]
    assert dict(BoxHistory.objects.values_list("employee__nip", "box")) == {talent["bpp"].nip: 9, talent["bpp2"].nip: 7}
    pool = {p.employee.nip: p for p in PoolMember.objects.select_related("employee")}
    assert pool[talent["bpp"].nip].national and pool[talent["bpp"].nip].level == "fungsional"
    assert not pool[talent["bpp2"].nip].national and pool[talent["bpp2"].nip].status == "proposed"
    with pytest.raises(PermissionDenied):
        reviews.calibrate(
            actor=talent["users"]["balikpapan"], session=s, entry_id=e.pk, performance=1, potential=1, reason="x"
        )


def test_a_confirmed_pool_decision_survives_a_later_review(talent):
    s = _open(talent)
    reviews.review_finalise(actor=talent["users"]["balikpapan"], session=s)
    PoolMember.objects.filter(employee=talent["bpp"]).update(status="confirmed")
    s2 = _open(talent)
    reviews.review_finalise(actor=talent["users"]["balikpapan"], session=s2)
    assert PoolMember.objects.get(employee=talent["bpp"]).status == "confirmed"
    assert BoxHistory.objects.filter(employee=talent["bpp"]).count() == 1  # one box per employee and year


def test_distribution_and_guideline_warning(talent):
    s = _open(talent)
    d = reviews.review_distribution(s)
    assert d.boxes[9] == 1 and d.boxes[5] == 1 and d.placed == 2
    assert (9, 50.0, 5.0) in d.warnings  # half the placed employees in box 9 against a 5% guideline
    assert dict(d.by_gender) == {"P": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "L": [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]}
    assert [code for code, _name, _row in d.by_agency] == ["64.71.01", "64.71.02"]


def test_movement_between_two_years(talent):
    from talenta.org.models import Organisation

    BoxHistory.objects.create(employee=talent["bpp"], year=2025, box=5, ruleset="x")
    BoxHistory.objects.create(employee=talent["bpp"], year=2026, box=9, ruleset="x")
    BoxHistory.objects.create(employee=talent["bpp2"], year=2026, box=2, ruleset="x")  # no 2025: not counted
    BoxHistory.objects.create(employee=talent["ppu"], year=2025, box=1, ruleset="x")
    BoxHistory.objects.create(employee=talent["ppu"], year=2026, box=1, ruleset="x")
    matrix, n = reviews.box_movement(
        actor=talent["users"]["balikpapan"], org=Organisation.objects.get(code="64.71"), year_from=2025, year_to=2026
    )
    assert n == 1 and matrix[5, 9] == 1 and matrix.sum() == 1


def test_profile_shows_box_history_with_arrows(client, talent):
    BoxHistory.objects.create(employee=talent["bpp"], year=2024, box=2, ruleset="x")
    BoxHistory.objects.create(employee=talent["bpp"], year=2025, box=5, ruleset="x")
    BoxHistory.objects.create(employee=talent["bpp"], year=2026, box=4, ruleset="x")
    client.force_login(talent["users"]["balikpapan"])
    r = client.get(f"/pegawai/{talent['bpp'].nip}/")
    assert r.context["box_history"] == [(2024, 2, ""), (2025, 5, "↑"), (2026, 4, "→")]
