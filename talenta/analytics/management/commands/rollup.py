"""``talenta rollup --org CODE [--year Y] [--json] [--out FILE.csv|xlsx]``: the measures of a subtree and of
each of its children (any size: all of Indonesia included)."""

import json
import resource
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from talenta.analytics import facts
from talenta.analytics.rollup import ROLLUP_HEADER, rollup, rollup_json, rollup_rows
from talenta.core.errors import NotFound
from talenta.core.rulesets import active_ruleset
from talenta.core.spreadsheets import write_table
from talenta.org.selectors import organisation_by_code


class Command(BaseCommand):
    help = "Roll-up of an organisation subtree: boxes, mean JPM, IP ASN, 20-JP share, per child."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True)
        parser.add_argument("--year", type=int, help="reference year (default: this year)")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--out", help="FILE.csv or FILE.xlsx: one row for the organisation, then one per child")

    def handle(self, *args, org, year, json: bool, out, **options):
        if out and not out.endswith((".csv", ".xlsx")):
            raise CommandError("--out must name a .csv or .xlsx file.")
        try:
            node = organisation_by_code(org)
        except NotFound as exc:
            raise CommandError(exc.message) from None
        this_year = timezone.localdate().year
        rules = active_ruleset()
        if (year or this_year) == this_year and not facts.current(this_year, rules):
            # Built once a year: every later roll-up reads one row per employee instead of the histories.
            facts.build(this_year, rules, progress=lambda msg: self.stderr.write(f"Per-employee facts built: {msg}"))
        t0 = time.perf_counter()
        r = rollup(node, year=year)
        seconds = time.perf_counter() - t0
        if out:
            write_table(out, ROLLUP_HEADER, rollup_rows(r), "xlsx" if out.endswith(".xlsx") else "csv", sheet="rollup")
        if json:
            body = rollup_json(r)
            body["seconds"] = round(seconds, 2)
            body["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            self.stdout.write(_dumps(body))
            return
        t = r.total
        self.stdout.write(
            f"{t.code} {t.name} ({r.year}, {r.ruleset}): {t.employees:,} employees, {t.assessed:,} assessed, "
            f"{len(r.children)} children; {seconds:.1f} s"
        )
        for f in (t, *r.children):
            jpm = "-" if f.jpm_mean is None else f"{f.jpm_mean:.2f}"
            ip = "-" if f.ip_mean is None else f"{f.ip_mean:.2f}"
            jp = "-" if f.jp_share is None else f"{f.jp_share:.1f}%"
            self.stdout.write(
                f"  {f.code:<14} {f.employees:>10,}  JPM {jpm:>6}  IP ASN {ip:>6}  20 JP {jp:>6}  "
                f"boxes {' '.join(str(b) for b in f.boxes[1:])}"
            )


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
