"""Benchmark: `pegawai` import of N rows from xlsx, end to end, against python-calamine reading alone.

    .venv/bin/python bench/import_bench.py [--rows 100000] [--db sqlite|postgres|both] [--layout siasn]

``--layout siasn``: the file is SIASN's "Export Data ASN" (67 columns, personal data filled as SIASN fills
it, units as UNOR NAMA "<unit> - <OPD>", job kinds named by class only, PPPK rows with Roman golongan).

Each database gets a scratch copy (SQLite file in a temp dir; PostgreSQL database `talenta_bench_import`),
migrated, with the demo region's organisation (a small `talenta demo`) so the rows have units to go to.
The file is made here: N valid employees with unique NIPs spread over the demo's units.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSITIONS = [
    ("Pengadministrasi Perkantoran", "Pelaksana", "SMA", "II/b"),
    ("Analis Kebijakan Ahli Pertama", "Ahli Pertama", "S1", "III/a"),
    ("Pranata Komputer Terampil", "Terampil", "D3", "II/c"),
    ("Perencana Ahli Muda", "Ahli Muda", "S2", "III/c"),
]


def make_file(path: Path, n: int, units: list[str]) -> None:
    import xlsxwriter

    from talenta.engine.nip import make_nip

    rng = random.Random(5)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("pegawai")
    header = [
        "NIP",
        "NAMA",
        "GELAR_DEPAN",
        "GELAR_BELAKANG",
        "TANGGAL_LAHIR",
        "JENIS_KELAMIN",
        "STATUS",
        "GOLONGAN",
        "PENDIDIKAN",
        "JURUSAN",
        "KODE_UNIT",
        "JABATAN",
        "JENIS_JABATAN",
        "TMT_JABATAN",
    ]
    ws.write_row(0, 0, header)
    seen = set()
    i = 0
    while i < n:
        birth = date(1970, 1, 1) + timedelta(days=rng.randint(0, 365 * 30))
        gender = rng.choice("LP")
        tmt = date(birth.year + rng.randint(22, 30), rng.randint(1, 12), 1)
        if tmt > date(2025, 1, 1):
            continue
        nip = make_nip(birth_date=birth, tmt=tmt, gender=gender, sequence=rng.randint(1, 999))
        if nip in seen:
            continue
        seen.add(nip)
        pos, kind, edu, gol = rng.choice(POSITIONS)
        i += 1
        ws.write_row(
            i,
            0,
            [
                nip,
                f"Pegawai {i}",
                "",
                "",
                birth.isoformat(),
                gender,
                "PNS",
                gol,
                edu,
                "",
                rng.choice(units),
                pos,
                kind,
                "2024-01-02",
            ],
        )
    wb.close()


SIASN_POSTS = [
    ("Jabatan Pelaksana", "PENGADMINISTRASI PERKANTORAN", "SLTA", "II/b", "P"),
    ("Jabatan Fungsional", "Analis Kebijakan Ahli Pertama", "S-1/Sarjana", "III/a", "P"),
    ("Jabatan Fungsional", "Pranata Komputer Terampil", "Diploma III/Sarjana Muda", "II/c", "P"),
    ("Jabatan Fungsional", "Perencana Ahli Muda", "S-2", "III/c", "P"),
    ("Jabatan Fungsional", "AHLI PERTAMA - ANALIS KEBIJAKAN", "S-1/Sarjana", "IX", "PPPK"),
    ("Jabatan Fungsional", "TERAMPIL - PERAWAT", "Diploma III/Sarjana Muda", "VII", "PPPK"),
]


def make_siasn_file(path: Path, n: int, units: list[list[str]]) -> None:
    import xlsxwriter

    from talenta.engine.nip import make_nip
    from talenta.people.siasn import SIASN_COLUMNS

    rng = random.Random(5)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("pns_6471")
    when = wb.add_format({"num_format": "dd-mm-yyyy"})
    at = {c: j for j, c in enumerate(SIASN_COLUMNS)}
    ws.write_row(0, 0, list(SIASN_COLUMNS))
    seen = set()
    i = 0
    from datetime import datetime

    while i < n:
        birth = date(1970, 1, 1) + timedelta(days=rng.randint(0, 365 * 30))
        gender = rng.choice("LP")
        klass, title, edu, gol, kind = rng.choice(SIASN_POSTS)
        if kind == "PPPK":
            tmt = date(rng.choice([2022, 2023, 2024]), 1, 1)
            nip = make_nip(birth_date=birth, tmt=tmt, gender=gender, sequence=rng.randint(1, 999), pppk_round=1)
        else:
            tmt = date(birth.year + rng.randint(22, 30), rng.randint(1, 12), 1)
            if tmt > date(2025, 1, 1):
                continue
            nip = make_nip(birth_date=birth, tmt=tmt, gender=gender, sequence=rng.randint(1, 999))
        if nip in seen:
            continue
        seen.add(nip)
        i += 1
        unit, opd = rng.choice(units)
        row = {
            "PNS ID": f"A8ACA7{i:08d}", "NIP BARU": f"'{nip}", "NIP LAMA": f"'{nip[:9]}", "NAMA": f"Pegawai {i}",
            "TEMPAT LAHIR ID": 6471, "TEMPAT LAHIR NAMA": "BALIKPAPAN", "JENIS KELAMIN": "F" if gender == "P" else "M",
            "AGAMA ID": 1, "AGAMA NAMA": "Islam", "JENIS KAWIN ID": 2, "JENIS KAWIN NAMA": "Menikah",
            "NIK": f"'6471{nip[2:14]}", "NOMOR HP": 81200000000 + i, "EMAIL": f"pegawai{i}@contoh.id",
            "ALAMAT": f"Jl. Contoh No. {i}", "NPWP NOMOR": f"'09{i:09d}", "BPJS": "'", "JENIS PEGAWAI ID": 4,
            "JENIS PEGAWAI NAMA": "PNS Daerah Kab/Kota", "KEDUDUKAN HUKUM ID": 1,
            "KEDUDUKAN HUKUM NAMA": "PPPK Aktif" if kind == "PPPK" else "Aktif", "STATUS CPNS PNS": "P",
            "KARTU ASN VIRTUAL": f"KAV{i:07d}", "GOL AKHIR NAMA": gol, "JENIS JABATAN NAMA": klass,
            "JABATAN NAMA": title, "TINGKAT PENDIDIKAN NAMA": edu, "PENDIDIKAN NAMA": "Umum",
            "UNOR NAMA": f"{unit} - {opd}", "INSTANSI INDUK NAMA": "Pemerintah Kota Balikpapan", "IS VALID NIK": "true",
        }  # fmt: skip
        for col, value in row.items():
            ws.write(i, at[col], value)
        ws.write_datetime(i, at["TANGGAL LAHIR"], datetime(birth.year, birth.month, birth.day), when)
        ws.write_datetime(i, at["TMT JABATAN"], datetime(2024, 1, 2), when)
    wb.close()


def in_child(url: str, code: str) -> float:
    """Run ``code`` in a fresh interpreter on ``url``; it prints one float."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "talenta.config.settings"}
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"the child failed:\n{out.stderr[-3000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def fresh_copy(name: str, base: str, url: str) -> None:
    """The database at ``url`` becomes a copy of the prepared ``base`` (organisation loaded, no import yet)."""
    if name == "SQLite":
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        shutil.copy(base.removeprefix("sqlite:///"), url.removeprefix("sqlite:///"))
        return
    server, db, template = url.rsplit("/", 1)[0], url.rsplit("/", 1)[1], base.rsplit("/", 1)[1]
    for sql in (f"DROP DATABASE IF EXISTS {db}", f"CREATE DATABASE {db} TEMPLATE {template}"):
        subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--repeat", type=int, default=3, help="runs of read and import in turns; the best of each")
    ap.add_argument("--layout", choices=["template", "siasn"], default="template")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="talenta-import-bench-"))
    targets = []
    if a.db in ("sqlite", "both"):
        targets.append(("SQLite", f"sqlite:///{tmp}/base.sqlite3", f"sqlite:///{tmp}/bench.sqlite3"))
    if a.db in ("postgres", "both"):
        server = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
        for sql in ("DROP DATABASE IF EXISTS talenta_bench_import", "DROP DATABASE IF EXISTS talenta_bench_base"):
            subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True)
        subprocess.run(["psql", f"{server}/postgres", "-qc", "CREATE DATABASE talenta_bench_base"], check=True)
        targets.append(("PostgreSQL", f"{server}/talenta_bench_base", f"{server}/talenta_bench_import"))
    xlsx = tmp / "pegawai.xlsx"
    print(f"pegawai import, {a.rows:,} rows (xlsx, layout {a.layout}), best of {a.repeat} runs each")
    for name, base, url in targets:
        env = {**os.environ, "DATABASE_URL": base}
        subprocess.run([sys.executable, "-m", "talenta", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [sys.executable, "-m", "talenta", "demo", "--employees", "500"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        if not xlsx.exists() and a.layout == "siasn":
            in_child(
                base,
                "from talenta.org.models import Organisation\n"
                "import json\n"
                "opds = dict(Organisation.objects.filter(kind='opd').values_list('code', 'name'))\n"
                "pairs = [[n, opds[c.rsplit('.', 1)[0]]] for c, n in Organisation.objects.filter(kind='unit')"
                ".values_list('code', 'name') if c.rsplit('.', 1)[0] in opds]\n"
                "json.dump(pairs, open('" + str(tmp / "units.json") + "', 'w'))\nprint(0)",
            )
            import json

            make_siasn_file(xlsx, a.rows, json.load(open(tmp / "units.json")))
        if not xlsx.exists():
            units = in_child(
                base,
                "from talenta.org.models import Organisation\n"
                "import json,sys; print(json.dumps(list(Organisation.objects.filter(kind='unit')"
                ".values_list('code', flat=True))), file=open('" + str(tmp / "units.json") + "','w'))"
                "\nprint(0)",
            )
            del units
            import json

            make_file(xlsx, a.rows, json.load(open(tmp / "units.json")))
        reads, imports = [], []
        for _ in range(a.repeat):  # in turns: the host's speed drifts, each figure sees the same drift
            fresh_copy(name, base, url)
            reads.append(
                in_child(
                    url,
                    f"import time\nfrom talenta.imports.readers import read_table\n"
                    f"d=open('{xlsx}','rb').read(); t=time.perf_counter(); read_table(d,'p.xlsx')\n"
                    f"print(time.perf_counter()-t)",
                )
            )
            code = (
                f"import time\nfrom talenta.imports.services import import_file\n"
                f"d=open('{xlsx}','rb').read(); t=time.perf_counter()\n"
                f"r=import_file(actor=None, kind='pegawai', data=d, filename='p.xlsx')\n"
                f"assert r.created == {a.rows}, (r.created, r.rejected, r.errors[:3])\n"
                f"print(time.perf_counter()-t)"
            )
            imports.append(in_child(url, code))
        read_s, total = min(reads), min(imports)
        print(
            f"{name:<11} calamine read {read_s:6.2f} s | import end to end {total:6.2f} s "
            f"({a.rows / total:,.0f} rows/s) | ratio {total / read_s:4.2f}x (target <= 3x) | runs: "
            + ", ".join(f"{i:.2f}/{r:.2f}" for i, r in zip(imports, reads, strict=True))
        )


if __name__ == "__main__":
    main()
