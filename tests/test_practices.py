"""Good practices: anyone reads what is published, admins of the region write, publish and attach."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from talenta.coordination import services
from talenta.coordination.models import GoodPractice
from talenta.core.errors import ApplicationError, PermissionDenied
from talenta.org.models import Organisation

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def share(client, **extra):
    data = {
        "title": "Sekolah Kader ASN Berbasis Merit",
        "organisation": "64.71",
        "theme": "talenta",
        "description": "Pemetaan talenta seluruh OPD dalam enam bulan.",
        "results": "JPM naik 8 poin.",
        **extra,
    }
    return client.post("/praktik-baik/baru/", data)


def test_admin_shares_attaches_and_publishes_and_everyone_reads(client, region):
    client.force_login(region["users"]["balikpapan"])
    r = share(client, file=SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf"))
    p = GoodPractice.objects.get()
    assert r["Location"] == f"/praktik-baik/{p.pk}/" and not p.published and p.attachments.count() == 1
    client.force_login(region["users"]["pegawai"])  # an employee elsewhere: drafts are not visible
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/praktik-baik/{p.pk}/").status_code == 404
    client.force_login(region["users"]["balikpapan"])
    client.post(f"/praktik-baik/{p.pk}/terbit/", {"publish": "1"})
    p.refresh_from_db()
    assert p.published and p.published_at
    client.force_login(region["users"]["ppu"])
    page = client.get("/praktik-baik/?q=merit").content.decode()
    assert "Sekolah Kader ASN Berbasis Merit" in page
    att = p.attachments.get()
    body = b"".join(client.get(f"/praktik-baik/{p.pk}/lampiran/{att.pk}/").streaming_content)
    assert body == PDF
    assert client.post(f"/praktik-baik/{p.pk}/terbit/", {"publish": "0"}).status_code == 404  # not their region
    assert client.get("/api/practices?q=kader").json()[0]["organisation"] == "64.71"
    assert "Sekolah Kader" in client.get("/praktik-baik/ekspor.csv").getvalue().decode("utf-8-sig")


def test_uploads_are_checked(region):
    actor = region["users"]["balikpapan"]
    p = services.practice_save(
        actor=actor,
        practice=None,
        organisation=Organisation.objects.get(code="64.71"),
        title="Uji",
        theme="lainnya",
        description="x",
    )
    with pytest.raises(ApplicationError, match="PDF"):
        services.attachment_add(actor=actor, practice=p, filename="virus.exe", data=b"MZ")
    with pytest.raises(ApplicationError):
        services.attachment_add(actor=actor, practice=p, filename="palsu.pdf", data=b"<html>")
    with pytest.raises(ApplicationError):
        services.attachment_add(actor=actor, practice=p, filename="besar.pdf", data=PDF + b"0" * (11 * 1024 * 1024))
    assert p.attachments.count() == 0


def test_only_admins_of_the_region_write(region):
    with pytest.raises(PermissionDenied):
        services.practice_save(
            actor=region["users"]["ppu"],
            practice=None,
            organisation=Organisation.objects.get(code="64.71"),
            title="X",
            theme="lainnya",
            description="x",
        )
    with pytest.raises(PermissionDenied):
        services.practice_save(
            actor=region["users"]["pegawai"],
            practice=None,
            organisation=Organisation.objects.get(code="64.71"),
            title="X",
            theme="lainnya",
            description="x",
        )


def test_a_refused_attachment_saves_nothing_and_a_retry_makes_no_copy(client, region, tmp_path, settings):
    client.force_login(region["users"]["balikpapan"])
    for _attempt in range(2):
        r = share(client, file=SimpleUploadedFile("laporan.pdf", b"MZ not a pdf", content_type="application/pdf"))
        assert r.status_code == 200 and "laporan" not in r.get("Location", "")
        assert GoodPractice.objects.count() == 0
    from pathlib import Path

    assert not list(Path(settings.MEDIA_ROOT).glob("practices/*"))  # no file stored either
    share(client, file=SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf"))
    assert GoodPractice.objects.count() == 1 and GoodPractice.objects.get().attachments.count() == 1
