"""``talenta purge_logs [--dry-run]``: delete the audit rows, access records and login records older than the
retention settings (TALENTA_AUDIT_RETENTION_DAYS, TALENTA_ACCESS_RETENTION_DAYS). Run it daily."""

from django.core.management.base import BaseCommand

from talenta.core.journal import purge


class Command(BaseCommand):
    help = "Delete audit, access and login records older than the retention settings"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count only, delete nothing")

    def handle(self, *args, dry_run: bool, **options):
        counts = purge(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(", ".join(f"{verb} {n} {what}" for what, n in counts.items()))
