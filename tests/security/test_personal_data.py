"""Personal data as UU 27/2022 expects: every write audited with before/after, every API read and download
journalled, the journal scoped and exportable, sensitive exports by role, a data subject's file, retention
with a purge, and backups that restore to the same data."""

import io
import sqlite3
import subprocess
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from python_calamine import CalamineWorkbook

from talenta.coordination import followup
from talenta.core.models import AccessLog, AuditLog
from talenta.indices import services as merit
from talenta.learning.models import LearningRecord
from talenta.org.models import Organisation
from talenta.people.models import DisciplinePenalty, Employee
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, run, xlsx

pytestmark = pytest.mark.django_db


def test_a_merit_score_change_is_audited_with_before_and_after(region):
    bpp = Organisation.objects.get(code="64.71")
    admin = region["users"]["balikpapan"]
    a = merit.assessment_open(actor=admin, org=bpp, year=2025)
    ind = a.framework.indicators.first()
    merit.score_save(actor=admin, assessment=a, indicator=ind, score=2, evidence="SK 1")
    merit.score_save(actor=admin, assessment=a, indicator=ind, score=3, evidence="SK 1")
    rows = list(AuditLog.objects.filter(action="merit_score_save").order_by("pk"))
    assert rows[-1].detail["changed"] == {"self_score": [2, 3]} and rows[-1].actor == admin
    assert AuditLog.objects.filter(action="merit_open", object_id=str(a.pk)).exists()


def test_a_follow_up_edit_keeps_every_changed_field(region):
    from tests.test_followup import recommend

    rec = recommend(region["users"]["nasional"])
    item = rec.actions.get(organisation__code="64.71")
    old_due = item.due_date
    followup.action_update(
        actor=region["users"]["balikpapan"],
        item=item,
        status="proses",
        owner="Kabid PKASN",
        due_date=old_due + timedelta(days=30),
        evidence="",
    )
    detail = AuditLog.objects.get(action="action_update").detail["changed"]
    assert detail["status"][1] == "proses" and detail["owner"] == ["", "Kabid PKASN"]
    assert detail["due_date"] == [old_due.isoformat(), (old_due + timedelta(days=30)).isoformat()]


def test_an_import_that_changes_employees_leaves_an_audit_row(region):
    r = run("pegawai", xlsx([PEGAWAI_HEADER, pegawai_row("199002152015031042", "Ani", KODE_UNIT="64.71.02")]))
    assert r.created == 1
    row = AuditLog.objects.get(action="import")
    assert row.detail["kind"] == "pegawai" and row.detail["created"] == 1 and len(row.detail["sha256"]) == 64


def test_api_reads_and_downloads_are_journalled_with_their_rows(client, region):
    client.force_login(region["users"]["balikpapan"])
    assert client.get("/api/employees").status_code == 200
    body = b"".join(client.get("/ekspor/pegawai.csv").streaming_content)
    assert body
    client.get("/ekspor/pegawai.xlsx")
    logs = list(AccessLog.objects.order_by("pk"))
    assert [(r.kind, r.rows) for r in logs] == [("api", 2), ("export", 2), ("export", 2)]
    assert logs[0].scope_path == "/ID/64/64.71/" and logs[0].user == region["users"]["balikpapan"]
    assert logs[1].path == "/ekspor/pegawai.csv"


def test_the_journal_shows_the_scopes_users_only_and_exports(client, region):
    client.force_login(region["users"]["ppu"])
    client.get("/api/employees")
    client.force_login(region["users"]["balikpapan"])
    client.get("/api/employees")
    page = client.get("/jejak/?jenis=baca").content.decode()
    assert "balikpapan" in page and ">ppu<" not in page
    data = client.get("/jejak/?jenis=baca&format=xlsx").content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["WAKTU", "PENGGUNA", "LINGKUP", "JENIS"] and {r[1] for r in rows[1:]} == {"balikpapan"}
    client.force_login(region["users"]["kaltim"])  # the province sees its regencies' users
    assert "ppu" in client.get("/jejak/?jenis=baca").content.decode()
    changes = client.get("/jejak/").content.decode()  # kaltim's own login is a change of its scope
    from django.utils import formats, translation

    with translation.override("id"):
        today = formats.date_format(timezone.localtime(), "j F Y")
    assert today in changes and "second_factor: False" in changes  # a date as people write it; no JSON
    assert "Masuk" in changes and ">login<" not in changes  # the action in words (issue 23)
    data = client.get("/jejak/?format=xlsx").content  # the changes as xlsx: the detail kept as JSON text
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    import json

    assert rows[0][-1] == "RINCIAN" and json.loads(rows[1][-1])["second_factor"] is False
    client.force_login(region["users"]["pegawai"])
    assert client.get("/jejak/").status_code == 404


def test_discipline_and_dprd_contacts_need_a_government_admins_role(client, region):
    DisciplinePenalty.objects.create(employee=region["bpp"], level="ringan", start=date(2025, 1, 6))
    client.force_login(region["users"]["opd"])
    assert client.get("/ekspor/disiplin.csv").status_code == 404
    assert client.get("/ekspor/dprd.csv").status_code == 404
    assert client.get("/ekspor/pegawai.csv").status_code == 200
    assert "disiplin.csv" not in client.get("/impor/").content.decode()
    client.force_login(region["users"]["balikpapan"])
    assert client.get("/ekspor/disiplin.csv").status_code == 200


def test_a_data_subject_gets_everything_held_on_them(client, region):
    emp = region["bpp"]
    LearningRecord.objects.create(employee=emp, title="Pelatihan Dasar", start=date(2025, 3, 1), jp=24)
    u = region["users"]["pegawai"]  # her own login
    client.force_login(region["users"]["balikpapan"])
    client.get(f"/api/employees/{emp.nip}")
    r = client.get(f"/pegawai/{emp.nip}/data-pribadi.xlsx")
    assert r.status_code == 200
    wb = CalamineWorkbook.from_filelike(io.BytesIO(r.content))
    names = wb.sheet_names
    assert {"pegawai", "learning.learningrecord", "org.user", "audit", "dibaca"} <= set(names)
    learning = wb.get_sheet_by_name("learning.learningrecord").to_python()
    assert "Pelatihan Dasar" in learning[1]
    login = wb.get_sheet_by_name("org.user").to_python()
    assert "password" not in login[0] and u.username in login[1]
    assert any(emp.nip in str(c) for row in wb.get_sheet_by_name("dibaca").to_python() for c in row)
    assert AuditLog.objects.filter(action="subject_export", object_id=str(emp.pk)).exists()
    client.force_login(region["users"]["ppu"])
    assert client.get(f"/pegawai/{emp.nip}/data-pribadi.xlsx").status_code == 404


def test_purge_keeps_what_the_retention_settings_keep(region, settings):
    settings.TALENTA_AUDIT_RETENTION_DAYS = 100
    settings.TALENTA_ACCESS_RETENTION_DAYS = 10
    old, recent = (
        AuditLog.objects.create(action="old", object_type="x"),
        AuditLog.objects.create(action="new", object_type="x"),
    )
    AuditLog.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=101))
    read = AccessLog.objects.create(scope_path="/", kind="api", path="/api/employees")
    AccessLog.objects.filter(pk=read.pk).update(at=timezone.now() - timedelta(days=11))
    assert call_command("purge_logs", "--dry-run") is None
    assert AuditLog.objects.filter(pk=old.pk).exists()
    call_command("purge_logs")
    assert not AuditLog.objects.filter(pk=old.pk).exists() and AuditLog.objects.filter(pk=recent.pk).exists()
    assert not AccessLog.objects.exists()


def _counts() -> dict[str, int]:
    return {
        "employees": Employee.objects.count(),
        "audit": AuditLog.objects.count(),
        "orgs": Organisation.objects.count(),
    }


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup; PostgreSQL's is tested below")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_sqlite_backup_restores_the_same_data(region, tmp_path):
    before = _counts()
    out = tmp_path / "cadangan.sqlite3"
    call_command("backup", str(out))
    with sqlite3.connect(out) as db:
        nips = {r[0] for r in db.execute("SELECT nip FROM people_employee")}
        orgs = db.execute("SELECT COUNT(*) FROM org_organisation").fetchone()[0]
    assert nips == set(Employee.objects.values_list("nip", flat=True)) and orgs == before["orgs"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore of the PostgreSQL database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_postgresql_backup_restores_the_same_data(region, tmp_path):
    s = connection.settings_dict
    before = _counts()
    out = tmp_path / "cadangan.dump"
    call_command("backup", str(out))
    target = f"{s['NAME']}_restore"
    base = ["--host", s["HOST"] or "127.0.0.1", "--port", str(s["PORT"] or 5432), "--username", s["USER"] or "postgres"]
    subprocess.run(["dropdb", *base, "--if-exists", target], check=True)
    subprocess.run(["createdb", *base, target], check=True)
    try:
        subprocess.run(["pg_restore", *base, "--no-owner", "-d", target, str(out)], check=True)
        q = "SELECT " + ", ".join(
            f"(SELECT COUNT(*) FROM {t})" for t in ("people_employee", "core_auditlog", "org_organisation")
        )
        got = subprocess.run(["psql", *base, "-At", "-d", target, "-c", q], check=True, capture_output=True, text=True)
        assert got.stdout.strip() == "|".join(str(before[k]) for k in ("employees", "audit", "orgs"))
    finally:
        subprocess.run(["dropdb", *base, "--if-exists", target], check=True)
