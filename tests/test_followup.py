"""Rakornas follow-up: recommendations -> action items per organisation, progress per province, overdue."""

from datetime import date, timedelta

import pytest

from talenta.coordination import followup
from talenta.coordination.models import ActionItem
from talenta.core.errors import ApplicationError, PermissionDenied
from talenta.org.models import Organisation

pytestmark = pytest.mark.django_db


def recommend(actor, level="kabkota", number=1, due=None):
    return followup.recommendation_create(
        actor=actor,
        meeting="Rakornas BPSDM 2025, Balikpapan",
        year=2025,
        number=number,
        text="Bangun sistem manajemen talenta.",
        theme="talenta",
        level=level,
        due_date=due or date.today() + timedelta(days=30),
    )


def test_recommendation_gives_every_organisation_of_its_level_an_action(region):
    rec = recommend(region["users"]["nasional"])
    assert rec.actions.count() == 514
    prov = recommend(region["users"]["nasional"], level="provinsi", number=2)
    assert prov.actions.count() == 38
    with pytest.raises(PermissionDenied):
        recommend(region["users"]["kaltim"], number=3)
    with pytest.raises(ApplicationError):
        recommend(region["users"]["nasional"])  # number 1 again


def test_update_needs_scope_and_evidence_and_progress_rolls_up(region, client):
    rec = recommend(region["users"]["nasional"], due=date.today() - timedelta(days=1))
    item = rec.actions.get(organisation__code="64.71")
    with pytest.raises(PermissionDenied):
        followup.action_update(
            actor=region["users"]["ppu"], item=item, status="proses", owner="", due_date=item.due_date, evidence=""
        )
    with pytest.raises(ApplicationError):
        followup.action_update(
            actor=region["users"]["balikpapan"],
            item=item,
            status="selesai",
            owner="Kepala BKPSDM",
            due_date=item.due_date,
            evidence="  ",
        )
    followup.action_update(
        actor=region["users"]["balikpapan"],
        item=item,
        status="selesai",
        owner="Kepala BKPSDM",
        due_date=item.due_date,
        evidence="Perwali 12/2026",
    )
    total, provinces = followup.progress_by_province(actor=region["users"]["nasional"], recommendation=rec)
    assert total.total == 514 and total.counts["selesai"] == 1 and total.overdue == 513
    kaltim = next(p for p in provinces if p.code == "64")
    assert (kaltim.total, kaltim.counts["selesai"]) == (10, 1)
    own, _ = followup.progress_by_province(actor=region["users"]["kaltim"], recommendation=rec)
    assert own.total == 10  # a province sees its regencies and cities only
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/tindak-lanjut/aksi/{item.pk}/").status_code == 404
    overdue = client.get("/api/actions?overdue=true").json()
    assert [a["organisation"] for a in overdue] == ["64.09"]
    client.force_login(region["users"]["nasional"])
    page = client.get(f"/tindak-lanjut/{rec.pk}/").content.decode()
    assert "Provinsi Kalimantan Timur" in page
    assert "64.71" in client.get("/tindak-lanjut/ekspor.csv").getvalue().decode("utf-8-sig")


def test_national_admin_records_from_the_page_others_cannot(region, client):
    data = {
        "meeting": "Rakornas BPSDM 2025, Balikpapan",
        "year": 2025,
        "number": 7,
        "text": "Tuntaskan data DPRD.",
        "theme": "dprd",
        "level": "provinsi",
        "due_date": "2026-12-31",
    }
    client.force_login(region["users"]["kaltim"])
    assert client.post("/tindak-lanjut/", data).status_code == 404
    client.force_login(region["users"]["nasional"])
    r = client.post("/tindak-lanjut/", data)
    assert r.status_code == 302 and ActionItem.objects.filter(recommendation__number=7).count() == 38
    assert Organisation.objects.filter(kind="provinsi").count() == 38


def test_follow_up_list_reads_progress_in_a_fixed_number_of_queries(region, client, django_assert_max_num_queries):
    for n in range(1, 5):
        recommend(region["users"]["nasional"], level="provinsi", number=n)
    client.force_login(region["users"]["nasional"])
    with django_assert_max_num_queries(12):
        page = client.get("/tindak-lanjut/")
    assert [p.total for _r, p in page.context["rows"]] == [38, 38, 38, 38]


def test_evidence_files_on_an_action_and_lists_that_say_how_many_more(region, client, settings, tmp_path):
    """Issue 23: evidence as files as well as text (the good practices' upload checks), served only in scope;
    a file alone is evidence enough to mark the action done; a cut list says how many more."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    rec = recommend(region["users"]["nasional"], due=date.today() - timedelta(days=1))
    item = rec.actions.get(organisation__code="64.71")
    client.force_login(region["users"]["balikpapan"])
    url = f"/tindak-lanjut/aksi/{item.pk}/"
    form = {"status": "selesai", "owner": "Kepala BKPSDM", "due_date": item.due_date.isoformat(), "evidence": ""}
    bad = client.post(url, {**form, "files": SimpleUploadedFile("virus.exe", b"MZ...")})
    item.refresh_from_db()
    assert bad.status_code == 200 and item.status == "belum" and not item.attachments.exists()
    ok = client.post(url, {**form, "files": SimpleUploadedFile("perwali.pdf", b"%PDF-1.7 Perwali 12/2026")})
    item.refresh_from_db()
    assert ok.status_code == 302 and item.status == "selesai" and item.attachments.count() == 1
    att = item.attachments.get()
    page = client.get(url).content.decode()
    assert f"/tindak-lanjut/aksi/{item.pk}/berkas/{att.pk}/" in page and "perwali.pdf" in page
    body = b"".join(client.get(f"/tindak-lanjut/aksi/{item.pk}/berkas/{att.pk}/").streaming_content)
    assert body == b"%PDF-1.7 Perwali 12/2026"
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/tindak-lanjut/aksi/{item.pk}/berkas/{att.pk}/").status_code == 404
    client.force_login(region["users"]["nasional"])
    overview = client.get("/tindak-lanjut/").content.decode()
    assert "dan 463 lainnya: lihat unduhan." in overview  # 513 overdue, 50 listed
    detail = client.get(f"/tindak-lanjut/{rec.pk}/").content.decode()
    assert "dan 314 lainnya: lihat unduhan." in detail  # 514 actions, 200 listed
