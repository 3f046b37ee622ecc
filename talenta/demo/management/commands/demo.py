"""``talenta demo --seed N [--employees M] [--if-empty]``: load the demo region into an empty database."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from talenta.analytics import facts
from talenta.core.rulesets import active_ruleset
from talenta.demo.generator import DEMO_PASSWORD, DemoBuilder, database_holds_employees, demo_logins


class Command(BaseCommand):
    help = (
        "Fill an empty database with a deterministic demo region (East Kalimantan province, Kota "
        "Balikpapan, Kabupaten Penajam Paser Utara) and one demo login per role."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same day: same data)")
        parser.add_argument("--employees", type=int, default=5000, help="number of employees (default 5000)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing (exit 0) when the database already holds employees"
        )

    def handle(self, *args, seed: int, employees: int, if_empty: bool, **options):
        if employees < 100:
            raise CommandError("--employees must be at least 100 (one holder for each structural position).")
        if database_holds_employees():
            if if_empty:
                self.stdout.write("The database already holds data; demo not loaded again.")
                self._print_logins(demo_logins())
                return
            raise CommandError("The database already holds employees; the demo loads into an empty database only.")
        rules = active_ruleset()
        builder = DemoBuilder(
            seed=seed,
            employees=employees,
            ruleset=rules,
            today=date.today(),
            progress=lambda msg: self.stdout.write(msg),
        )
        stats = builder.run()
        facts.build(
            timezone.localdate().year, rules, progress=lambda msg: self.stdout.write(f"Per-employee facts: {msg}")
        )
        self.stdout.write(self.style.SUCCESS(f"Demo region loaded in {stats.seconds:.1f}s:"))
        for name, n in stats.counts.items():
            self.stdout.write(f"  {name:<18} {n:>10,}")
        self._print_logins(stats.users)

    def _print_logins(self, users):
        if not users:
            return
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, scope in users:
            self.stdout.write(f"  {username:<12} {role:<40} {scope}")
