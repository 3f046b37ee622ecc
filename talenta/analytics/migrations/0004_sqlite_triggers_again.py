# SQLite rebuilds a table to add a NOT NULL column (people 0005 added kedudukan and SIASN's identifiers to
# the employee table), and a rebuilt table has lost its triggers: the facts' dirty marks of the employee table
# are created again here. PostgreSQL adds columns in place: nothing to do.

from importlib import import_module

from django.db import migrations

first = import_module("talenta.analytics.migrations.0001_employee_facts")
TABLE = "people_employee"


def recreate(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in first.EVENTS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS talenta_facts_{name}_{TABLE}")
    tables, first.TABLES = first.TABLES, {TABLE: first.TABLES[TABLE]}
    try:
        first._sqlite(schema_editor, True)
    finally:
        first.TABLES = tables


class Migration(migrations.Migration):

    dependencies = [
        ("analytics", "0003_dirty_ranges"),
        ("people", "0005_siasn_fields"),
    ]

    operations = [migrations.RunPython(recreate, migrations.RunPython.noop)]
