"""The import pages: upload, background check, confirm, report, history, templates, exports, scope."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from talenta.imports.models import ImportBatch
from talenta.imports.registry import KINDS
from talenta.imports.services import import_file
from talenta.people.models import Employee
from tests.factories import nip as make_nip
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, xlsx

pytestmark = pytest.mark.django_db


def upload(client, kind, data, name="pegawai.xlsx", **extra):
    return client.post(f"/impor/{kind}/", {"file": SimpleUploadedFile(name, data), **extra})


def sample(n_good=2, bad=True):
    rows = [pegawai_row(make_nip(), f"Pegawai {i}") for i in range(n_good)]
    if bad:
        rows.append(pegawai_row("12345", "Salah"))
    return xlsx([PEGAWAI_HEADER, *rows])


def test_check_then_confirm(client, region, django_capture_on_commit_callbacks):
    client.force_login(region["users"]["balikpapan"])
    before = Employee.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        r = upload(client, "pegawai", sample())
    batch = ImportBatch.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/impor/batch/{batch.pk}/"
    assert (batch.status, batch.rows, batch.created, batch.rejected) == ("previewed", 3, 2, 1)
    assert Employee.objects.count() == before  # the check wrote nothing
    page = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert "NIP harus tepat 18 digit." in page and "konfirmasi" in page
    report = client.get(f"/impor/batch/{batch.pk}/laporan.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(report.streaming_content))).get_sheet_by_index(0)
    assert int(rows.to_python()[1][0]) == 4
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/impor/batch/{batch.pk}/konfirmasi/")
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.rejected) == ("partial", 2, 1)
    assert Employee.objects.count() == before + 2
    history = client.get("/impor/").content.decode()
    assert "pegawai.xlsx" in history


def test_running_batch_page_polls_with_htmx(client, region):
    client.force_login(region["users"]["balikpapan"])
    batch = ImportBatch.objects.create(
        kind="pegawai",
        filename="x.xlsx",
        sha256="0" * 64,
        user=region["users"]["balikpapan"],
        scope_path="/ID/64/64.71/",
        status="running",
        progress=40,
    )
    html = client.get(f"/impor/batch/{batch.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html
    partial = client.get(f"/impor/batch/{batch.pk}/", HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "imports/_batch.html"


def test_atomic_upload_with_errors_cannot_be_confirmed(client, region, django_capture_on_commit_callbacks):
    client.force_login(region["users"]["balikpapan"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "pegawai", sample(), atomic="on")
    batch = ImportBatch.objects.get()
    assert batch.status == "rejected" and batch.atomic
    assert client.post(f"/impor/batch/{batch.pk}/konfirmasi/").status_code == 404


def test_upload_checks_type_and_scope(client, region, django_capture_on_commit_callbacks):
    client.force_login(region["users"]["balikpapan"])
    r = upload(client, "pegawai", b"%PDF-1.4", name="cv.pdf")
    assert r.status_code == 200 and "xlsx" in r.content.decode() and not ImportBatch.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "pegawai", sample(bad=False))
    batch = ImportBatch.objects.get()
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/impor/batch/{batch.pk}/").status_code == 404
    assert client.post(f"/impor/batch/{batch.pk}/konfirmasi/").status_code == 404
    client.force_login(region["users"]["pegawai"])
    assert client.get("/impor/").status_code == 404
    assert client.get("/impor/pegawai/templat.xlsx").status_code == 404


@pytest.mark.parametrize("kind", list(KINDS))
def test_blank_templates_are_recognised_by_the_importer(client, region, kind):
    client.force_login(region["users"]["nasional"])
    r = client.get(f"/impor/{kind}/templat.xlsx")
    assert r.status_code == 200
    result = import_file(actor=None, kind=kind, data=r.content, filename="t.xlsx", dry_run=True)
    assert result.status != "unusable", result.message
    assert result.rows == 1  # the example row


def test_the_example_rows_of_every_template_import_cleanly_in_the_order_of_the_menu(client, region):
    """Issue 23: a new user who imports each blank template as it comes (units first, then positions, people,
    their histories, the catalogue, IDPs, DPRD) gets no rejected row: the examples agree with the importers'
    own checks and with each other (the IDP's employee is the pegawai example, the orientation's member the
    DPRD example)."""
    client.force_login(region["users"]["nasional"])
    for kind in KINDS:
        data = client.get(f"/impor/{kind}/templat.xlsx").content
        result = import_file(actor=None, kind=kind, data=data, filename=f"{kind}.xlsx")
        assert result.rows == 1 and result.rejected == 0, (kind, result.message, result.errors)


def test_export_download_is_scoped(client, region):
    client.force_login(region["users"]["balikpapan"])
    body = client.get("/ekspor/pegawai.csv").getvalue().decode("utf-8-sig")
    assert region["bpp"].nip in body and region["ppu"].nip not in body
    assert client.get("/ekspor/pegawai.csv?org=64.09").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_queue_and_worker(client, region, settings, django_capture_on_commit_callbacks):
    """The real path of `make run`: the upload enqueues in the database, `talenta worker` runs it.

    Transactional: the worker closes its database connection when done, as a worker process should."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(region["users"]["balikpapan"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "pegawai", sample(bad=False))
    batch = ImportBatch.objects.get()
    assert batch.status == "pending"
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO())
    batch.refresh_from_db()
    assert (batch.status, batch.created) == ("previewed", 2)
