"""The worked examples of RULES.md, from files imported by the real importer to the analitik export."""

import csv
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from talenta.analytics.selectors import employee_measures
from talenta.people.models import Employee
from tests.conftest import Y
from tests.imports.helpers import run, xlsx

pytestmark = pytest.mark.django_db


def export(year=Y):
    out = StringIO()
    path = f"/tmp/analitik-{year}.csv"
    call_command("export", "analitik", "--org", "64.71", "--year", str(year), "--out", path, stdout=out)
    with open(path, encoding="utf-8-sig") as fh:
        return {row["NIP"]: row for row in csv.DictReader(fh)}


def test_worked_examples_through_the_export(examples):
    a, b = examples
    rows = export()
    box = rows[a]
    assert (box["JPM"], box["KATEGORI_JPM"], box["KATEGORI_SELEKSI"], box["IKK"]) == ("92.59", "Optimal", "MS", "7.41")
    assert (box["SKOR_POTENSI"], box["PITA_POTENSI"], box["KOTAK"], box["PREDIKAT"]) == ("88.25", "tinggi", "8", "Baik")
    assert box["SET_ATURAN"] == "permenpan-2020.4" and box["KELOMPOK_TALENTA"] == "Ya"
    ip = rows[b]
    assert (ip["IP_KUALIFIKASI"], ip["IP_KOMPETENSI"], ip["IP_KINERJA"], ip["IP_DISIPLIN"]) == (
        "15.00",
        "22.50",
        "25.00",
        "5.00",
    )
    assert (ip["IP_ASN"], ip["KATEGORI_IP"]) == ("67.50", "Rendah")
    assert list(rows[a])[:14] == [
        "NIP",
        "NAMA",
        "KODE_UNIT",
        "JABATAN",
        "JENIS_JABATAN",
        "JPM",
        "KATEGORI_JPM",
        "SKOR_KINERJA",
        "SKOR_POTENSI",
        "KOTAK",
        "IP_ASN",
        "KATEGORI_IP",
        "JP_TAHUN",
        "MEMENUHI_20JP",
    ]


def test_sangat_baik_moves_the_same_person_to_box_9(examples):
    a, _ = examples
    run("kinerja", xlsx([["NIP", "TAHUN", "HASIL_KERJA", "PERILAKU_KERJA"], [a, Y - 1, "di atas", "di atas"]]))
    assert export()[a]["KOTAK"] == "9"


def test_profile_measures_match_the_export(examples, client, region):
    a, _ = examples
    emp = Employee.objects.get(nip=a)
    mm = employee_measures(emp)
    assert (mm.jpm, mm.box, mm.potential_score, mm.ruleset) == (92.59, 8, 88.25, "permenpan-2020.4")
    assert mm.gaps == {"PENGAMBILAN_KEPUTUSAN": 1, "PEREKAT_BANGSA": 1}
    client.force_login(region["users"]["balikpapan"])
    html = client.get(f"/pegawai/{a}/").content.decode()
    assert "92.59" in html or "92,59" in html
    assert "permenpan-2020.4" in html


def test_rollup_page_api_and_people_behind_a_figure(examples, client, region, django_assert_max_num_queries):
    a, b = examples
    client.force_login(region["users"]["kaltim"])
    with django_assert_max_num_queries(20):  # fixed, whatever the number of employees
        page = client.get("/organisasi/64/analitik/")
    assert page.status_code == 200
    t = page.context["t"]
    assert t.employees == 5 and t.boxes[8] == 1
    children = {c.code: c for c in page.context["r"].children}
    assert children["64.71"].employees == 4 and children["64.09"].employees == 1
    people = client.get("/organisasi/64/analitik/daftar/?kotak=8")
    assert [e["nip"] for e in people.context["page"]] == [a]
    body = client.get("/api/organisations/64.71/rollup").json()
    assert body["ruleset"] == "permenpan-2020.4" and body["total"]["boxes"]["8"] == 1
    assert body["total"]["ip_categories"]["Rendah"] >= 1
    m = client.get(f"/api/employees/{a}/measures").json()
    assert (m["jpm"], m["box"], m["potential_score"], m["ruleset"]) == (92.59, 8, 88.25, "permenpan-2020.4")
    csv_body = client.get("/organisasi/64.71/analitik.csv").getvalue().decode("utf-8-sig")
    assert csv_body.startswith("NIP,NAMA,KODE_UNIT") and a in csv_body


def test_analytics_is_scoped(examples, client, region):
    a, _ = examples
    client.force_login(region["users"]["ppu"])
    assert client.get("/organisasi/64.71/analitik/").status_code == 404
    assert client.get("/organisasi/64.71/analitik.csv").status_code == 404
    assert client.get("/api/organisations/64.71/rollup").status_code == 404
    assert client.get(f"/api/employees/{a}/measures").status_code == 404
    listed = client.get("/organisasi/64.09/analitik/daftar/").context["page"]
    assert a not in [e["nip"] for e in listed]


def test_rollup_command_agrees_with_the_api_and_writes_a_table(examples, client, region, tmp_path):
    client.force_login(region["users"]["nasional"])
    api = client.get("/api/organisations/64/rollup").json()
    out = StringIO()
    call_command("rollup", "--org", "64", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["total"] == api["total"] and body["children"] == api["children"]
    assert body["total"]["employees"] == 5 and body["seconds"] >= 0 and body["peak_memory_mb"] > 0
    path = tmp_path / "rollup.csv"
    call_command("rollup", "--org", "64", "--out", str(path), stdout=StringIO())
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["KODE"] for r in rows] == ["64", *[c["code"] for c in api["children"]]]
    assert rows[0]["PEGAWAI"] == "5" and rows[0]["KOTAK_8"] == "1"
    text = StringIO()
    call_command("rollup", "--org", "64", stdout=text)
    assert "5 employees" in text.getvalue()
    with pytest.raises(CommandError, match="not found|tidak ditemukan"):
        call_command("rollup", "--org", "99.99", stdout=StringIO())


def test_web_and_api_send_a_national_sized_rollup_to_the_command(examples, client, region, monkeypatch):
    import talenta.analytics.rollup as ru

    client.force_login(region["users"]["nasional"])
    monkeypatch.setattr(ru, "MAX_ONLINE", 4)  # the region has 5 employees
    r = client.get("/api/organisations/ID/rollup")
    assert r.status_code == 400 and r.json()["error"]["code"] == "too_large"
    page = client.get("/organisasi/ID/analitik/")
    assert "talenta rollup --org ID" in page.content.decode() and "t" not in page.context
    assert client.get("/api/organisations/64.09/rollup").status_code == 200  # a small subtree still answers


def test_ip_asn_windows_count_this_years_learning_in_this_years_index(examples, region):
    """RULES.md §6: for the IP ASN of Y, technical training counts in Y (not Y-1), a seminar in Y-1 or Y,
    the SKP of Y-1; the same training measured for Y-1 does not count (it is after Y-1's reference date)."""
    _, b = examples
    assert export()[b]["IP_KOMPETENSI"] == "22.50"  # 30 JP technical in Y
    assert export(Y - 1)[b]["IP_KOMPETENSI"] == "0.00"  # Y's training is after 31 December of Y-1
    run(
        "pelatihan",
        xlsx(
            [
                ["NIP", "NAMA_KEGIATAN", "TANGGAL_MULAI", "JP", "JENIS"],
                [b, "Seminar Kearsipan Nasional", date(Y - 1, 6, 1), 8, "seminar"],
                [b, "Bimtek Arsip Lama", date(Y - 1, 2, 1), 40, "teknis"],
            ]
        ),
    )
    now = export()[b]
    assert (now["IP_KOMPETENSI"], now["IP_ASN"]) == ("40.00", "85.00")  # 22.5 technical + 17.5 seminar (Y-1)
    before = export(Y - 1)[b]
    assert before["IP_KOMPETENSI"] == "40.00"  # Y-1's own training and seminar
    assert before["IP_KINERJA"] == "0.00"  # no SKP of Y-2
    assert export(Y + 1)[b]["IP_KOMPETENSI"] == "0.00"  # neither is within Y+1's windows
    emp = Employee.objects.get(nip=b)
    m = employee_measures(emp, year=Y)
    assert m.ip_windows.technical_from == date(Y, 1, 1) and m.ip_windows.skp_year == Y - 1
