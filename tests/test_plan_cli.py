"""talenta plan: from imported data to a plan that respects the budget, with the --json contract."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Y
from tests.imports.helpers import run, xlsx

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


def plan(*args):
    out = StringIO()
    call_command("plan", "--org", "64.71", "--year", str(Y), "--json", *args, stdout=out)
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
            {"year": Y, "budget": 100_000_000, "lam": 1, "max_programs": 3, "max_jp": 60, "time_limit": 20},
        )
    run = PlanRun.objects.get()
    assert r["Location"] == f"/rencana/{run.pk}/"
    assert run.status == "done" and run.result["status"] == "optimal" and run.result["cost"] <= 100_000_000
    page = client.get(f"/rencana/{run.pk}/").content.decode()
    assert "K-PK" in page and "permenpan-2020.1" in page
    assert {c["code"] for c in run.result["summary"]["competencies"]} >= {"PENGAMBILAN_KEPUTUSAN", "PEREKAT_BANGSA"}
    assert client.get(f"/rencana/{run.pk}/peserta.xlsx").status_code == 200
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/rencana/{run.pk}/").status_code == 404
    assert client.get("/organisasi/64.71/rencana/").status_code == 404
