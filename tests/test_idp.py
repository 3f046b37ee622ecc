"""Individual development plans (issue 22): the employee proposes for themself, an approver in scope decides,
the employee sees the decision; the employee's own development page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.models import AuditLog
from talenta.dashboards.attention import attention
from talenta.learning import idp
from talenta.learning.models import IdpItem, IdpStatus, Programme, ProgrammeCompetency
from talenta.org.models import Organisation, Role
from tests.factories import employee, user

TODAY = timezone.localdate()


@pytest.fixture
def world(region):
    """Andi (a nurse of Balikpapan's health office, 64.71.02) with a login, a catalogue open to him and one
    that is not, and an assessment below his standard."""
    andi = region["bpp2"]
    login = user("andi", Role.EMPLOYEE, employee=andi)
    bpp = Organisation.objects.get(code="64.71")
    comm = Competency.objects.get(code="KOMUNIKASI")
    open_ = Programme.objects.create(
        code="K-KOM",
        name="Komunikasi Efektif",
        owner=bpp,
        jp=24,
        cost=1_500_000,
        capacity=30,
        form="pelatihan klasikal",
    )
    ProgrammeCompetency.objects.create(programme=open_, competency=comm, levels=2)
    Programme.objects.create(
        code="K-JPT",
        name="Kepemimpinan JPT",
        owner=bpp,
        jp=40,
        cost=9_000_000,
        capacity=10,
        eligible_job_kinds=["JPT_PRATAMA"],
    )
    Programme.objects.create(
        code="K-PPU", name="Program PPU", owner=Organisation.objects.get(code="64.09"), jp=8, cost=100, capacity=10
    )
    PositionStandard.objects.filter(position=andi.position, competency=comm).update(level=3)
    a = Assessment.objects.create(employee=andi, date=TODAY - timedelta(days=30))
    AssessmentScore.objects.create(assessment=a, competency=comm, level=1)
    return {**region, "andi": andi, "login": login, "comm": comm}


def propose(world, **kw):
    data = {"year": TODAY.year, "competency": "KOMUNIKASI", **kw}
    return idp.idp_propose(actor=world["login"], data=idp.IdpInput(**data))


def test_an_employee_proposes_for_themself_within_the_rules(world):
    item = propose(world, programme="K-KOM", reason="Melayani pasien")
    assert (item.employee, item.jp, item.cost, item.status) == (world["andi"], 24, 1_500_000, IdpStatus.PROPOSED)
    other = propose(
        world,
        activity="Magang di RSUD",
        form="magang",
        jp="40",
        cost="2.000.000".replace(".", ""),
        provider="RSUD Kanujoso",
    )
    assert other.form == "magang" and other.programme is None
    for bad, message in (
        ({"programme": "K-JPT"}, "not in the catalogue|tidak ada dalam katalog"),  # not his job kind
        ({"programme": "K-PPU"}, "not in the catalogue|tidak ada dalam katalog"),  # another government's
        ({"programme": "K-KOM"}, "already|sudah ada"),
        ({"activity": "Belajar", "form": "tarian", "jp": "4"}, "form|bentuk"),
        ({"activity": "Belajar", "form": "e-learning", "jp": "0"}, "JP"),
        ({"year": TODAY.year + 2, "programme": "K-KOM"}, "this year or the next|tahun ini atau tahun depan"),
    ):
        with pytest.raises(ApplicationError, match=message):
            propose(world, **bad)
    propose(world, activity="Coaching", form="coaching", jp="2")
    with pytest.raises(ApplicationError, match="At most 3|Paling banyak 3"):
        propose(world, activity="Mentoring", form="mentoring", jp="2")
    # An admin has no employee record: nobody proposes for someone else.
    with pytest.raises(PermissionDenied):
        idp.idp_propose(
            actor=world["users"]["balikpapan"],
            data=idp.IdpInput(year=TODAY.year, competency="KOMUNIKASI", programme="K-KOM"),
        )
    assert AuditLog.objects.filter(action="idp.propose").count() == 3


def test_approvers_decide_within_scope_and_the_employee_sees_why(world, client):
    item = propose(world, programme="K-KOM")
    with pytest.raises(NotFound):  # PPU's admin does not even see it
        idp.idp_decide(actor=world["users"]["ppu"], pk=item.pk, status=IdpStatus.APPROVED)
    with pytest.raises(PermissionDenied):  # the employee does not approve their own
        idp.idp_decide(actor=world["login"], pk=item.pk, status=IdpStatus.APPROVED)
    with pytest.raises(ApplicationError, match="why|alasan"):
        idp.idp_decide(actor=world["users"]["opd"], pk=item.pk, status=IdpStatus.REJECTED, note=" ")
    assert {i.key for i in attention(actor=world["users"]["opd"], today=TODAY)[1]} >= {"idp_waiting"}
    idp.idp_decide(actor=world["users"]["opd"], pk=item.pk, status=IdpStatus.REJECTED, note="Kuota penuh")
    item.refresh_from_db()
    assert (item.status, item.decided_by, item.decision_note) == (
        IdpStatus.REJECTED,
        world["users"]["opd"],
        "Kuota penuh",
    )
    log = AuditLog.objects.get(action="idp.decide")
    assert log.actor == world["users"]["opd"] and log.detail["note"] == "Kuota penuh"
    with pytest.raises(ApplicationError, match="already|sudah"):
        idp.idp_decide(actor=world["users"]["balikpapan"], pk=item.pk, status=IdpStatus.APPROVED)
    assert "idp_waiting" not in {i.key for i in attention(actor=world["users"]["opd"], today=TODAY)[1]}
    client.force_login(world["login"])
    page = client.get("/pengembangan-saya/").content.decode()
    assert "ditolak" in page and "Kuota penuh" in page and 'id="keputusan-' in page
    assert 'id="keputusan-' not in client.get("/pengembangan-saya/").content.decode()  # seen once


def test_the_head_of_the_unit_decides_with_their_own_login(world):
    head = employee(
        "64.71.02", name="Kepala Seksi", position="Kepala Seksi Pelayanan", job_kind="Pengawas", golongan="III/d"
    )
    head_login = user("kasi", Role.EMPLOYEE, employee=head)
    item = propose(world, programme="K-KOM")
    assert list(idp.idp_waiting(head_login)) == [item]
    idp.idp_decide(actor=head_login, pk=item.pk, status=IdpStatus.APPROVED)
    assert IdpItem.objects.get(pk=item.pk).status == IdpStatus.APPROVED
    clerk = world["users"]["pegawai"]  # another unit, no structural post
    assert not idp.idp_waiting(clerk).exists()


def test_my_development_page(world, client):
    client.force_login(world["login"])
    assert client.get("/").headers["Location"] == "/pengembangan-saya/"
    r = client.get("/pengembangan-saya/")
    html = r.content.decode()
    assert r.status_code == 200 and "Pengembangan saya" in html and "Komunikasi Efektif" in html
    assert "Kepemimpinan JPT" not in html and "Program PPU" not in html  # not open to him
    offers = r.context["d"].offers
    assert (offers[0].programme.code, offers[0].levels, offers[0].competencies) == ("K-KOM", 2, ["Komunikasi"])
    r = client.post("/pengembangan-saya/usul/", {"year": TODAY.year, "competency": "KOMUNIKASI", "programme": "K-KOM"})
    assert r.status_code == 302 and IdpItem.objects.filter(employee=world["andi"]).count() == 1
    r = client.post("/pengembangan-saya/usul/", {"year": TODAY.year, "competency": "KOMUNIKASI", "activity": "x"})
    assert r.status_code == 400 and "bentuk kegiatan" in r.content.decode()
    # An admin has no page of their own here; the approvals list is theirs.
    client.force_login(world["users"]["opd"])
    assert client.get("/pengembangan-saya/").status_code == 404
    assert "Komunikasi Efektif" in client.get("/idp/").content.decode()
    client.force_login(world["users"]["ppu"])
    assert "Komunikasi Efektif" not in client.get("/idp/").content.decode()


def test_the_api_proposes_for_oneself_and_decides_in_scope(world, client):
    client.force_login(world["login"])
    r = client.post(
        "/api/idp",
        {"year": TODAY.year, "competency": "KOMUNIKASI", "programme": "K-KOM"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    pk = r.json()["id"]
    assert r.json()["nip"] == world["andi"].nip and r.json()["status"] == "diajukan"
    me = client.get("/api/me/development").json()
    assert me["nip"] == world["andi"].nip and [i["id"] for i in me["idp"]] == [pk]
    assert me["programmes"][0]["code"] == "K-KOM" and me["programmes"][0]["levels_closed"] == 2
    assert (
        client.post(f"/api/idp/{pk}/decision", {"status": "disetujui"}, content_type="application/json").status_code
        == 403
    )
    client.force_login(world["users"]["ppu"])
    assert (
        client.post(f"/api/idp/{pk}/decision", {"status": "disetujui"}, content_type="application/json").status_code
        == 404
    )
    assert client.get("/api/idp").json()["count"] == 0
    client.force_login(world["users"]["opd"])
    assert client.get("/api/idp").json()["count"] == 1
    r = client.post(f"/api/idp/{pk}/decision", {"status": "ditolak"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["error"]["field"] == "note"
    r = client.post(f"/api/idp/{pk}/decision", {"status": "disetujui"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "disetujui" and r.json()["decided_by"] == "opd"
    # An admin proposes nothing: an IDP item is the employee's own.
    r = client.post(
        "/api/idp",
        {"year": TODAY.year, "competency": "KOMUNIKASI", "programme": "K-KOM"},
        content_type="application/json",
    )
    assert r.status_code == 403


def test_the_idp_import_checks_each_row_and_the_cap(world):
    from tests.imports.helpers import run, xlsx

    andi, ppu = world["andi"], world["ppu"]
    header = ["NIP", "TAHUN", "KODE_PROGRAM", "KEGIATAN", "KOMPETENSI", "BENTUK", "JP", "BIAYA", "STATUS", "ALASAN"]
    rows = [
        [andi.nip, TODAY.year, "K-KOM", "", "KOMUNIKASI", "", "", "", "disetujui", ""],
        [andi.nip, TODAY.year, "", "Coaching", "KOMUNIKASI", "coaching", 2, "", "diajukan", ""],
        [andi.nip, TODAY.year, "", "Mentoring", "KOMUNIKASI", "mentoring", 2, "", "diajukan", ""],
        [andi.nip, TODAY.year, "", "Magang", "KOMUNIKASI", "magang", 20, "", "diajukan", ""],  # the 4th open
        [andi.nip, TODAY.year, "", "Seminar", "KOMUNIKASI", "seminar", 4, "", "ditolak", ""],  # no reason
        [andi.nip, TODAY.year, "K-JPT", "", "KOMUNIKASI", "", "", "", "diajukan", ""],  # not his job kind
        [andi.nip, TODAY.year, "", "Tari", "KOMUNIKASI", "menari", 4, "", "diajukan", ""],  # no such form
        [ppu.nip, TODAY.year, "", "Coaching", "KOMUNIKASI", "coaching", 2, "", "diajukan", ""],  # out of scope
    ]
    r = run("idp", xlsx([header, *rows], text_cols={0}), actor=world["users"]["balikpapan"])
    assert (r.created, r.rejected) == (3, 5), r.errors
    assert {e.row for e in r.errors} == {5, 6, 7, 8, 9}
    approved = IdpItem.objects.get(employee=andi, programme__code="K-KOM")
    assert approved.status == IdpStatus.APPROVED and approved.decided_by == world["users"]["balikpapan"]
    assert approved.jp == 24 and approved.cost == 1_500_000  # from the catalogue
    r = run("idp", xlsx([header, *rows[:3]], text_cols={0}), actor=world["users"]["balikpapan"])
    assert (r.created, r.unchanged) == (0, 3)


def test_akpk_rows_are_the_analytics_gaps_with_what_is_proposed(world, client, tmp_path):
    from io import BytesIO, StringIO

    from django.core.management import call_command
    from django.db.models import Q
    from python_calamine import CalamineWorkbook

    from talenta.analytics.population import compute, load_population
    from talenta.core.rulesets import active_ruleset
    from talenta.engine import measures as m

    item = propose(world, programme="K-KOM")
    idp.idp_decide(actor=world["users"]["opd"], pk=item.pk, status=IdpStatus.APPROVED)
    out = tmp_path / "akpk.xlsx"
    call_command("export", "akpk", "--org", "64.71", "--year", str(TODAY.year), "--out", str(out), stdout=StringIO())
    wb = CalamineWorkbook.from_path(str(out))
    rows = wb.get_sheet_by_name("akpk").to_python()
    header, body = rows[0], rows[1:]
    assert header[:10] == [
        "NIP",
        "NAMA",
        "KODE_UNIT",
        "JABATAN",
        "JENIS_JABATAN",
        "KODE_KOMPETENSI",
        "KOMPETENSI",
        "STANDAR",
        "LEVEL_AKTUAL",
        "KESENJANGAN",
    ]
    # The gaps of the analytics' population and engine for the same scope, one row each.
    rules = active_ruleset()
    pop = load_population(employees=Q(org_path__startswith="/ID/64/64.71/"), rules=rules, year=TODAY.year, today=TODAY)
    gaps = compute(pop, m.tables_for(rules)).jpm.gaps
    expected = {(pop.nip[i], pop.competency_codes[j], int(gaps[i, j])) for i, j in zip(*gaps.nonzero(), strict=True)}
    assert {(str(r[0]), r[5], int(r[9])) for r in body} == expected and len(body) == len(expected)
    komunikasi = next(r for r in body if r[0] == world["andi"].nip and r[5] == "KOMUNIKASI")
    assert (komunikasi[10], komunikasi[11], komunikasi[15]) == ("Komunikasi Efektif", "IDP", "disetujui")
    summary = {r[0]: r for r in wb.get_sheet_by_name("per_kompetensi").to_python()[1:]}
    assert summary["Komunikasi"][1] >= 1 and summary["Komunikasi"][2] >= 1
    client.force_login(world["users"]["opd"])
    r = client.get("/organisasi/64.71.02/akpk.xlsx")
    assert r.status_code == 200
    mine = CalamineWorkbook.from_filelike(BytesIO(r.content)).get_sheet_by_name("akpk").to_python()[1:]
    assert {str(x[0]) for x in mine} <= {e.nip for e in Organisation.objects.get(code="64.71.02").employees.all()} | {
        world["andi"].nip
    }
    client.force_login(world["users"]["ppu"])
    assert client.get("/organisasi/64.71/akpk.xlsx").status_code == 404
