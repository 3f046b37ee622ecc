"""Load the national root, the 38 provinces and 514 regencies/cities with their Kemendagri codes.

Source: ``talenta/org/data/wilayah`` (idn-area-data 3.1.2, ODbL 1.0; see SOURCE.md and LICENSE-ODbL.md
there). The data is read when the migration runs, so every migrated database has the regions.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "wilayah"
KEEP_UPPER = {"DKI", "DI", "ADM."}


def nice(name: str) -> str:
    return " ".join(w if w in KEEP_UPPER else w.capitalize() for w in name.split())


def load(apps, schema_editor):
    Organisation = apps.get_model("org", "Organisation")
    root = Organisation.objects.create(code="ID", name="Indonesia", kind="nasional", path="/ID/", depth=0)
    provinces = {}
    with open(DATA / "provinces.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    objs = [Organisation(code=r["code"], name=f"Provinsi {nice(r['name'])}", kind="provinsi", parent=root,
                         path=f"/ID/{r['code']}/", depth=1) for r in rows]
    for o in Organisation.objects.bulk_create(objs):
        provinces[o.code] = o
    with open(DATA / "regencies.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    objs = []
    for r in rows:
        parent = provinces[r["province_code"]]
        kind = "kota" if r["name"].startswith("KOTA") else "kabupaten"
        objs.append(Organisation(code=r["code"], name=nice(r["name"]), kind=kind, parent=parent,
                                 path=f"{parent.path}{r['code']}/", depth=2))
    Organisation.objects.bulk_create(objs, batch_size=500)


def unload(apps, schema_editor):
    Organisation = apps.get_model("org", "Organisation")
    Organisation.objects.filter(depth=2, kind__in=["kabupaten", "kota"]).delete()
    Organisation.objects.filter(depth=1, kind="provinsi").delete()
    Organisation.objects.filter(code="ID").delete()


class Migration(migrations.Migration):
    dependencies = [("org", "0002_initial")]
    operations = [migrations.RunPython(load, unload)]
