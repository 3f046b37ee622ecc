"""talenta plan: from imported data to a plan that respects the budget, with the --json contract."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Y
from tests.imports.helpers import run, xlsx
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db
KEYS = {
    "status",
    "objective",
    "bound",
    "gap",
    "cost",
    "budget",
    "assignments",
    "compliant_before",
    "compliant_after",
    "levels_closed",
    "seconds",
}


def catalogue():
    run(
        "katalog",
        xlsx(
            [
                ["KODE", "NAMA", "JP", "BIAYA", "KAPASITAS", "KOMPETENSI", "SASARAN"],
                ["K-PK", "Pengambilan Keputusan", 24, 3_000_000, 10, "PENGAMBILAN_KEPUTUSAN+1", ""],
                ["K-PB", "Wawasan Kebangsaan", 20, 2_000_000, 10, "PEREKAT_BANGSA+1", ""],
                ["K-EL", "E-learning pelayanan", 12, 500_000, 10, "PELAYANAN_PUBLIK+1", "Pelaksana"],
            ]
        ),
    )


def plan(*args, org="64.71"):
    out = StringIO()
    call_command("plan", "--org", org, "--year", str(Y), "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_plan_closes_the_gaps_within_the_budget(examples):
    catalogue()
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", Y, 100_000_000]]))
    body = plan()
    assert KEYS <= set(body)
    assert body["status"] == "optimal" and body["budget"] == 100_000_000 and body["cost"] <= 100_000_000
    a, b = examples
    planned = {(p["nip"], p["programme"]) for p in body["plan"]}
    assert {(a, "K-PK"), (a, "K-PB")} <= planned  # the two gap levels of the worked example
    assert body["levels_closed"] == 2 and body["compliant_after"] == 4  # all four PNS of 64.71 reach 20 JP
    assert body["bound"] >= body["objective"] and body["assignments"] == len(body["plan"])
    assert body["compliant_after"] >= body["compliant_before"]


def test_budget_flag_and_zero_budget(examples):
    catalogue()
    body = plan("--budget", "0")
    assert body["assignments"] == 0 and body["cost"] == 0
    tight = plan("--budget", "3000000")
    assert tight["cost"] <= 3_000_000


def test_missing_budget_is_a_clear_error(examples):
    catalogue()
    with pytest.raises(CommandError, match="--budget"):
        plan()


def test_plan_page_runs_in_the_background_and_shows_the_result(
    examples,
    client,
    region,
    django_capture_on_commit_callbacks,
):
    from talenta.learning.models import PlanRun

    catalogue()
    client.force_login(region["users"]["balikpapan"])
    assert client.get("/organisasi/64.71/rencana/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            "/organisasi/64.71/rencana/",
            {
                "year": Y,
                "budget": 100_000_000,
                "lam": 1,
                "max_programs": 3,
                "max_jp": 60,
                "time_limit": 20,
                "scenarios": "on",
            },
        )
    run = PlanRun.objects.get()
    assert r["Location"] == f"/rencana/{run.pk}/"
    assert run.status == "done" and run.result["status"] == "optimal" and run.result["cost"] <= 100_000_000
    page = client.get(f"/rencana/{run.pk}/").content.decode()
    assert "K-PK" in page and "permenpan-2020.4" in page
    assert [sc["share"] for sc in run.result["scenarios"]] == [0.5, 0.75, 1.0, 1.25, 1.5]
    assert "<polyline" in page and "150%" in page  # the curve of value and coverage against the budget
    assert {c["code"] for c in run.result["summary"]["competencies"]} >= {"PENGAMBILAN_KEPUTUSAN", "PEREKAT_BANGSA"}
    # the result explains itself (issue 23): money left and why, gaps the catalogue cannot close
    x = run.result["summary"]["explain"]
    assert x["left"] == pytest.approx(100_000_000 - run.result["cost"]) and x["reason"] == "nothing_left"
    raised = {"PENGAMBILAN_KEPUTUSAN", "PEREKAT_BANGSA", "PELAYANAN_PUBLIK"}
    assert not {c["code"] for c in x["no_programme"]} & raised  # the worked example: both gaps closable
    assert "Yang tidak dapat dicapai rencana" in page and "Sisa anggaran Rp" in page
    assert client.get(f"/rencana/{run.pk}/peserta.xlsx").status_code == 200
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/rencana/{run.pk}/").status_code == 404
    assert client.get("/organisasi/64.71/rencana/").status_code == 404


def test_scenarios_show_what_more_budget_buys(examples):
    catalogue()
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", Y, 6_000_000]]))
    body = plan("--scenarios")
    sc = body["scenarios"]
    assert [s["share"] for s in sc] == [0.5, 0.75, 1.0, 1.25, 1.5]
    assert [s["budget"] for s in sc] == [3e6, 4.5e6, 6e6, 7.5e6, 9e6]
    assert all(s["cost"] <= s["budget"] for s in sc)
    values = [s["objective"] for s in sc]
    assert values == sorted(values) and values[0] < values[-1]  # more money never buys less
    assert sc[2]["objective"] == pytest.approx(body["objective"])


def test_accepting_a_plan_writes_planned_learning_records(examples, region, client):
    from talenta.learning.models import LearningRecord, PlanRun
    from talenta.learning.params import PlanParams
    from talenta.learning.services import plan_accept, run_plan
    from talenta.org.models import Organisation

    catalogue()
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", Y, 100_000_000]]))
    org = Organisation.objects.get(code="64.71")
    setup, result = run_plan(org, PlanParams(year=Y, time_limit=20))
    from talenta.learning.reports import plan_json

    planned_run = PlanRun.objects.create(organisation=org, year=Y, status="done", result=plan_json(setup, result))
    client.force_login(region["users"]["ppu"])  # another regency: not found
    assert client.post(f"/rencana/{planned_run.pk}/terima/").status_code == 404
    client.force_login(region["users"]["balikpapan"])
    before = LearningRecord.objects.count()
    assert client.post(f"/rencana/{planned_run.pk}/terima/").status_code == 302
    written = LearningRecord.objects.filter(status="planned")
    assert written.count() == LearningRecord.objects.count() - before == result.assignments.__len__()
    a, _b = examples
    titles = set(written.filter(employee__nip=a).values_list("title", flat=True))
    assert titles == {"Pengambilan Keputusan", "Wawasan Kebangsaan"}
    assert all(r.jp > 0 and r.programme_id for r in written)
    assert {r.start for r in written} == {date(Y, 1, 1)}  # the plan's year, not the day of acceptance
    planned_run.refresh_from_db()
    assert planned_run.accepted_at is not None and planned_run.accepted_by == region["users"]["balikpapan"]
    with pytest.raises(Exception, match="sudah diterima|already accepted"):
        plan_accept(actor=region["users"]["balikpapan"], run=planned_run)
    # Attended: the training imported with the same title and start turns the planned record attended.
    record = written.get(employee__nip=a, title="Pengambilan Keputusan")
    imported = run(
        "pelatihan",
        xlsx([["NIP", "NAMA_KEGIATAN", "TANGGAL_MULAI", "JP"], [a, "Pengambilan Keputusan", record.start, 24]]),
    )
    assert (imported.created, imported.updated) == (0, 1)
    record.refresh_from_db()
    assert record.status == "attended"
    # Attended on its real day in the plan's year: the planned record takes the real dates and counts.
    other = written.get(employee__nip=a, title="Wawasan Kebangsaan")
    imported = run(
        "pelatihan",
        xlsx([["NIP", "NAMA_KEGIATAN", "TANGGAL_MULAI", "JP"], [a, "Wawasan Kebangsaan", date(Y, 1, 1), 20]]),
    )
    other.refresh_from_db()
    assert (other.status, imported.created) == ("attended", 0)


def test_accepting_names_every_assignment_it_could_not_write(examples, region, client):
    from talenta.learning.models import LearningRecord, PlanRun
    from talenta.learning.services import plan_accept
    from talenta.org.models import Organisation

    catalogue()
    run(
        "katalog",
        xlsx(
            [
                ["KODE", "NAMA", "JP", "BIAYA", "KAPASITAS", "KOMPETENSI"],
                ["K-PK2", "Pengambilan Keputusan", 24, 3_000_000, 10, "PENGAMBILAN_KEPUTUSAN+1"],
            ]
        ),
    )
    a, b = examples
    org = Organisation.objects.get(code="64.71")
    LearningRecord.objects.create(
        employee=region["bpp2"], title="Wawasan Kebangsaan", start=date(Y, 1, 1), jp=20, status="attended"
    )
    plan = [
        {"nip": a, "programme": "K-PK"},
        {"nip": a, "programme": "K-PK2"},  # another programme of the same name: both written
        {"nip": region["bpp2"].nip, "programme": "K-PB"},  # already recorded on that day
        {"nip": region["ppu"].nip, "programme": "K-PB"},  # not in Balikpapan
        {"nip": b, "programme": "GONE"},  # deleted from the catalogue
    ]
    planned_run = PlanRun.objects.create(organisation=org, year=Y, status="done", result={"plan": plan})
    result = plan_accept(actor=region["users"]["balikpapan"], run=planned_run)
    assert result.written == 2 and len(result.skipped) == 3
    assert {(nip, code) for nip, code, _why in result.skipped} == {
        (region["bpp2"].nip, "K-PB"),
        (region["ppu"].nip, "K-PB"),
        (b, "GONE"),
    }
    assert set(LearningRecord.objects.filter(status="planned").values_list("title", flat=True)) == {
        "Pengambilan Keputusan",
        "Pengambilan Keputusan (K-PK2)",
    }
    planned_run.accepted_at = None
    planned_run.save()
    LearningRecord.objects.filter(status="planned").delete()
    client.force_login(region["users"]["balikpapan"])
    page = client.post(f"/rencana/{planned_run.pk}/terima/", follow=True).content.decode()
    assert "3 penugasan tidak ditulis" in page and "GONE" in page


def test_plan_export_has_a_sheet_per_programme_and_opd_and_a_pdf_summary(examples, region, client):
    import io

    from python_calamine import CalamineWorkbook

    from talenta.learning.models import PlanRun
    from talenta.learning.params import PlanParams
    from talenta.learning.reports import plan_json, plan_summary
    from talenta.learning.services import run_plan
    from talenta.org.models import Organisation

    catalogue()
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", Y, 100_000_000]]))
    org = Organisation.objects.get(code="64.71")
    setup, result = run_plan(org, PlanParams(year=Y, time_limit=20))
    body = {**plan_json(setup, result), "summary": plan_summary(setup, result)}
    planned_run = PlanRun.objects.create(organisation=org, year=Y, status="done", result=body)
    client.force_login(region["users"]["balikpapan"])
    response = client.get(f"/rencana/{planned_run.pk}/peserta.xlsx")
    wb = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    names = wb.sheet_names
    assert names[:3] == ["peserta", "per program", "per OPD"]
    programmes = {p["programme"] for p in body["plan"]}
    assert {f"P {code}" for code in programmes} <= set(names)
    everyone = wb.get_sheet_by_name("peserta").to_python()
    assert everyone[0][:5] == ["NIP", "NAMA", "KODE_UNIT", "OPD", "KODE_PROGRAM"]
    assert len(everyone) - 1 == len(body["plan"])
    per_programme = sum(len(wb.get_sheet_by_name(f"P {c}").to_python()) - 1 for c in programmes)
    assert per_programme == len(body["plan"])
    opd_sheets = [n for n in names if n.startswith("OPD ")]
    assert opd_sheets and sum(len(wb.get_sheet_by_name(n).to_python()) - 1 for n in opd_sheets) == len(body["plan"])
    pdf = client.get(f"/rencana/{planned_run.pk}/peserta.xlsx?format=pdf")
    text = pdf_text(pdf.content)
    assert pdf["Content-Type"] == "application/pdf" and org.name in text and "HiGHS" not in text
    assert "Rp " in text and "Halaman 1 dari" in text
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/rencana/{planned_run.pk}/peserta.xlsx?format=pdf").status_code == 404


def test_rkpd_priorities_weigh_the_competencies_of_tagged_programmes(examples):
    from talenta.learning.params import PlanParams
    from talenta.learning.selectors import build_problem
    from talenta.org.models import Organisation

    run(
        "katalog",
        xlsx(
            [
                ["KODE", "NAMA", "JP", "BIAYA", "KAPASITAS", "KOMPETENSI", "PRIORITAS"],
                ["K-PK", "Pengambilan Keputusan", 24, 3_000_000, 10, "PENGAMBILAN_KEPUTUSAN+1", "RPJMD-1;RKPD-3"],
                ["K-PB", "Wawasan Kebangsaan", 20, 2_000_000, 10, "PEREKAT_BANGSA+1", ""],
            ]
        ),
    )
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", Y, 100_000_000]]))
    setup = build_problem(
        Organisation.objects.get(code="64.71"), PlanParams(year=Y, priorities=("rpjmd-1",), priority_weight=3)
    )
    w = dict(zip(setup.competency_codes, setup.problem.competency_weight, strict=True))
    assert w["PENGAMBILAN_KEPUTUSAN"] == 3 and w["PEREKAT_BANGSA"] == 1 and set(w.values()) == {1, 3}
    plain, weighted = plan(), plan("--priority", "RPJMD-1")
    # The worked example's PENGAMBILAN_KEPUTUSAN level (closed by K-PK) now counts twice.
    assert weighted["objective"] == pytest.approx(plain["objective"] + 1)


def test_cost_per_gap_level_closed_per_programme(examples, region, client):
    from datetime import date

    from talenta.learning.impact import programme_impact
    from talenta.learning.models import LearningRecord, Programme
    from talenta.org.models import Organisation
    from talenta.people.models import Employee
    from tests.conftest import NINE

    catalogue()
    a, b = examples
    pk_, pb = Programme.objects.get(code="K-PK"), Programme.objects.get(code="K-PB")
    for nip, prog in ((a, pk_), (b, pb)):
        LearningRecord.objects.create(
            employee=Employee.objects.get(nip=nip),
            title=prog.name,
            start=date(Y, 1, 10),
            end=date(Y, 1, 12),
            jp=prog.jp,
            status="attended",
            programme=prog,
        )
    # a's next assessment: PENGAMBILAN_KEPUTUSAN 2 -> 3 (the programme's +1), the rest unchanged.
    run("asesmen", xlsx([["NIP", "TANGGAL", "POTENSI", *NINE], [a, date(Y, 2, 1), 85, 3, 3, 3, 3, 3, 3, 3, 3, 2]]))
    rows = {r.code: r for r in programme_impact(Organisation.objects.get(code="64.71"), Y)}
    assert (rows["K-PK"].attended, rows["K-PK"].measured, rows["K-PK"].levels_closed) == (1, 1, 1)
    assert rows["K-PK"].cost_per_level == 3_000_000
    assert (rows["K-PB"].attended, rows["K-PB"].measured, rows["K-PB"].cost_per_level) == (1, 0, None)
    client.force_login(region["users"]["balikpapan"])
    page = client.get(f"/organisasi/64.71/rencana/?year={Y}")
    assert [p.code for p in page.context["impact"]] == ["K-PB", "K-PK"]


def test_plan_parameters_are_one_dataclass_checked_once(region, client):
    from talenta.core.errors import ApplicationError
    from talenta.learning.params import PlanParams
    from talenta.learning.views import PlanForm

    p = PlanParams(year=Y, priorities=(" RPJMD-1 ", ""))
    assert p.priorities == ("RPJMD-1",) and PlanParams.from_dict(p.as_dict() | {"language": "id"}) == p
    for bad in ({"max_programs": 0}, {"time_limit": 0.5}, {"budget": -1}, {"year": 1999}):
        with pytest.raises(ApplicationError) as exc:
            PlanParams(**{"year": Y, **bad})
        assert exc.value.field == next(iter(bad))
    form = PlanForm()
    assert form.fields["lam"].initial == PlanParams.default("lam") and form.fields["max_jp"].initial == 60.0
    client.force_login(region["users"]["balikpapan"])
    page = client.post("/organisasi/64.71/rencana/", {"year": Y, "lam": 1, "max_programs": 3, "max_jp": 5000,
                                                       "time_limit": 60})  # fmt: skip
    assert page.status_code == 200 and "max_jp" in page.context["form"].errors  # refused, nothing started
    from talenta.learning.models import PlanRun

    assert not PlanRun.objects.exists()


def test_approved_idp_items_are_weighed_put_first_or_ignored_and_each_one_left_out_says_why(
    examples, region, client, django_capture_on_commit_callbacks
):
    """Issue 22: an approved IDP item naming a catalogue programme is a requested pair; --idp first plans it
    when it fits, and every item not in the plan is listed with its reason (JSON, page, xlsx)."""
    from django.utils import timezone

    from talenta.competency.models import Competency
    from talenta.learning.models import IdpItem, IdpStatus, PlanRun, Programme
    from talenta.people.models import Employee

    catalogue()
    a, b = examples
    comp = Competency.objects.get(code="PENGAMBILAN_KEPUTUSAN")
    for nip, code in ((b, "K-PK"), (a, "K-EL")):  # K-EL is for Pelaksana only: not open to the analyst
        IdpItem.objects.create(
            employee=Employee.objects.get(nip=nip),
            year=Y,
            programme=Programme.objects.get(code=code),
            competency=comp,
            jp=8,
            status=IdpStatus.APPROVED,
            decided_at=timezone.now(),
        )
    IdpItem.objects.create(  # only approved items of the plan's year count
        employee=Employee.objects.get(nip=a), year=Y, programme=Programme.objects.get(code="K-PB"), competency=comp,
        jp=8, status=IdpStatus.PROPOSED,
    )  # fmt: skip
    first = plan("--budget", "3000000", "--idp", "first")
    assert first["idp"] == "first" and first["idp_requested"] == 2 and first["idp_granted"] == 1
    assert {"nip": b, "programme": "K-PK"} in first["plan"] and first["cost"] <= 3_000_000
    assert [(x["nip"], x["programme"], x["reason"]) for x in first["idp_not_granted"]] == [(a, "K-EL", "not_eligible")]
    none = plan("--budget", "0", "--idp", "ignore")
    reasons = {(x["nip"], x["programme"]): x["reason"] for x in none["idp_not_granted"]}
    assert none["idp_granted"] == 0 and reasons == {(b, "K-PK"): "budget", (a, "K-EL"): "not_eligible"}
    with pytest.raises(CommandError, match="invalid choice"):
        plan("--idp", "sometimes")
    # the page: the IDP question on the form, the table of items left out on the result, a sheet in the xlsx
    client.force_login(region["users"]["balikpapan"])
    form = client.get("/organisasi/64.71/rencana/").content.decode()
    assert 'name="idp"' in form and "<details" in form
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisasi/64.71/rencana/", {"year": Y, "budget": 0, "idp": "first", "lam": 1,
                                                  "max_programs": 3, "max_jp": 60, "time_limit": 10})  # fmt: skip
    run_ = PlanRun.objects.get()
    assert run_.status == "done" and run_.params["idp"] == "first"
    page = client.get(f"/rencana/{run_.pk}/").content.decode()
    assert 'id="idp"' in page and "Pengambilan Keputusan" in page and "anggaran yang tersisa" in page
    import io

    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(client.get(f"/rencana/{run_.pk}/peserta.xlsx").content))
    sheets = {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}
    assert sheets["IDP tidak terpenuhi"][0] == ["NIP", "NAMA", "KODE_PROGRAM", "PROGRAM", "ALASAN"]
    assert {row[2] for row in sheets["IDP tidak terpenuhi"][1:]} == {"K-PK", "K-EL"}


def test_a_joint_plan_of_a_province_and_its_governments(examples, region, client, django_capture_on_commit_callbacks):
    """Issue 24: --budget-by government plans the province's and its regencies' employees together: the seats
    of the province's programmes are shared, each government pays for its own people within its own pagu, a
    regency's own programme is for its own people; per government figures, the separate plans beside it."""
    from talenta.competency.models import Competency
    from talenta.learning.models import Budget, Programme, ProgrammeCompetency
    from talenta.org.models import Organisation
    from talenta.people.models import Employee

    prov, bpp, ppu = (Organisation.objects.get(code=c) for c in ("64", "64.71", "64.09"))
    comp = Competency.objects.get(code="PEREKAT_BANGSA")
    shared = Programme.objects.create(code="P-PROV", name="Wawasan Kebangsaan Provinsi", owner=prov, jp=24,
                                      cost=1_000_000, capacity=2)  # fmt: skip
    Programme.objects.create(code="P-BPP", name="Pelatihan Kota", owner=bpp, jp=24, cost=400_000, capacity=10)
    ProgrammeCompetency.objects.create(programme=shared, competency=comp, levels=1)
    for org, amount in ((bpp, 1_500_000), (ppu, 1_000_000), (prov, 0)):
        Budget.objects.create(organisation=org, year=Y, amount=amount)
    body = plan("--budget-by", "government", org="64")
    assert body["budget_by"] == "government" and body["budget"] == 2_500_000
    govs = {g["code"]: g for g in body["by_government"]}
    assert {"64.71", "64.09"} <= set(govs)
    keys = {"code", "budget", "cost", "assignments", "compliant_before", "compliant_after", "levels_closed"}
    assert all(keys <= set(g) for g in govs.values())
    assert all(g["cost"] <= (g["budget"] or 0) + 1e-6 for g in govs.values())  # each within its own pagu
    assert govs["64.09"]["budget"] == 1_000_000 and govs["64.09"]["assignments"] >= 1  # PPU gets a shared seat
    ppu_nips = set(Employee.objects.filter(org_path__startswith=ppu.path).values_list("nip", flat=True))
    assert not [a for a in body["plan"] if a["programme"] == "P-BPP" and a["nip"] in ppu_nips]
    assert sum(1 for a in body["plan"] if a["programme"] == "P-PROV") <= 2
    sep = body["separate"]
    assert sep["joint_objective"] >= sep["objective"] - 1e-6 and sep["gain_percent"] is not None
    assert sum(g["cost"] for g in govs.values()) == pytest.approx(body["cost"])
    # --per-unit-budget stays the alias of --budget-by opd
    assert plan("--per-unit-budget", "--budget", "2500000", org="64")["budget_by"] == "opd"
    # the page: the question on the form, the table per government, a sheet per government in the xlsx
    import io

    from python_calamine import CalamineWorkbook

    from talenta.learning.models import PlanRun

    client.force_login(region["users"]["kaltim"])
    assert 'value="government"' in client.get("/organisasi/64/rencana/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/organisasi/64/rencana/", {"year": Y, "budget_by": "government", "lam": 1, "max_programs": 3,
                                                "max_jp": 60, "time_limit": 10})  # fmt: skip
    run_ = PlanRun.objects.get()
    page = client.get(f"/rencana/{run_.pk}/").content.decode()
    assert 'id="pemda"' in page and "Kabupaten Penajam Paser Utara" in page and "Wawasan Kebangsaan Provinsi" in page
    wb = CalamineWorkbook.from_filelike(io.BytesIO(client.get(f"/rencana/{run_.pk}/peserta.xlsx").content))
    assert "per pemda" in wb.sheet_names and "Pemda 64.09" in wb.sheet_names
