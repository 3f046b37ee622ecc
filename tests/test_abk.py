"""Job governance (RULES.md §10): the ABK engine on the worked example and its edges, the ``abk`` import
with its row errors and lock, and the peta jabatan export, from files made here."""

import csv
from dataclasses import replace
from datetime import date
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from talenta.core.rulesets import active_ruleset
from talenta.engine.abk import annual_volume, compute_abk
from talenta.governance.models import AbkState, AbkStatus, AbkTask
from talenta.governance.selectors import PETA_HEADER
from talenta.org.models import Organisation
from tests.factories import nip as make_nip
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, run, xlsx

ABK_HEADER = ["KODE_UNIT", "JABATAN", "URAIAN_TUGAS", "SATUAN_HASIL", "VOLUME", "PERIODE", "NORMA_WAKTU", "TAHUN"]
Y = date.today().year
POST = "Pengadministrasi Perkantoran"
# RULES.md §10's worked example: 2,400 letters a year x 20 min, 12 reports a month x 120 min, one task a day x 30.
EXAMPLE = [
    ["64.71.01.01", POST, "Mengagendakan surat masuk dan keluar", "surat", 2400, "tahun", 20, Y],
    ["64.71.01.01", POST, "Menyusun laporan kegiatan bulanan", "laporan", 12, "bulan", 120, Y],
    ["64.71.01.01", POST, "Menata arsip harian", "berkas", 1, "hari", 30, Y],
]


def _engine(tasks, holders, retiring=None, rules=None):
    rules = rules or active_ruleset().abk
    tp = np.array([t[0] for t in tasks])
    annual = annual_volume(np.array([t[1] for t in tasks], float), np.array([t[2] for t in tasks], object), rules)
    retiring = np.zeros((len(holders), 3), int) if retiring is None else np.array(retiring)
    return compute_abk(
        task_position=tp, annual=annual, norm_minutes=np.array([t[3] for t in tasks], float),
        holders=np.array(holders), retiring=retiring, rules=rules,
    )  # fmt: skip


def test_the_worked_example_of_the_rules():
    r = _engine([(0, 2400, "tahun", 20), (0, 12, "bulan", 120), (0, 1, "hari", 30)], [2])
    assert r.workload[0] == 72_780 and r.raw[0] == 0.97 and r.need[0] == 1
    assert (r.ej[0], active_ruleset().abk.pj[r.pj[0]][0], r.gap[0]) == (0.49, "E", 1)


def test_rounding_is_the_rule_sets_choice_and_half_up_is_not_half_even():
    tasks = [(0, 1, "tahun", 37_500), (1, 1, "tahun", 112_500 / 2), (2, 1, "tahun", 75_000 * 0.125 / 1)]
    # raw 0.50 -> K 1 (half up; NumPy's round would give 0); raw 0.75 -> 1; raw 0.13 (0.125 half up) -> 0
    r = _engine(tasks, [1, 1, 1])
    assert r.raw.tolist() == [0.5, 0.75, 0.13] and r.need.tolist() == [1, 1, 0]
    ceiling = replace(active_ruleset().abk, rounding="ceiling")
    assert _engine(tasks, [1, 1, 1], rules=ceiling).need.tolist() == [1, 1, 1]


def test_nobody_in_post_and_no_abk_leave_the_figures_blank():
    r = _engine([(0, 1, "tahun", 75_000)], [0, 3], retiring=[[0, 0, 0], [1, 1, 2]])
    assert np.isnan(r.ej[0]) and r.pj[0] == -1 and r.gap[0] == -1 and r.formation[0] == 1
    assert not r.has_abk[1] and np.isnan(r.raw[1]) and r.need[1] == -1 and r.formation[1] == 0


BANDS = [(75_750, "A"), (75_000, "B"), (67_500, "B"), (67_125, "B"), (67_000, "C"), (52_500, "C"), (37_500, "D"),
         (37_125, "D"), (37_000, "E")]  # fmt: skip


@pytest.mark.parametrize(("minutes", "grade"), BANDS)
def test_pj_bands_at_their_bounds(minutes, grade):
    # EJ is banded as shown, at two decimals: 67,125 / 75,000 = 0.895 shows as 0.90, which is B
    r = _engine([(0, 1, "tahun", minutes)], [1])
    assert active_ruleset().abk.pj[r.pj[0]][0] == grade


def test_five_year_formation_need_counts_the_holders_who_retire():
    r = _engine([(0, 1, "tahun", 75_000 * 3)], [2], retiring=[[0, 1, 1]])
    assert (r.need[0], r.formation[0]) == (3, 2)  # K 3, B 2 of whom 1 retires: 3 - (2 - 1)


@pytest.fixture
def post(region):
    """Two holders of the post in unit 64.71.01.01, one reaching BUP (58) within two years."""
    today = date.today()
    month = today.month + 18  # reaching 58 about 18 months from today: within two years, not within one
    old = date(today.year + (month - 1) // 12 - 58, (month - 1) % 12 + 1, 10)
    rows = [pegawai_row(make_nip(), "Ani", JABATAN=POST), pegawai_row(make_nip(birth=old), "Budi", JABATAN=POST)]
    assert run("pegawai", xlsx([PEGAWAI_HEADER, *rows])).created == 2
    return region


def _peta(tmp_path, org="64.71"):
    out = tmp_path / "peta.csv"
    call_command("export", "peta-jabatan", "--org", org, "--year", str(Y), "--out", str(out), stdout=StringIO())
    with out.open(encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == PETA_HEADER
        return {(r["KODE_UNIT"], r["JABATAN"]): r for r in reader}


def test_worked_example_from_an_imported_file_to_the_peta_jabatan(post, tmp_path):
    bad = [
        ["64.71.01.01", "Jabatan Tidak Ada", "Tugas", "surat", 1, "tahun", 10, Y],
        ["64.71.01.01", POST, "Volume nol", "surat", 0, "tahun", 10, Y],
        ["64.71.01.01", POST, "Periode salah", "surat", 5, "tahunan", 10, Y],
        ["64.71.01.01", POST, "Norma melebihi WKE", "surat", 1, "tahun", 80_000, Y],
    ]
    r = run("abk", xlsx([ABK_HEADER, *EXAMPLE, *bad]))
    assert (r.created, r.rejected) == (3, 4), r.errors
    assert [e.column for e in r.errors] == ["JABATAN", "VOLUME", "PERIODE", "NORMA_WAKTU"]
    assert "jabatan" in r.errors[0].message and "75.000" in r.errors[3].message
    row = _peta(tmp_path)[("64.71.01.01", POST)]
    assert (row["BEBAN_KERJA_MENIT"], row["KEBUTUHAN_RIIL"], row["KEBUTUHAN"], row["BEZETTING"]) == (
        "72780.00", "0.97", "1", "2",
    )  # fmt: skip
    assert (row["SELISIH"], row["EJ"], row["PJ"]) == ("1", "0.49", "E")
    assert (row["PENSIUN_1_TAHUN"], row["PENSIUN_2_TAHUN"], row["PENSIUN_5_TAHUN"]) == ("0", "1", "1")
    assert row["KEBUTUHAN_FORMASI_5_TAHUN"] == "0"  # K 1 - (B 2 - 1 retiring)
    assert row["SET_ATURAN"] == active_ruleset().version and row["TAHUN_ABK"] == str(Y)


def test_a_position_without_abk_shows_its_holders_and_no_need(post, tmp_path):
    row = _peta(tmp_path)[("64.71.01.01", POST)]
    assert row["BEZETTING"] == "2" and row["KEBUTUHAN"] == row["SELISIH"] == row["EJ"] == row["PJ"] == ""


def test_reimport_and_export_round_trip_change_nothing(post, tmp_path):
    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    again = run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    out = tmp_path / "abk.xlsx"
    call_command("export", "abk", "--org", "64.71", "--year", str(Y), "--out", str(out), stdout=StringIO())
    back = run("abk", out.read_bytes(), name="abk.xlsx")
    assert (back.created, back.updated, back.unchanged, back.rejected) == (0, 0, 3, 0)
    changed = [row[:] for row in EXAMPLE]
    changed[0][6] = 25
    assert run("abk", xlsx([ABK_HEADER, *changed])).updated == 1


def test_a_final_abk_refuses_changes_until_reopened(post):
    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    status = AbkStatus.objects.create(organisation=Organisation.objects.get(code="64.71.01"), year=Y,
                                      state=AbkState.FINAL)  # fmt: skip
    changed = [row[:] for row in EXAMPLE]
    changed[0][6] = 25
    r = run("abk", xlsx([ABK_HEADER, *changed]))
    assert r.rejected == 3 and r.updated == 0 and "final" in r.errors[0].message
    assert AbkTask.objects.get(task=EXAMPLE[0][2]).norm_minutes == 20
    status.state = AbkState.DRAFT
    status.save()
    assert run("abk", xlsx([ABK_HEADER, *changed])).updated == 1


def test_the_api_gives_the_peta_jabatan_and_a_positions_abk_in_scope_only(post, client):
    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    users = post["users"]
    client.force_login(users["balikpapan"])
    body = client.get(f"/api/organisations/64.71/peta-jabatan?year={Y}").json()
    row = next(r for r in body["items"] if r["JABATAN"] == POST)
    assert (row["KEBUTUHAN"], row["BEZETTING"], row["PJ"]) == (1, 2, "E")
    pk = AbkTask.objects.get(task=EXAMPLE[0][2]).position_id
    one = client.get(f"/api/positions/{pk}/abk?year={Y}").json()
    assert len(one["tasks"]) == 3 and one["figures"]["BEBAN_KERJA_MENIT"] == 72_780
    for who in ("ppu", "pegawai"):  # another government's admin; an employee
        client.force_login(users[who])
        assert client.get(f"/api/positions/{pk}/abk").status_code == 404
        assert client.get("/api/organisations/64.71/peta-jabatan").status_code == 404


def test_the_peta_jabatan_page_shows_units_filters_and_links_to_the_holders(post, client):
    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    client.force_login(post["users"]["balikpapan"])
    page = client.get(f"/organisasi/64.71/peta-jabatan/?tahun={Y}")
    html = page.content.decode()
    assert page.status_code == 200 and "Peta jabatan" in html and POST in html
    assert 'class="over"' in html and "72.780" in html  # selisih +1: over, the workload as people write it
    pk = AbkTask.objects.get(task=EXAMPLE[0][2]).position_id
    holders = client.get(f"/pegawai/?jabatan={pk}").content.decode()
    assert "Ani" in holders and "Budi" in holders
    only_a = client.get(f"/organisasi/64.71/peta-jabatan/?tahun={Y}&pj=A").content.decode()
    assert POST not in only_a  # its PJ is E
    streamed = client.get(f"/organisasi/64.71/peta-jabatan/?tahun={Y}&format=csv").streaming_content
    data = b"".join(streamed).decode("utf-8-sig")
    assert data.splitlines()[0] == ",".join(PETA_HEADER) and POST in data
    client.force_login(post["users"]["ppu"])
    assert client.get("/organisasi/64.71/peta-jabatan/").status_code == 404


def test_an_opd_makes_its_abk_final_reopens_it_and_starts_a_year_as_a_copy(post, client):
    from talenta.core.models import AuditLog

    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    client.force_login(post["users"]["balikpapan"])
    url = "/organisasi/64.71.01/peta-jabatan/status/"
    page = client.post(url, {"tahun": Y, "aksi": "final"}, follow=True).content.decode()
    assert "final (terkunci)" in page and "Buka kembali sebagai draf" in page
    changed = [row[:] for row in EXAMPLE]
    changed[0][6] = 25
    assert run("abk", xlsx([ABK_HEADER, *changed])).rejected == 3  # locked
    client.post(url, {"tahun": Y, "aksi": "draf"})
    assert AbkStatus.objects.get(year=Y).state == "draft"
    assert [a.detail["state"] for a in AuditLog.objects.filter(action="abk.state").order_by("pk")] == [
        ["draft", "final"], ["final", "draft"],
    ]  # fmt: skip
    page = client.post(url, {"tahun": Y + 1, "aksi": "salin"}, follow=True).content.decode()
    assert AbkTask.objects.filter(year=Y + 1).count() == 3 and "3 uraian tugas disalin" in page
    again = client.post(url, {"tahun": Y + 1, "aksi": "salin"}, follow=True).content.decode()
    assert "sudah memiliki uraian tugas" in again and AbkTask.objects.filter(year=Y + 1).count() == 3
    assert client.post("/organisasi/64.71/peta-jabatan/status/", {"tahun": Y, "aksi": "final"}).status_code == 302
    assert AbkStatus.objects.filter(organisation__code="64.71").count() == 0  # a government is not an OPD
    assert client.post(url, {"tahun": "abc", "aksi": "final"}).status_code == 400
    client.force_login(post["users"]["ppu"])
    assert client.post(url, {"tahun": Y, "aksi": "final"}).status_code == 404


@pytest.mark.parametrize("retiring", [np.zeros(0, int), np.zeros((0, 3), int)])
def test_an_organisation_without_positions_has_an_empty_peta_jabatan(retiring):
    """A province with no positions yet (the vacancy page of province 11 failed with a 500 before)."""
    r = _engine([], [], retiring=retiring)
    assert r.need.shape == (0,) and r.formation.shape == (0,)
