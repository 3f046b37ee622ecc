from django.db import migrations

# The facts' dirty-mark triggers must fire whatever writes: also in a transaction that runs with
# session_replication_role = replica, which core.bulk.Inserter uses to leave the foreign keys of a big
# import to one set-based check instead of one check per row (bench/README.md). PostgreSQL only.
TABLES = (
    "people_employee",
    "competency_assessment",
    "competency_assessmentscore",
    "people_performancerating",
    "learning_learningrecord",
)
EVENTS = ("ins", "upd", "del")


def _set(schema_editor, how):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        for event in EVENTS:
            schema_editor.execute(f"ALTER TABLE {table} ENABLE {how} TRIGGER talenta_facts_{event}_{table}")


def always(apps, schema_editor):
    _set(schema_editor, "ALWAYS")


def origin(apps, schema_editor):
    _set(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("analytics", "0001_employee_facts")]

    operations = [migrations.RunPython(always, origin)]
