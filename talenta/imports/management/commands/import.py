"""``talenta import KIND FILE [--atomic] [--dry-run] [--json] [--report ERRORS.xlsx]``.

Exit 0 when nothing was rejected, 1 when rows were rejected, 2 when the file itself is unusable.
"""

import json
import signal
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from talenta.core.errors import NotFound
from talenta.imports.registry import KINDS
from talenta.imports.report import write_error_report
from talenta.imports.services import cli_import
from talenta.org.selectors import active_user


class Command(BaseCommand):
    help = "Import an xlsx/csv file of one kind (" + ", ".join(KINDS) + ")."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="one of: " + ", ".join(KINDS))
        parser.add_argument("file")
        parser.add_argument("--atomic", action="store_true", help="write nothing if any row is rejected")
        parser.add_argument(
            "--strict", action="store_true", help="a column that is not recognised makes the file unusable (exit 2)"
        )
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="pegawai: create the units UNOR NAMA names under an OPD of your scope (government admins)",
        )
        parser.add_argument("--dry-run", action="store_true", help="validate and count only, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--report", metavar="ERRORS.xlsx", help="write the rejected rows, bad cells marked")
        parser.add_argument("--user", help="import as this user (their scope); default: the whole system")
        parser.add_argument("--lang", choices=["id", "en"], default="id", help="language of the messages")

    def handle(
        self, *args, kind, file, atomic, strict, create_units, dry_run, json: bool, report, user, lang, **options
    ):
        translation.activate(lang)
        actor = None
        if user:
            try:
                actor = active_user(user)
            except NotFound as exc:
                raise CommandError(exc.message, returncode=2) from None
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._finish_unreadable(kind, file, str(exc), json)
            return
        progress = None if json or not sys.stderr.isatty() else self._progress
        signal.signal(signal.SIGTERM, _terminated)  # as Ctrl-C: the import stops and its record says so
        result = cli_import(
            actor=actor,
            kind=kind,
            data=data,
            filename=path.name,
            atomic=atomic,
            dry_run=dry_run,
            progress=progress,
            strict=strict,
            create_units=create_units,
        )
        if report and result.status != "unusable":
            write_error_report(result, report)
        if json:
            self.stdout.write(_json_dumps(result.as_json()))
        else:
            self._print(result, report)
        if result.exit_code:
            sys.exit(result.exit_code)

    def _progress(self, message, percent):
        self.stderr.write(f"\r[{percent:3d}%] {message}".ljust(60), ending="")
        if percent >= 100:
            self.stderr.write("")

    def _finish_unreadable(self, kind, file, error, as_json):
        if as_json:
            self.stdout.write(
                _json_dumps(
                    {
                        "kind": kind,
                        "rows": 0,
                        "created": 0,
                        "updated": 0,
                        "unchanged": 0,
                        "rejected": 0,
                        "errors": [],
                        "ignored_columns": [],
                        "unused_columns": [],
                        "created_units": [],
                        "status": "unusable",
                        "message": error,
                    }
                )
            )
        else:
            self.stderr.write(f"{file}: {error}")
        sys.exit(2)

    def _print(self, result, report):
        if result.status == "unusable":
            self.stderr.write(f"{result.filename}: {result.message}")
            return
        verb = "would be " if result.dry_run else ""
        self.stdout.write(
            f"{result.filename} ({result.kind}): {result.rows} rows; {verb}created {result.created}, "
            f"{verb}updated {result.updated}, unchanged {result.unchanged}, rejected {result.rejected}."
        )
        if result.message:
            self.stdout.write(result.message)
        for note in result.notes:
            self.stdout.write(note)
        for e in result.errors[:50]:
            self.stdout.write(f"  row {e.row}, {e.column} = {e.value!r}: {e.message}")
        if len(result.errors) > 50:
            self.stdout.write(f"  ... and {len(result.errors) - 50} more" + (f" (see {report})" if report else ""))


def _terminated(signum, frame):
    sys.exit(128 + signum)


def _json_dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
