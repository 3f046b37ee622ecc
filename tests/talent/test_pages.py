"""The talent pages and API through HTTP: scope, calibration by htmx, finalising, pools, nomination, downloads."""

import io

import pytest
from python_calamine import CalamineWorkbook

from talenta.talent.models import Calibration, PoolMember, ReviewSession, SuccessionCandidate
from tests.pdfs import pdf_text

from .helpers import key_position_world, place_in_boxes


@pytest.fixture
def talent(region):
    return place_in_boxes(region)


def test_ninebox_page_counts_filters_and_downloads(client, talent):
    client.force_login(talent["users"]["balikpapan"])
    r = client.get("/organisasi/64.71/sembilan-kotak/?tahun=2026")
    assert r.status_code == 200
    grid = {b: n for row in r.context["nb"].grid() for b, n, _share, _a in row}
    assert grid[9] == 1 and grid[5] == 1 and sum(grid.values()) == 2
    assert "Promosi dan dipertahankan" in r.content.decode()  # the action of box 9 is shown
    r = client.get("/organisasi/64.71/sembilan-kotak/?tahun=2026&jenis=TERAMPIL&kotak=5")
    assert [row["name"] for row in r.context["people"].rows] == ["Andi Saputra"]
    assert r.context["nb"].placed == 1
    xlsx = client.get("/organisasi/64.71/sembilan-kotak/?tahun=2026&format=xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0).to_python()
    assert rows[0][:6] == ["NIP", "NAMA", "KODE_UNIT", "JABATAN", "JENIS_JABATAN", "KOTAK"]
    assert sorted(int(row[5]) for row in rows[1:]) == [5, 9]
    pdf = client.get("/organisasi/64.71/sembilan-kotak/?tahun=2026&format=pdf")
    text = pdf_text(pdf.content)
    assert pdf["Content-Type"] == "application/pdf" and "Kotak 9" in text and "(50,0%)" in text, text
    assert "Halaman 1 dari 1" in text and "RULES.md" not in text


def test_talent_pages_are_scoped(client, talent):
    client.force_login(talent["users"]["ppu"])
    for url in (
        "/organisasi/64.71/sembilan-kotak/",
        "/organisasi/64.71/suksesi/",
        "/organisasi/64.71/kelompok-talenta/",
        "/organisasi/64.71/pergerakan-kotak/",
        "/api/organisations/64.71/ninebox",
        "/api/organisations/64.71/succession",
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(talent["users"]["pegawai"])
    assert client.get("/talenta/review/").status_code == 404
    assert client.get("/organisasi/64.71/sembilan-kotak/").status_code == 404


def test_review_through_the_pages(client, talent, django_capture_on_commit_callbacks):
    client.force_login(talent["users"]["balikpapan"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            "/talenta/review/",
            {"name": "Rapat Talenta 2026", "year": 2026, "org": "64.71", "members": [talent["users"]["kaltim"].pk]},
        )
    s = ReviewSession.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/talenta/review/{s.pk}/"
    page = client.get(r["Location"])
    assert page.status_code == 200 and page.context["dist"].placed == 2
    assert (
        "Kotak 9 berisi 50,0% pegawai terpetakan" in page.content.decode()
    )  # Indonesian decimal comma  # guideline warning
    entry = s.entries.get(employee=talent["bpp2"])
    url = f"/talenta/review/{s.pk}/entri/{entry.pk}/"
    row = client.post(url, {"performance": "2", "potential": "1", "reason": ""}, HTTP_HX_REQUEST="true")
    assert "Tuliskan alasan perubahan ini." in row.content.decode()
    row = client.post(url, {"performance": "2", "potential": "1", "reason": "Capaian IKU"}, HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and '<strong class="boxnum">7</strong>' in row.content.decode()
    # the saved reason is shown as text with who and when (issue 23), not hidden in a placeholder
    html = row.content.decode()
    assert '<span class="reason">Capaian IKU</span>' in html and 'placeholder="Capaian IKU"' not in html
    assert "balikpapan" in html or talent["users"]["balikpapan"].get_full_name() in html
    assert Calibration.objects.filter(entry=entry, reason="Capaian IKU").exists()
    # The member from the province cannot finalise; the facilitator can.
    client.force_login(talent["users"]["kaltim"])
    client.post(f"/talenta/review/{s.pk}/final/")
    assert ReviewSession.objects.get().status == "open"
    client.force_login(talent["users"]["balikpapan"])
    client.post(f"/talenta/review/{s.pk}/final/")
    assert ReviewSession.objects.get().status == "final"
    assert client.get(f"/api/reviews/{s.pk}").json()["boxes"]["7"] == 1
    # Pools: both are in boxes 7 and 9; confirm one.
    pools = client.get("/organisasi/64.71/kelompok-talenta/?tahun=2026")
    assert pools.context["page"].paginator.count == 2
    member = PoolMember.objects.get(employee=talent["bpp"])
    client.post("/organisasi/64.71/kelompok-talenta/?tahun=2026", {"member": member.pk, "status": "confirmed"})
    member.refresh_from_db()
    assert member.status == "confirmed" and member.decided_by == talent["users"]["balikpapan"]
    # Many at once (issue 23): declining needs a reason; "all this filter shows" reaches every row.
    other = PoolMember.objects.get(employee=talent["bpp2"])
    r = client.post("/organisasi/64.71/kelompok-talenta/?tahun=2026", {"member": other.pk, "status": "declined"})
    other.refresh_from_db()
    assert other.status == "proposed"
    assert "Sebutkan alasan usulan ditolak." in client.get(r["Location"]).content.decode()
    r = client.post(
        "/organisasi/64.71/kelompok-talenta/?tahun=2026",
        {"semua": "ya", "status": "declined", "reason": "SKP dua tahun terakhir di bawah ekspektasi"},
    )
    page = client.get(r["Location"]).content.decode()
    assert "1 usulan ditolak." in page and "SKP dua tahun terakhir di bawah ekspektasi" in page
    # "all the filter shows" decides the open proposals only: the confirmed member stays confirmed
    assert dict(PoolMember.objects.values_list("employee_id", "status")) == {
        talent["bpp"].pk: "confirmed",
        talent["bpp2"].pk: "declined",
    }
    assert 'class="danger"' in page and "data-check-all" in page
    client.post("/organisasi/64.71/kelompok-talenta/?tahun=2026", {"member": [member.pk], "status": "confirmed"})
    member.refresh_from_db()
    assert member.status == "confirmed" and member.reason == ""
    # The nine-box page now uses the finalised (calibrated) box.
    nb = client.get("/organisasi/64.71/sembilan-kotak/?tahun=2026").context["nb"]
    assert nb.counts[7] == 1 and nb.counts[5] == 0 and int(nb.reviewed.sum()) == 2


def test_nomination_through_the_pages_and_api(client, region):
    world = key_position_world(region)
    pos = world["position"]
    client.force_login(region["users"]["balikpapan"])
    page = client.get(f"/suksesi/jabatan/{pos.pk}/")
    assert [f.name for f in page.context["suggestions"]] == ["Rina Kuat", "Dedi Cukup"]
    r = client.post(f"/suksesi/jabatan/{pos.pk}/", {"nip": world["strong"].nip})
    c = SuccessionCandidate.objects.get()
    assert r["Location"] == f"/suksesi/jabatan/{pos.pk}/#cand-{c.pk}"  # back where the new row is
    page = client.get(f"/suksesi/jabatan/{pos.pk}/").content.decode()
    assert "Rina Kuat dicalonkan." in page and f'id="cand-{c.pk}"' in page
    assert 'class="danger"' in page and "data-confirm=" in page  # Hapus asks first and is not Simpan
    bad = client.post(f"/suksesi/jabatan/{pos.pk}/", {"nip": world["clerk"].nip})
    assert "tidak memenuhi syarat" in bad.content.decode() and SuccessionCandidate.objects.count() == 1
    client.post(
        f"/suksesi/kandidat/{c.pk}/",
        {"readiness": "now", "readiness_reason": "", "status": "confirmed", "rank": "1", "emergency": "on"},
    )
    body = client.get("/api/organisations/64.71/succession").json()
    assert body["bench"] == {"key_positions": 1, "with_ready_now": 1.0, "coverage": 1.0}
    cand = body["positions"][0]["candidates"][0]
    assert cand["nip"] == world["strong"].nip and cand["emergency"] and cand["basis"]["ruleset"]
    api = client.get(f"/api/positions/{pos.pk}/candidates").json()
    assert [s["name"] for s in api["suggested"]] == ["Dedi Cukup"]
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/suksesi/jabatan/{pos.pk}/").status_code == 404
    assert client.post(f"/suksesi/kandidat/{c.pk}/", {"action": "remove"}).status_code == 404
    assert SuccessionCandidate.objects.count() == 1


def test_a_review_is_opened_by_picking_names_not_typing_codes(client, talent):
    """Issue 23: the organisation from a searchable list of names, members by name, role and office."""
    kaltim = talent["users"]["kaltim"]
    kaltim.first_name, kaltim.last_name = "Andi", "Rahmat"
    kaltim.save()
    client.force_login(talent["users"]["balikpapan"])
    html = client.get("/talenta/review/").content.decode()
    assert 'list="org-options"' in html and '<option value="64.71">Kota Balikpapan</option>' in html
    assert "Andi Rahmat · Admin provinsi" in html and 'type="checkbox" name="members"' in html
    from talenta.org.models import Organisation

    unit = Organisation.objects.filter(kind="unit").select_related("parent").first()
    employees = client.get("/pegawai/").content.decode()  # a unit is named with the OPD it belongs to
    assert f'<option value="{unit.code}">{unit.name} · {unit.parent.name}</option>' in employees
