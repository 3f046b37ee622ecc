"""``talenta export KIND --org CODE [--year Y] --out FILE.xlsx|csv`` in the import templates."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from talenta.analytics.exports import analitik_rows
from talenta.core.errors import NotFound
from talenta.core.spreadsheets import write_sheets, write_table
from talenta.governance.selectors import PETA_HEADER, peta_jabatan, peta_rows
from talenta.imports.exports import export_rows, may_export
from talenta.imports.registry import KINDS
from talenta.learning.akpk import akpk
from talenta.org.selectors import active_user, organisation_by_code, organisation_get
from talenta.talent.succession import SUKSESI_HEADER, suksesi_rows

EXTRA_KINDS = ("analitik", "suksesi", "peta-jabatan", "akpk")


class Command(BaseCommand):
    help = "Export one kind for an organisation subtree, in the same template the import reads."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="one of: " + ", ".join([*KINDS, *EXTRA_KINDS]))
        parser.add_argument("--org", required=True, help="organisation code, e.g. 64.71")
        parser.add_argument("--year", type=int)
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
        parser.add_argument("--user", help="export as this user (their scope); default: the whole system")
        parser.add_argument(
            "--layout",
            choices=["template", "siasn"],
            default="template",
            help="pegawai: siasn writes the columns of SIASN's Export Data ASN (importing it back changes nothing)",
        )

    def handle(self, *args, kind, org, year, out, user, layout, **options):
        if kind not in KINDS and kind not in EXTRA_KINDS:
            raise CommandError(f"Unknown kind {kind!r}; choose one of: {', '.join([*KINDS, *EXTRA_KINDS])}.")
        fmt = Path(out).suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError("--out must end in .xlsx or .csv")
        try:
            node = organisation_get(actor=active_user(user), code=org) if user else organisation_by_code(org)
        except NotFound as exc:
            raise CommandError(exc.message) from None
        if user and not may_export(active_user(user), kind):
            raise CommandError(f"The role of {user} may not export {kind}.")
        if kind == "analitik":
            header, rows = analitik_rows(node, year or timezone.localdate().year)
        elif kind == "suksesi":
            # Key positions, holders, retirement dates and ranked candidates with readiness.
            header, rows = SUKSESI_HEADER, suksesi_rows(node, actor=active_user(user) if user else None)
        elif kind == "akpk":
            # Per employee and competency gap: the development proposed (plan or approved IDP); summaries.
            sheets = akpk(node, year or timezone.localdate().year)
            if fmt == "xlsx":
                n = write_sheets(out, sheets)[0]
            else:
                n = write_table(out, sheets[0][1], sheets[0][2], fmt, sheet=kind)
            self.stdout.write(f"{out}: {n} {kind} rows for {node.code} {node.name}")
            return
        elif kind == "peta-jabatan":
            # Per position: workload, staff needed (K), in post (B), selisih, EJ, PJ, retirements, formation.
            header, rows = PETA_HEADER, peta_rows(peta_jabatan(node, year=year))
        elif layout == "siasn" and kind != "pegawai":
            raise CommandError("--layout siasn is for pegawai.")
        else:
            header, rows = export_rows(kind, node, year, layout)
        n = write_table(out, header, rows, fmt, sheet=kind)
        self.stdout.write(f"{out}: {n} {kind} rows for {node.code} {node.name}")
