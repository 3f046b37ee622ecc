from io import StringIO

import pytest
from django.core.management import call_command

from talenta.competency.models import Competency
from talenta.org.models import Organisation


@pytest.mark.django_db
def test_every_migrated_database_has_the_regions():
    assert Organisation.objects.filter(kind="provinsi").count() == 38
    assert Organisation.objects.filter(kind__in=["kabupaten", "kota"]).count() == 514
    bpp = Organisation.objects.get(code="64.71")
    assert (bpp.name, bpp.kind, bpp.parent.code, bpp.path) == ("Kota Balikpapan", "kota", "64", "/ID/64/64.71/")
    ppu = Organisation.objects.get(code="64.09")
    assert (ppu.name, ppu.kind) == ("Kabupaten Penajam Paser Utara", "kabupaten")
    assert Organisation.objects.get(code="64").name == "Provinsi Kalimantan Timur"


@pytest.mark.django_db
def test_national_dictionary_is_loaded_with_five_levels():
    codes = list(Competency.objects.filter(owner__isnull=True).values_list("code", flat=True))
    assert codes == [
        "INTEGRITAS",
        "KERJASAMA",
        "KOMUNIKASI",
        "ORIENTASI_HASIL",
        "PELAYANAN_PUBLIK",
        "PENGEMBANGAN_DIRI",
        "MENGELOLA_PERUBAHAN",
        "PENGAMBILAN_KEPUTUSAN",
        "PEREKAT_BANGSA",
    ]
    assert all(len(c.level_descriptions) == 5 for c in Competency.objects.all())
    assert Competency.objects.get(code="PEREKAT_BANGSA").kind == "sosial_kultural"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero on drift
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrations_reverse_and_apply_again():
    call_command("migrate", "org", "0002", verbosity=0)
    assert not Organisation.objects.exists()
    call_command("migrate", verbosity=0)
    assert Organisation.objects.filter(kind="provinsi").count() == 38


@pytest.mark.django_db
def test_every_facts_trigger_survives_the_migrations():
    """SQLite rebuilds a table to add a NOT NULL column and drops its triggers: every table the facts read
    must still mark its employees after all migrations (analytics 0004 restores the employee table's)."""
    from importlib import import_module

    from django.db import connection

    first = import_module("talenta.analytics.migrations.0001_employee_facts")
    expected = {f"talenta_facts_{e}_{t}" for t in first.TABLES for e in first.EVENTS}
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cur.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        found = {r[0] for r in cur.fetchall()}
    assert expected <= found, sorted(expected - found)
