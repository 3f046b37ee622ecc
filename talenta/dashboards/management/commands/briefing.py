"""``talenta briefing --org CODE [--date D] [--json] [--out FILE.pdf]``: the regional head's briefing."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from talenta.core.errors import ApplicationError
from talenta.dashboards.briefing import briefing, briefing_json
from talenta.dashboards.reports import briefing_pdf, briefing_text
from talenta.org.selectors import organisation_by_code


class Command(BaseCommand):
    help = "The briefing for a regional head (term, freeze, key positions, retirements, talent, budget)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="code of the province, regency or city")
        parser.add_argument("--date", help="the day of the briefing (YYYY-MM-DD; default today)")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--out", help="write the two-page PDF to this file")

    def handle(self, *args, **opts):
        try:
            day = date.fromisoformat(opts["date"]) if opts["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date {opts['date']!r} is not a date (YYYY-MM-DD)") from None
        try:
            org = organisation_by_code(opts["org"])
            b = briefing(org, actor=None, today=day)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        if opts["out"]:
            with open(opts["out"], "wb") as fh:
                fh.write(briefing_pdf(b))
        if opts["json"]:
            self.stdout.write(json.dumps(briefing_json(b), ensure_ascii=False, indent=2))
        elif not opts["out"]:
            self.stdout.write(briefing_text(b))
        else:
            self.stdout.write(f"{opts['out']}: {org.name}, {day.isoformat()}")
