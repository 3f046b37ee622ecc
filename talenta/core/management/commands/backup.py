"""``talenta backup OUT``: a consistent copy of the database while Talenta runs.

SQLite: the online backup API (``sqlite3.Connection.backup``), a file that opens as the database itself;
restore by stopping Talenta and putting the file in place of ``var/talenta.sqlite3`` (or pointing
``DATABASE_URL`` at it). PostgreSQL: ``pg_dump --format=custom``; restore with ``pg_restore --clean
--if-exists -d DATABASE OUT`` (README, "Backups").
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Write a consistent backup of the database to OUT (SQLite file, or a pg_dump custom archive)"

    def add_arguments(self, parser):
        parser.add_argument("out")

    def handle(self, *args, out: str, **options):
        target = Path(out)
        if target.exists():
            raise CommandError(f"{target} exists; choose a new file name.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(target) as dest:
                connection.connection.backup(dest)
            dest.close()
        elif connection.vendor == "postgresql":
            if shutil.which("pg_dump") is None:
                raise CommandError("pg_dump is not installed (Debian: apt-get install postgresql-client).")
            s = connection.settings_dict
            env = {**os.environ, **({"PGPASSWORD": s["PASSWORD"]} if s.get("PASSWORD") else {})}
            cmd = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={s['NAME']}"]
            cmd += [f"--host={s['HOST'] or 'localhost'}", f"--port={s['PORT'] or 5432}"]
            if s.get("USER"):
                cmd.append(f"--username={s['USER']}")
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise CommandError(done.stderr.strip() or "pg_dump failed")
        else:
            raise CommandError(f"No backup for {connection.vendor}.")
        self.stdout.write(f"{target}: {target.stat().st_size:,} bytes")
