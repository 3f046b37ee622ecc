"""Benchmark: the national roll-up over ~4,000,000 employees from PostgreSQL (issue 4).

    .venv/bin/python bench/national_bench.py [--per-province 105300] [--keep]

Builds a synthetic Indonesia in a scratch PostgreSQL database: `talenta demo --employees N` gives
Kalimantan Timur (the province's own OPDs, Kota Balikpapan and Kab. Penajam Paser Utara, each with their
OPDs, units, positions with standards, employees, assessments with scores, three years of SKP, learning
records and discipline); that region is then copied in SQL under every other province of the country (its
OPDs and their employees and histories under the province and two of its regencies/cities), 38 provinces
in all. Then, in a fresh process, times `rollup()` of the national node (every employee read once from
the database into arrays, the engine once, figures per province), per stage, and reports the process's
peak memory. The copy bypasses triggers, so the per-employee facts are built once
first (as `talenta facts` does each year); the population is also read once straight from the histories,
for comparison. With ``--keep`` an existing database of the right size is reused.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALENTA = [sys.executable, "-m", "talenta"]
DB = "talenta_bench_national"


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talenta.config.settings")
    django.setup()


def replicate() -> None:
    """Copy the demo region under every other province (run inside the scratch database)."""
    _django()
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from talenta.analytics import facts
    from talenta.competency.models import Assessment, AssessmentScore, PositionStandard
    from talenta.core.bulk import bulk_insert
    from talenta.engine.rules import load_ruleset
    from talenta.learning.models import LearningRecord
    from talenta.org.models import Organisation, OrgKind
    from talenta.people.models import DisciplinePenalty, Employee, PerformanceRating, Position

    sources = {"64": None, "64.71": None, "64.09": None}
    govs = {o.code: o for o in Organisation.objects.filter(code__in=sources)}
    provinces = list(Organisation.objects.filter(kind=OrgKind.PROVINCE).exclude(code="64").order_by("code"))
    copies = []  # per copy: {source government code: target government}
    for p in provinces:
        children = list(p.children.filter(kind__in=[OrgKind.CITY, OrgKind.REGENCY]).order_by("code")[:2])
        if len(children) == 2:
            copies.append({"64": p, "64.71": children[0], "64.09": children[1]})
    now = timezone.now()
    rows, orgmap = [], []
    for k, target in enumerate(copies):
        for src_code, gov in govs.items():
            new_gov = target[src_code]
            subtree = Organisation.objects.filter(path__startswith=gov.path, depth__gt=gov.depth)
            infix = r"00\." if gov.kind == OrgKind.PROVINCE else ""  # a province's own OPDs are P.00.NN
            for o in subtree.filter(path__regex=rf"^{gov.path}{src_code}\.{infix}[0-9]{{2}}/").order_by("path"):
                new_code = new_gov.code + o.code[len(src_code) :]
                new_path = new_gov.path + o.path[len(gov.path) :].replace(f"{src_code}.", f"{new_gov.code}.")
                rows.append((now, now, new_code, o.name, o.kind, None, new_path, new_path.count("/") - 2))
                orgmap.append((k, o.id, new_code))
    print(f"copies: {len(copies)} provinces, {len(rows):,} organisations", flush=True)
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        # Copies of consistent rows: skip the per-row foreign-key triggers Django's deferred constraints would
        # run at COMMIT (tens of millions of look-ups; a bench database needs a superuser here anyway).
        cur.execute("SET LOCAL session_replication_role = replica")
        bulk_insert(
            Organisation, ["created_at", "updated_at", "code", "name", "kind", "parent_id", "path", "depth"], rows
        )
        cur.execute(
            "UPDATE org_organisation c SET parent_id = p.id FROM org_organisation p "
            "WHERE c.parent_id IS NULL AND c.depth > 1 AND p.path = regexp_replace(c.path, '[^/]+/$', '')"
        )
        cur.execute("CREATE TEMP TABLE orgmap (k int, old_id int, new_id int) ON COMMIT DROP")
        cur.execute("CREATE TEMP TABLE m_code (k int, old_id int, code text) ON COMMIT DROP")
        with cur.cursor.copy("COPY m_code FROM STDIN") as copy:
            for r in orgmap:
                copy.write_row(r)
        cur.execute(
            "INSERT INTO orgmap SELECT m.k, m.old_id, o.id FROM m_code m JOIN org_organisation o ON o.code = m.code"
        )

        def copy_table(model, remap: dict[str, str], joins: str, label: str) -> None:
            cols = [f.column for f in model._meta.concrete_fields if not f.primary_key]
            q = connection.ops.quote_name
            exprs = ", ".join(remap.get(c, f"src.{q(c)}") for c in cols)
            t = time.perf_counter()
            cur.execute(
                f"INSERT INTO {model._meta.db_table} ({', '.join(q(c) for c in cols)}) SELECT {exprs} FROM "
                f"{model._meta.db_table} src {joins}"
            )
            print(f"  {label:<22} {cur.rowcount:>11,} rows {time.perf_counter() - t:6.1f} s", flush=True)

        def mapping(name: str, sql: str) -> None:
            cur.execute(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS {sql}")
            cur.execute(f"CREATE INDEX ON {name} (old_id)")
            cur.execute(f"ANALYZE {name}")

        nip = "lpad((om.k + 21)::text, 2, '0') || substr(src.nip, 3)"
        copy_table(
            Position, {"organisation_id": "om.new_id"}, "JOIN orgmap om ON om.old_id = src.organisation_id", "positions"
        )
        mapping(
            "posmap",
            "SELECT om.k, p.id AS old_id, n.id AS new_id FROM people_position p "
            "JOIN orgmap om ON om.old_id = p.organisation_id "
            "JOIN people_position n ON n.organisation_id = om.new_id AND n.name = p.name",
        )
        copy_table(
            PositionStandard, {"position_id": "pm.new_id"}, "JOIN posmap pm ON pm.old_id = src.position_id", "standards"
        )
        copy_table(
            Employee,
            {"organisation_id": "om.new_id", "position_id": "pm.new_id", "nip": nip, "org_path": "o.path"},
            "JOIN orgmap om ON om.old_id = src.organisation_id JOIN org_organisation o ON o.id = om.new_id "
            "JOIN posmap pm ON pm.old_id = src.position_id AND pm.k = om.k",
            "employees",
        )
        mapping(
            "empmap",
            f"SELECT om.k, src.id AS old_id, n.id AS new_id FROM people_employee src "
            f"JOIN orgmap om ON om.old_id = src.organisation_id JOIN people_employee n ON n.nip = {nip}",
        )
        by_employee = "JOIN empmap em ON em.old_id = src.employee_id"
        copy_table(Assessment, {"employee_id": "em.new_id"}, by_employee, "assessments")
        mapping(
            "asmap",
            "SELECT a.id AS old_id, n.id AS new_id FROM competency_assessment a "
            "JOIN empmap em ON em.old_id = a.employee_id "
            "JOIN competency_assessment n ON n.employee_id = em.new_id AND n.date = a.date",
        )
        copy_table(
            AssessmentScore,
            {"assessment_id": "am.new_id"},
            "JOIN asmap am ON am.old_id = src.assessment_id",
            "assessment scores",
        )
        copy_table(PerformanceRating, {"employee_id": "em.new_id"}, by_employee, "SKP ratings")
        copy_table(LearningRecord, {"employee_id": "em.new_id"}, by_employee, "learning records")
        copy_table(DisciplinePenalty, {"employee_id": "em.new_id"}, by_employee, "discipline")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    # The copy bypassed the triggers that keep the per-employee facts: rebuild them, as after any such load.
    t1 = time.perf_counter()
    facts.build(timezone.localdate().year, load_ruleset(settings.TALENTA_RULESET))
    print(f"per-employee facts rebuilt in {time.perf_counter() - t1:.1f} s (talenta facts)", flush=True)
    print(f"replicated in {time.perf_counter() - t0:.1f} s; employees now {Employee.objects.count():,}", flush=True)


def measure() -> None:
    _django()
    import numpy as np
    from django.conf import settings
    from django.db.models import Q
    from django.utils import timezone

    from talenta.analytics import facts, population
    from talenta.analytics.rollup import rollup
    from talenta.engine import compute
    from talenta.engine import measures as m
    from talenta.engine.rules import load_ruleset
    from talenta.org.models import Organisation

    year = timezone.localdate().year
    national = Organisation.objects.get(code="ID")
    rules = load_ruleset(settings.TALENTA_RULESET)
    if not facts.current(year, rules):  # once a year (talenta facts); histories written later only mark rows
        t0 = time.perf_counter()
        facts.build(year, rules)
        print(f"  per-employee facts built once           {time.perf_counter() - t0:6.2f} s (talenta facts)")

    def load(use_facts: bool = True) -> population.Population:
        return population.load_population(
            employees=Q(org_path__startswith=national.path),
            rules=rules,
            year=year,
            today=timezone.localdate(),
            identity=False,
            everyone=True,
            facts=use_facts,
        )

    for label, use in (("from the histories", False), ("from the facts", True)):
        t0 = time.perf_counter()
        pop = load(use)
        print(f"  read {len(pop):,} employees {label:<19}{time.perf_counter() - t0:6.2f} s")
        del pop
    t0 = time.perf_counter()
    pop = load()
    t1 = time.perf_counter()
    r = compute.compute_all(pop.inputs, m.tables_for(rules))
    t2 = time.perf_counter()
    print(f"  read {len(pop):,} employees into arrays  {t1 - t0:6.2f} s")
    print(f"  engine, all measures                   {t2 - t1:6.2f} s")
    del pop, r
    t0 = time.perf_counter()
    ru = rollup(national, year=year)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = ru.total
    print(f"  rollup(ID), end to end                 {seconds:6.2f} s (target <= 20 s)")
    print(
        f"  employees {t.employees:,}; assessed {t.assessed:,}; mean JPM {t.jpm_mean:.2f}; "
        f"mean IP ASN {t.ip_mean:.2f}; 20 JP {t.jp_share:.1f}%; boxes {t.boxes[1:]}; "
        f"{len(ru.children)} children"
    )
    print(f"  peak RSS of the measuring process: {peak:,.0f} MB")
    assert t.employees == sum(c.employees for c in ru.children) and np.isfinite(t.jpm_mean)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-province", type=int, default=105_300)
    ap.add_argument("--keep", action="store_true", help="reuse the scratch database if it is already built")
    ap.add_argument("--stage", choices=["replicate", "measure"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage == "replicate":
        return replicate()
    if a.stage == "measure":
        return measure()
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    env = {**os.environ, "DATABASE_URL": f"{base}/{DB}"}
    built = subprocess.run(
        ["psql", f"{base}/{DB}", "-Atc", "SELECT count(*) FROM people_employee"], capture_output=True, text=True
    )
    if not (a.keep and built.returncode == 0 and int(built.stdout or 0) > 30 * a.per_province):
        for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        subprocess.run([*TALENTA, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        t0 = time.perf_counter()
        subprocess.run(
            [*TALENTA, "demo", "--employees", str(a.per_province)], env=env, cwd=ROOT, check=True, capture_output=True
        )
        print(f"demo region of {a.per_province:,} employees loaded in {time.perf_counter() - t0:.1f} s", flush=True)
        subprocess.run([sys.executable, __file__, "--stage", "replicate"], env=env, cwd=ROOT, check=True)
    print("national roll-up (PostgreSQL), fresh process:", flush=True)
    subprocess.run([sys.executable, __file__, "--stage", "measure"], env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
