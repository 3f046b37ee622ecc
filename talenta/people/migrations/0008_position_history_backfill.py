"""Every employee stored before the position history existed gets one entry: their current position from
their TMT jabatan (employees without a TMT get none: nothing is known of when they moved)."""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    now = timezone.now()
    with schema_editor.connection.cursor() as cur:
        cur.execute(
            "INSERT INTO people_positionchange (employee_id, organisation_id, org_path, position_id, position_name, "
            "job_kind, tmt, decree_no, approval_no, source, created_at, updated_at) "
            "SELECT e.id, e.organisation_id, e.org_path, e.position_id, p.name, p.job_kind, e.tmt_jabatan, '', '', "
            "'import', %s, %s FROM people_employee e JOIN people_position p ON p.id = e.position_id "
            "WHERE e.tmt_jabatan IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM people_positionchange x WHERE x.employee_id = e.id)",
            [now, now],
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0007_position_history_acting")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
