"""The ABK editor of one position (issue 20, item 5): the table saved whole or not at all, the figures as
the user types, the lock of a final ABK, scope, and the Anjab fields."""

from datetime import date

import pytest

from talenta.core.models import AuditLog
from talenta.governance.models import AbkState, AbkStatus, AbkTask
from talenta.org.models import Organisation
from talenta.people.models import Position
from tests.imports.helpers import run, xlsx
from tests.test_abk import ABK_HEADER, EXAMPLE, POST, post  # noqa: F401  (the fixture)

Y = date.today().year


@pytest.fixture
def tasks(post):  # noqa: F811
    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    pk = Position.objects.get(name=POST, organisation__code="64.71.01.01").pk
    return post | {"pk": pk, "stored": list(AbkTask.objects.filter(position_id=pk).order_by("id"))}


def _form(rows, delete=()):
    """The POST of the table: ``rows`` as (id or "", task, unit, volume, period, norm)."""
    data = {"key": [], "id": [], "uraian": [], "satuan": [], "volume": [], "periode": [], "norma": []}
    for i, (pk, task, unit, volume, period, norm) in enumerate(rows):
        for field, value in zip(data, (f"k{i}", pk, task, unit, volume, period, norm), strict=True):
            data[field].append(str(value))
    return data | {"hapus": [str(d) for d in delete]}


def _stored_rows(stored):
    return [(t.pk, t.task, t.output_unit, t.volume, t.period, t.norm_minutes) for t in stored]


def test_the_page_shows_the_tasks_the_figures_and_the_worked_example(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    html = client.get(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}").content.decode()
    assert EXAMPLE[0][2] in html and "72.780" in html and 'data-figure="need">1<' in html
    assert "48.000 + 17.280 + 7.500" in html  # the worked example, computed on the active rule set
    assert "draf" in html and "Simpan tabel" in html


def test_saving_the_table_edits_adds_and_removes_in_one_go(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    rows = _stored_rows(tasks["stored"])
    rows[0] = (*rows[0][:3], "4800", "tahun", "20")  # twice the letters
    rows.append(("", "Menyusun telaah staf", "telaah", "2", "minggu", "60,5"))
    rows.append(("", "", "", "", "tahun", ""))  # the blank row left as it is
    page = client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(rows, delete=[tasks["stored"][2].pk]),
                       follow=True)  # fmt: skip
    assert "1 ditambahkan, 1 diubah, 1 dihapus" in page.content.decode()
    kept = {t.task: t for t in AbkTask.objects.filter(position_id=tasks["pk"], year=Y)}
    assert set(kept) == {EXAMPLE[0][2], EXAMPLE[1][2], "Menyusun telaah staf"}
    assert kept[EXAMPLE[0][2]].volume == 4800 and float(kept["Menyusun telaah staf"].norm_minutes) == 60.5
    # 96,000 + 17,280 + 100 x 60.5 = 119,330 minutes: raw 1.59, K 2 against two holders
    html = page.content.decode()
    assert "119.330" in html and 'data-figure="need">2<' in html
    log = AuditLog.objects.get(action="abk.tasks")
    assert (log.detail["created"], log.detail["updated"], log.detail["deleted"]) == (1, 1, 1)


def test_one_bad_row_saves_nothing_and_names_its_problems(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    rows = _stored_rows(tasks["stored"])
    rows[0] = (*rows[0][:3], "9999", "tahun", "20")
    rows.append(("", "Tugas baru", "", "0", "tahunan", "80000"))
    rows.append(("", EXAMPLE[1][2], "laporan", "1", "bulan", "10"))  # the same task twice
    rows.append(("", "Telaah", "telaah", "2.400", "tahun", "20"))  # 2,400 or 2.4? refused, not guessed
    page = client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(rows))
    html = page.content.decode()
    assert page.status_code == 422 and "tidak ada yang disimpan" in html
    assert "Satuan hasil wajib diisi" in html and "Periode" in html and "75.000" in html and "dua kali" in html
    assert "bermakna ganda" in html
    assert 'value="9999"' in html  # what was typed stays on the page
    assert AbkTask.objects.get(pk=tasks["stored"][0].pk).volume == 2400 and AbkTask.objects.count() == 3


def test_tasks_may_swap_their_texts(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    rows = _stored_rows(tasks["stored"])
    rows[0], rows[1] = (rows[0][0], *rows[1][1:]), (rows[1][0], *rows[0][1:])
    assert client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(rows)).status_code == 302
    assert AbkTask.objects.get(pk=tasks["stored"][0].pk).task == EXAMPLE[1][2]


def test_the_preview_follows_the_typed_table_and_saves_nothing(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    rows = _stored_rows(tasks["stored"])
    rows[0] = (*rows[0][:3], "7000", "tahun", "20")  # 140,000 + 17,280 + 7,500 = 164,780: raw 2.20, K 2
    rows.append(("", "Setengah baris", "", "", "tahun", ""))
    html = client.post(f"/jabatan/{tasks['pk']}/abk/hitung/?tahun={Y}", _form(rows)).content.decode()
    assert "164.780" in html and 'data-figure="need">2<' in html and 'hx-swap-oob="true"' in html
    assert "140.000" in html and "tidak dihitung" in html  # each row's minutes; the half-typed row left out
    assert AbkTask.objects.get(pk=tasks["stored"][0].pk).volume == 2400
    removed = client.post(f"/jabatan/{tasks['pk']}/abk/hitung/?tahun={Y}", _form(rows[:3], delete=[rows[0][0]]))
    assert "24.780" in removed.content.decode()  # the ticked row no longer counts


def test_a_final_abk_refuses_edits_and_a_stale_page_is_refused(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    rows = _stored_rows(tasks["stored"])
    stale = client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(rows[:2]), follow=True)
    assert "berubah sejak halaman dibuka" in stale.content.decode()
    assert AbkTask.objects.count() == 3  # a row missing from the page is not a removal
    AbkStatus.objects.create(organisation=Organisation.objects.get(code="64.71.01"), year=Y, state=AbkState.FINAL)
    html = client.get(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}").content.decode()
    assert "final (terkunci)" in html and "Simpan tabel" not in html and "disabled" in html
    rows[0] = (*rows[0][:3], "1", "tahun", "20")
    page = client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(rows), follow=True).content.decode()
    assert "final dan terkunci" in page and AbkTask.objects.get(pk=rows[0][0]).volume == 2400


def test_only_admins_of_the_positions_scope_see_or_edit_it(tasks, client):
    rows = _stored_rows(tasks["stored"])
    rows[0] = (*rows[0][:3], "1", "tahun", "20")
    for who in ("opd", "ppu", "pegawai"):  # another OPD's officer, another government, an employee
        client.force_login(tasks["users"][who])
        assert client.get(f"/jabatan/{tasks['pk']}/abk/").status_code == 404
        assert client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(rows)).status_code == 404
        assert client.post(f"/jabatan/{tasks['pk']}/abk/hitung/", _form(rows)).status_code == 404
        assert client.post(f"/jabatan/{tasks['pk']}/anjab/", {"ikhtisar": "x"}).status_code == 404
    assert AbkTask.objects.get(pk=rows[0][0]).volume == 2400
    client.force_login(tasks["users"]["balikpapan"])
    other = AbkTask.objects.create(position=Position.objects.exclude(pk=tasks["pk"]).first(), year=Y, task="x",
                                   output_unit="x", volume=1, period="tahun", norm_minutes=1)  # fmt: skip
    foreign = [*rows, (other.pk, "x", "x", "1", "tahun", "1")]
    assert client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", _form(foreign)).status_code == 404
    broken = _form(rows) | {"id": ["abc", "", ""]}
    assert client.post(f"/jabatan/{tasks['pk']}/abk/?tahun={Y}", broken).status_code == 400


def test_the_anjab_fields_are_saved_and_audited(tasks, client):
    client.force_login(tasks["users"]["balikpapan"])
    url = f"/jabatan/{tasks['pk']}/anjab/?tahun={Y}"
    client.post(url, {"ikhtisar": "Melakukan pengadministrasian perkantoran.", "pendidikan": "  D-III   Administrasi "})
    position = Position.objects.get(pk=tasks["pk"])
    assert (position.summary, position.education_requirement) == (
        "Melakukan pengadministrasian perkantoran.", "D-III Administrasi",
    )  # fmt: skip
    assert AuditLog.objects.get(action="position.anjab").detail["education_requirement"][1] == "D-III Administrasi"
    page = client.post(url, {"ikhtisar": "x" * 2001}, follow=True).content.decode()
    assert "2.000" in page and Position.objects.get(pk=tasks["pk"]).summary.startswith("Melakukan")


def test_the_region_view_totals_hints_and_formation_agree_with_the_map(tasks, client):
    from io import BytesIO

    from python_calamine import CalamineWorkbook

    from talenta.governance.selectors import PETA_HEADER as H
    from talenta.governance.selectors import peta_jabatan, peta_rows, peta_totals, region_abk

    # The same position name short in another OPD: 3 needed there, nobody in post.
    other = Position.objects.create(organisation=Organisation.objects.get(code="64.71.02"), name=POST,
                                    job_kind=Position.objects.get(pk=tasks["pk"]).job_kind)  # fmt: skip
    AbkTask.objects.create(position=other, year=Y, task="Mengagendakan", output_unit="surat", volume=3,
                           period="tahun", norm_minutes=75_000)  # fmt: skip
    org = Organisation.objects.get(code="64.71")
    view = region_abk(org, year=Y)
    whole = peta_totals([dict(zip(H, r, strict=True)) for r in peta_rows(peta_jabatan(org, year=Y))])
    assert view.totals == whole and sum(g["need"] for g in view.by_opd) == whole["need"]
    assert sum(f["formation"] for f in view.formation) == whole["formation"]
    assert view.most_short[0]["id"] == other.pk and view.most_short[0]["SELISIH"] == -3
    hint = next(h for h in view.hints if h["kind"] == "position")
    assert hint["name"] == POST and hint["movable"] == 1  # +1 in 64.71.01, -3 in 64.71.02: one could move
    client.force_login(tasks["users"]["balikpapan"])
    html = client.get(f"/organisasi/64.71/abk-wilayah/?tahun={Y}").content.decode()
    assert "Peluang redistribusi pegawai" in html and "<svg" in html and POST in html
    book = CalamineWorkbook.from_filelike(
        BytesIO(client.get(f"/organisasi/64.71/abk-wilayah/?tahun={Y}&format=xlsx").content)
    )
    assert book.sheet_names == ["per_opd", "formasi", "paling_kurang", "redistribusi"]
    assert book.get_sheet_by_name("redistribusi").to_python()[1][-1] == 1
    client.force_login(tasks["users"]["ppu"])
    assert client.get("/organisasi/64.71/abk-wilayah/").status_code == 404


def test_vacancy_forecast_and_succession_show_k_and_b_and_put_the_short_retiring_key_post_first(tasks, client):
    from datetime import timedelta

    from talenta.people.models import Employee

    position = Position.objects.get(pk=tasks["pk"])
    position.is_key = True
    position.save()
    # K 1, B 2 now: not short. One more task makes K 3 against B 2, and one holder retires within 2 years.
    AbkTask.objects.create(position=position, year=Y, task="Tambahan", output_unit="x", volume=1, period="tahun",
                           norm_minutes=75_000 * 2)  # fmt: skip
    assert Employee.objects.filter(position=position, retirement_date__lte=date.today() + timedelta(days=730)).exists()
    client.force_login(tasks["users"]["balikpapan"])
    vac = client.get("/organisasi/64.71/pensiun/").content.decode()
    assert "kurang pegawai" in vac and "3 / 2" in vac
    rows = b"".join(client.get("/organisasi/64.71/pensiun/?format=csv").streaming_content).decode("utf-8-sig")
    header, first = rows.splitlines()[:2]
    assert header.endswith("KEBUTUHAN,BEZETTING") and first.endswith(",3,2")
    suc = client.get("/organisasi/64.71/suksesi/").content.decode()
    assert "kurang dan akan pensiun" in suc and "3 / 2" in suc


def test_the_job_map_pages_its_units_and_keeps_the_totals_whole(tasks, client, monkeypatch):
    from talenta.governance import views

    monkeypatch.setattr(views, "UNITS_PER_PAGE", 1)
    client.force_login(tasks["users"]["balikpapan"])
    first = client.get(f"/organisasi/64.71/peta-jabatan/?tahun={Y}").content.decode()
    pages = int(first.split("halaman unit 1 dari ")[1].split()[0])
    assert pages > 1 and first.count('<section class="card">\n<h2>') == 1
    last = client.get(f"/organisasi/64.71/peta-jabatan/?tahun={Y}&page={pages}").content.decode()
    assert f"halaman unit {pages} dari {pages}" in last
    summary = first.split("dengan ABK;")[1].split(".")[0]
    assert summary == last.split("dengan ABK;")[1].split(".")[0]  # the totals cover every page


def test_the_merit_form_shows_the_share_of_positions_with_a_final_abk(tasks, client):
    from talenta.governance.selectors import abk_coverage
    from talenta.indices.models import MeritAssessment

    org = Organisation.objects.get(code="64.71")
    assert abk_coverage(org, Y)["final"] == 0 and abk_coverage(org, Y)["with_abk"] == 1
    AbkStatus.objects.create(organisation=Organisation.objects.get(code="64.71.01"), year=Y, state=AbkState.FINAL)
    cover = abk_coverage(org, Y)
    assert (
        cover["final"] == 1
        and cover["positions"] == Position.objects.filter(organisation__path__contains="/64.71/").count()
    )
    client.force_login(tasks["users"]["balikpapan"])
    client.post("/merit/64.71/", {"year": Y})
    assert MeritAssessment.objects.get().framework.indicators.filter(evidence_key="abk_share").exists()
    page = client.get(f"/merit/64.71/{Y}/").content.decode()
    assert f"1 dari {cover['positions']} jabatan memiliki ABK {Y} yang final" in page
