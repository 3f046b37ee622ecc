"""``talenta facts [--year Y]``: (re)build the per-employee facts (talenta/analytics/facts.py) for a year.

Run once (the demo does). Facts of another year or rule set are never read; the first read of a new year
or rule set asks the worker to rebuild them (``analytics.tasks.rebuild_facts``), and this command does the
same at once. Changes to the histories need nothing: triggers mark the employees concerned and every read
refreshes them.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from talenta.analytics import facts
from talenta.core.rulesets import active_ruleset


class Command(BaseCommand):
    help = "Rebuild the per-employee facts that large roll-ups read (once a year, or after a rule-set change)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="reference year (default: this year)")

    def handle(self, *args, year, **options):
        year = year or timezone.localdate().year
        rules = active_ruleset()
        facts.build(year, rules, progress=lambda msg: self.stdout.write(f"Facts for {year} ({rules.version}): {msg}"))
