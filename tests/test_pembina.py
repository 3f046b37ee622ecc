"""The regional head as pembina kepegawaian (issue 21, RULES.md §11): terms, the freeze on replacing
officials, acting officials against the cap, the position history, and the briefing."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from talenta.dashboards import freeze
from talenta.dashboards.briefing import briefing, briefing_json
from talenta.engine import pembina as pb
from talenta.org.models import Organisation, RegionalHead
from talenta.people.models import ActingAssignment, ChangeSource, Employee, Position, PositionChange
from talenta.people.moves import acting_create
from tests.factories import employee
from tests.imports.helpers import run, xlsx
from tests.pdfs import pdf_pages

TODAY = timezone.localdate()


# -- the rules as pure date arithmetic ---------------------------------------------------------------------
def test_periods_working_days_and_months():
    assert pb.period_end(date(2025, 2, 20), 6) == date(2025, 8, 19)
    assert pb.period_end(date(2025, 8, 31), 6) == date(2026, 2, 27)  # 28 February is the first day outside
    assert pb.period_end(date(2026, 1, 1), 6) == date(2026, 6, 30)
    # Friday 3 October 2025 + 7 working days: Mon 6 .. Tue 14 October.
    assert pb.add_working_days(date(2025, 10, 3), 7) == date(2025, 10, 14)
    assert pb.add_working_days(date(2025, 10, 4), 1) == date(2025, 10, 6)  # a Saturday: Monday
    assert pb.months_between(date(2026, 1, 10), date(2026, 2, 9)) == 0
    assert pb.months_between(date(2026, 1, 10), date(2026, 2, 10)) == 1
    assert pb.months_between(date(2026, 1, 31), date(2026, 7, 30)) == 5


# -- the freeze --------------------------------------------------------------------------------------------
def _official(unit, name, position, job_kind, tmt, **kw):
    return employee(unit, name=name, position=position, job_kind=job_kind, golongan="III/d", tmt_jabatan=tmt, **kw)


@pytest.fixture
def frozen(region):
    """Balikpapan's head inaugurated 60 days ago; officials moved in before, during and with approval."""
    head = RegionalHead.objects.create(
        region=Organisation.objects.get(code="64.71"),
        name="Dr. H. Kepala",
        office="wali_kota",
        inaugurated=TODAY - timedelta(days=60),
    )
    inside = _official("64.71.01.01", "Dalam Masa", "Kepala Subbidang Mutasi", "Pengawas", TODAY - timedelta(days=20))
    before = _official("64.71.01.01", "Sebelum Masa", "Kepala Subbidang Diklat", "Pengawas", TODAY - timedelta(days=90))
    approved = _official("64.71.02", "Sudah Disetujui", "Kepala Seksi Yankes", "Pengawas", TODAY - timedelta(days=30))
    PositionChange.objects.filter(employee=approved).update(approval_no="100.2.2.6/77/OTDA")
    clerk = _official("64.71.02", "Pelaksana Baru", "Pengadministrasi", "Pelaksana", TODAY - timedelta(days=10))
    nurse = _official("64.71.02", "Kapus Baru", "Perawat Ahli Muda", "Ahli Muda", TODAY - timedelta(days=12))
    ppu = _official("64.09.01", "Pindah PPU", "Kepala Subbagian Umum", "Pengawas", TODAY - timedelta(days=5))
    return {
        "head": head,
        "inside": inside,
        "before": before,
        "approved": approved,
        "clerk": clerk,
        "nurse": nurse,
        "ppu": ppu,
        **region,
    }


def _listed(region_code="64.71", today=TODAY):
    t = freeze.term(Organisation.objects.get(code=region_code), today=today)
    return t, {x.change.employee.name for x in freeze.replacements_needing_approval(t)}


def test_the_freeze_lists_a_replacement_inside_the_window_and_not_outside_or_approved(frozen):
    t, names = _listed()
    assert t.frozen and t.freeze_until == pb.period_end(TODAY - timedelta(days=60), 6)
    assert t.days_left == (t.freeze_until - TODAY).days + 1
    assert names == {"Dalam Masa"}  # not before the inauguration, not approved, not a pelaksana, not PPU's
    # A functional position with added duties (head of a puskesmas) falls under the freeze.
    Position.objects.filter(pk=frozen["nurse"].position_id).update(added_duty="kepala_puskesmas")
    assert _listed()[1] == {"Dalam Masa", "Kapus Baru"}
    # The approval number, once recorded through the history import, takes it off the list.
    inside = frozen["inside"]
    r = run(
        "riwayat_jabatan",
        xlsx(
            [
                ["NIP", "KODE_UNIT", "JABATAN", "JENIS_JABATAN", "TMT_JABATAN", "NOMOR_PERSETUJUAN"],
                [inside.nip, "64.71.01.01", "Kepala Subbidang Mutasi", "Pengawas", inside.tmt_jabatan, "100.2/9/OTDA"],
            ],
            text_cols={0},
        ),
    )
    assert (r.created, r.updated) == (0, 1), r.errors
    assert _listed()[1] == {"Kapus Baru"}
    # The deadline: 7 working days after the TMT, overdue once passed.
    t = freeze.term(Organisation.objects.get(code="64.71"), today=TODAY)
    (item,) = freeze.replacements_needing_approval(t)
    assert item.deadline == pb.add_working_days(item.change.tmt, 7) and item.overdue == (TODAY > item.deadline)


def test_no_head_no_freeze_and_a_past_term_is_not_the_current_one(frozen):
    t, names = _listed("64.09")
    assert t.head is None and not t.frozen and t.days_left == 0 and names == set()
    RegionalHead.objects.filter(pk=frozen["head"].pk).update(term_end=TODAY - timedelta(days=1))
    assert freeze.term(Organisation.objects.get(code="64.71"), today=TODAY).head is None
    # A freeze seen after it ended: the term is there, the days left are none.
    t = freeze.term(Organisation.objects.get(code="64.71"), today=TODAY - timedelta(days=2))
    assert t.head is not None and t.frozen
    later = freeze.term(Organisation.objects.get(code="64.71"), today=TODAY - timedelta(days=2) + timedelta(days=400))
    assert later.head is None or not later.frozen


def test_a_plt_beyond_six_months_is_over_the_cap(region):
    bpp2 = region["bpp2"]
    post = Position.objects.create(
        organisation=Organisation.objects.get(code="64.71.02"), name="Sekretaris", job_kind="ADMINISTRATOR", is_key=True
    )
    org = Organisation.objects.get(code="64.71")
    item = ActingAssignment.objects.create(employee=bpp2, position=post, kind="plt", start=date(2026, 1, 1))
    (a,) = freeze.acting_officials(org, today=date(2026, 3, 31))
    assert (a.months, a.over_cap, a.needs_extension) == (2, False, False)
    (a,) = freeze.acting_officials(org, today=date(2026, 4, 1))
    assert (a.over_cap, a.needs_extension) == (False, True)  # past 3 months: holds with its extension
    (a,) = freeze.acting_officials(org, today=date(2026, 6, 30))
    assert not a.over_cap
    (a,) = freeze.acting_officials(org, today=date(2026, 7, 1))
    assert a.over_cap and a.months == 6
    item.end = date(2026, 5, 31)
    item.save()
    assert freeze.acting_officials(org, today=date(2026, 7, 1)) == []


# -- the position history and acting officials -----------------------------------------------------------
def test_every_move_appends_to_the_history(region, client):
    bpp = region["bpp"]
    Position.objects.create(
        organisation=Organisation.objects.get(code="64.71.01"),
        name="Analis SDM Aparatur Ahli Muda",
        job_kind="AHLI_MUDA",
    )
    client.force_login(region["users"]["balikpapan"])
    r = client.post(
        f"/pegawai/{bpp.nip}/pindah/",
        {
            "unit": "64.71.01",
            "position": "Analis SDM Aparatur Ahli Muda",
            "tmt": "2026-01-05",
            "decree_no": "821/5/2026",
        },
    )
    assert r.status_code == 302, r.content.decode()[:500]
    bpp.refresh_from_db()
    assert (bpp.position.name, bpp.organisation.code, bpp.tmt_jabatan) == (
        "Analis SDM Aparatur Ahli Muda",
        "64.71.01",
        date(2026, 1, 5),
    )
    entry = PositionChange.objects.get(employee=bpp, tmt=date(2026, 1, 5))
    assert (entry.decree_no, entry.source, entry.job_kind) == ("821/5/2026", ChangeSource.FORM, "AHLI_MUDA")
    page = client.get(f"/pegawai/{bpp.nip}/").content.decode()
    assert "Riwayat jabatan" in page and "821/5/2026" in page and "5 Januari 2026" in page
    # A bad move says why, on the page, and changes nothing.
    r = client.post(f"/pegawai/{bpp.nip}/pindah/", {"unit": "64.71.01", "position": "Tidak Ada", "tmt": "2026-02-01"})
    assert r.status_code == 400 and "Tidak ada jabatan" in r.content.decode()
    assert PositionChange.objects.filter(employee=bpp).count() == 1
    # Out of scope: PPU's admin cannot move a Balikpapan employee; an employee cannot move anyone.
    client.force_login(region["users"]["ppu"])
    assert (
        client.post(
            f"/pegawai/{bpp.nip}/pindah/", {"unit": "64.71.01", "position": "x", "tmt": "2026-01-01"}
        ).status_code
        == 404
    )
    client.force_login(region["users"]["pegawai"])
    assert (
        client.post(
            f"/pegawai/{bpp.nip}/pindah/", {"unit": "64.71.01", "position": "x", "tmt": "2026-01-01"}
        ).status_code
        == 404
    )


def test_a_pegawai_import_that_moves_someone_records_the_move_once(region):
    from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row

    bpp = region["bpp"]
    row = pegawai_row(
        bpp.nip,
        name=bpp.name,
        KODE_UNIT="64.71.02",
        JABATAN="Kepala Seksi SDMK",
        JENIS_JABATAN="Pengawas",
        TMT_JABATAN="2026-02-02",
        GOLONGAN="III/c",
    )
    r = run("pegawai", xlsx([PEGAWAI_HEADER, row], text_cols={0}))
    assert r.updated == 1, r.errors
    entry = PositionChange.objects.get(employee=bpp)
    assert (entry.position_name, entry.tmt, entry.job_kind, entry.source) == (
        "Kepala Seksi SDMK",
        date(2026, 2, 2),
        "PENGAWAS",
        ChangeSource.IMPORT,
    )
    r = run("pegawai", xlsx([PEGAWAI_HEADER, row], text_cols={0}))
    assert r.unchanged == 1 and PositionChange.objects.filter(employee=bpp).count() == 1


def test_acting_imports_and_form_check_what_they_refer_to(region):
    bpp, bpp2 = region["bpp"], region["bpp2"]
    header = ["NIP", "KODE_UNIT", "JABATAN", "JENIS", "TMT_MULAI", "TMT_SELESAI"]
    r = run(
        "plt",
        xlsx(
            [
                header,
                [bpp.nip, "64.71.02", bpp2.position.name, "Plt", "2026-01-05", ""],
                [bpp.nip, "64.71.02", "Tidak Ada", "Plt", "2026-01-05", ""],
                [bpp.nip, "64.71.01.01", bpp.position.name, "plh", "2026-01-05", ""],
                [bpp.nip, "64.71.02", bpp2.position.name, "Pj", "2026-02-05", ""],
                [region["ppu"].nip, "64.71.02", bpp2.position.name, "Plt", "2026-01-05", "2025-01-01"],
            ],
            text_cols={0},
        ),
    )
    assert r.created == 1 and r.rejected == 4, r.errors
    messages = {e.row: e.message for e in r.errors}
    assert "impor jabatan terlebih dahulu" in messages[3] and "jabatannya sendiri" in messages[4]
    assert "bukan Plt atau Plh" in messages[5]
    with pytest.raises(Exception, match="already has a Plt|sudah memiliki Plt"):
        acting_create(
            actor=region["users"]["balikpapan"],
            nip=region["bpp"].nip,
            unit_code="64.71.02",
            position_name=bpp2.position.name,
            kind="plt",
            start=date(2026, 3, 1),
        )


def test_kepala_daerah_import_checks_the_office_against_the_region(region):
    header = ["KODE_WILAYAH", "NAMA", "JABATAN", "TANGGAL_PELANTIKAN", "AKHIR_MASA_JABATAN"]
    r = run(
        "kepala_daerah",
        xlsx(
            [
                header,
                ["64.71", "H. Rahmad", "Walikota", "2025-02-20", "2030-02-20"],
                ["64.71", "H. Salah", "Bupati", "2025-02-20", ""],
                ["64.09", "H. Mundur", "Bupati", "2025-02-20", "2024-01-01"],
                ["64.71.02", "H. Dinas", "Wali Kota", "2025-02-20", ""],
            ]
        ),
        actor=region["users"]["balikpapan"],
    )
    assert r.created == 1 and r.rejected == 3
    rows = {e.row for e in r.errors}
    assert rows == {3, 4, 5}  # a regent of a city; PPU is outside Balikpapan's scope; an OPD is no region
    head = RegionalHead.objects.get()
    assert (head.office, head.title, head.inaugurated) == ("wali_kota", "Wali Kota", date(2025, 2, 20))


# -- the briefing ------------------------------------------------------------------------------------------
def test_briefing_json_equals_the_pages(frozen, client):
    bpp2 = frozen["bpp2"]
    key = Position.objects.create(
        organisation=Organisation.objects.get(code="64.71.02"), name="Sekretaris", job_kind="ADMINISTRATOR", is_key=True
    )
    ActingAssignment.objects.create(employee=bpp2, position=key, kind="plt", start=TODAY - timedelta(days=200))
    out = StringIO()
    call_command("briefing", "--org", "64.71", "--json", stdout=out)
    data = json.loads(out.getvalue())
    for k in (
        "region",
        "date",
        "head",
        "inaugurated",
        "freeze_until",
        "freeze_days_left",
        "replacements_needing_approval",
        "acting",
        "acting_over_cap",
        "key_positions_vacant",
        "key_positions_at_risk",
        "retiring_12_months",
        "budget",
        "plan_cost",
        "compliant_share_20jp",
    ):
        assert k in data, k
    assert data["region"] == "64.71" and data["head"] == "Dr. H. Kepala" and data["replacements_needing_approval"] == 1
    assert data["acting"] == [
        {
            "nip": bpp2.nip,
            "position": "Sekretaris",
            "kind": "Plt",
            "start": (TODAY - timedelta(days=200)).isoformat(),
            "months": 6,
            "over_cap": True,
        }
    ]
    assert data["acting_over_cap"] == 1 and data["key_positions_vacant"] == 1
    client.force_login(frozen["users"]["balikpapan"])
    vac = client.get("/api/organisations/64.71/vacancies").json()
    assert data["retiring_12_months"] == vac["within_years"]["1"]
    assert any(p["acting_nip"] == bpp2.nip for p in vac["positions"])  # the Plt's post: vacant now
    roll = client.get("/api/organisations/64.71/rollup").json()["total"]
    assert data["compliant_share_20jp"] == (None if roll["jp_share"] is None else round(roll["jp_share"], 2))
    assert data["employees"] == roll["employees"] and data["pool"] == roll["pool"]
    assert client.get("/api/organisations/64.71/briefing").json() == data  # the API gives the CLI's figures
    page = client.get("/organisasi/64.71/ringkasan/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ringkasan untuk kepala daerah" in html and "Dalam Masa" in html and "melewati batas 6 bulan" in html
    succession = client.get("/organisasi/64.71/suksesi/").content.decode()
    assert "kosong, dipegang Plt" in succession
    # An OPD officer has no region to brief; PPU's admin does not see Balikpapan's.
    client.force_login(frozen["users"]["opd"])
    assert client.get("/organisasi/64.71/ringkasan/").status_code == 404
    client.force_login(frozen["users"]["ppu"])
    assert client.get("/organisasi/64.71/ringkasan/").status_code == 404
    assert client.get("/organisasi/64.71/ringkasan.pdf").status_code == 404
    assert client.get("/api/organisations/64.71/briefing").status_code == 404


def test_briefing_pdf_has_two_pages_in_indonesian(frozen, tmp_path):
    out = tmp_path / "ringkasan.pdf"
    call_command("briefing", "--org", "64.71", "--date", TODAY.isoformat(), "--out", str(out), stdout=StringIO())
    pages = pdf_pages(out.read_bytes())
    assert len(pages) == 2
    text = " ".join(pages)
    assert "Ringkasan untuk Kepala Daerah" in text and "Kota Balikpapan" in text
    assert "Badan Kepegawaian dan Pengembangan SDM Kota Balikpapan" in text  # the issuer, from the region's BKPSDM
    assert "Halaman 1 dari 2" in text and "Halaman 2 dari 2" in text and "NIP" in pages[1]
    from talenta.core.formats import tanggal

    assert tanggal(TODAY) in text and "Dalam Masa" in text


def test_the_briefing_is_for_a_government_only(region):
    with pytest.raises(Exception, match="province, regency or city|provinsi, kabupaten atau kota"):
        briefing(Organisation.objects.get(code="64.71.02"), actor=None, today=TODAY)
    data = briefing_json(briefing(Organisation.objects.get(code="64.09"), actor=None, today=TODAY))
    assert data["head"] is None and data["freeze_until"] is None and data["freeze_days_left"] == 0


def test_regional_head_form_validates_and_records(region, client):
    client.force_login(region["users"]["balikpapan"])
    r = client.post(
        "/organisasi/64.71/kepala-daerah/", {"name": "H. Baru", "office": "bupati", "inaugurated": "2025-02-20"}
    )
    assert r.status_code == 400 and "Jabatan ini bukan" in r.content.decode()
    r = client.post(
        "/organisasi/64.71/kepala-daerah/",
        {"name": "H. Baru", "office": "wali_kota", "inaugurated": "2025-02-20", "term_end": "2024-01-01"},
    )
    assert r.status_code == 400 and "Akhir masa jabatan" in r.content.decode()
    r = client.post(
        "/organisasi/64.71/kepala-daerah/", {"name": "H. Baru", "office": "wali_kota", "inaugurated": "2025-02-20"}
    )
    assert r.status_code == 302 and RegionalHead.objects.get().name == "H. Baru"
    assert (
        client.post(
            "/organisasi/64.09/kepala-daerah/", {"name": "X", "office": "bupati", "inaugurated": "2025-02-20"}
        ).status_code
        == 404
    )
    assert Employee.objects.exists()  # the region fixture is intact
