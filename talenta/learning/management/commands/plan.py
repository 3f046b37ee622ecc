"""``talenta plan --org CODE --year Y [--budget RUPIAH] [--per-unit-budget] [--lambda 1] [--max-programs 3]
[--max-jp 60] [--time-limit 60] [--idp ignore|weight|first] [--budget-by opd|government] [--json]
[--out PLAN.xlsx]``."""

import json

from django.core.management.base import BaseCommand, CommandError

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.spreadsheets import write_table
from talenta.learning.params import PlanParams
from talenta.learning.reports import plan_json
from talenta.learning.services import plan_scenarios, run_plan
from talenta.org.selectors import organisation_by_code


class Command(BaseCommand):
    help = "Plan who attends which programme: the most gap levels closed and PNS reaching 20 JP, within budget."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--budget", type=float, help="rupiah; default: the anggaran of the organisation")
        parser.add_argument(
            "--budget-by",
            choices=["opd", "government"],
            help="also keep each OPD (opd) or each government (government: a province's joint plan with its "
            "regencies and cities, shared seats, each paying for its own people) within its own pagu",
        )
        parser.add_argument("--per-unit-budget", action="store_true", help="the same as --budget-by opd")
        default = PlanParams.default
        parser.add_argument(
            "--lambda", dest="lam", type=float, default=default("lam"), help="value of one PNS reaching 20 JP"
        )
        parser.add_argument("--max-programs", type=int, default=default("max_programs"))
        parser.add_argument("--max-jp", type=float, default=default("max_jp"))
        parser.add_argument("--time-limit", type=float, default=default("time_limit"), help="seconds")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--out", help="PLAN.xlsx: the participants")
        parser.add_argument(
            "--priority",
            action="append",
            default=[],
            help="an RKPD/RPJMD code the plan is tagged with (repeatable): competencies of programmes tagged "
            "with it weigh --priority-weight",
        )
        parser.add_argument("--priority-weight", type=float, default=default("priority_weight"))
        parser.add_argument(
            "--idp",
            choices=["ignore", "weight", "first"],
            default=default("idp"),
            help="approved IDP items: ignore them, weigh their programme by the rule set's [planner] idp_weight, "
            "or plan every one that fits first (default: weight)",
        )
        parser.add_argument(
            "--scenarios",
            action="store_true",
            help="also plan at 50/75/100/125/150%% of the budget (JSON key 'scenarios', or a table)",
        )

    def handle(
        self,
        *args,
        org,
        year,
        budget,
        per_unit_budget,
        lam,
        max_programs,
        max_jp,
        time_limit,
        json: bool,
        out,
        scenarios: bool,
        priority,
        priority_weight: float,
        idp: str = "weight",
        budget_by: str | None = None,
        **options,
    ):
        try:
            node = organisation_by_code(org)
        except NotFound as exc:
            raise CommandError(exc.message) from None
        try:
            params = PlanParams(
                year=year,
                budget=budget,
                per_unit_budget=per_unit_budget,
                lam=lam,
                max_programs=max_programs,
                max_jp=max_jp,
                time_limit=time_limit,
                priorities=tuple(priority or ()),
                priority_weight=priority_weight,
                scenarios=scenarios,
                idp=idp,
                budget_by=budget_by or ("opd" if per_unit_budget else ""),
            )
            setup, result = run_plan(node, params)
        except (ApplicationError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        body = plan_json(setup, result)
        if params.scenarios:
            body["scenarios"] = plan_scenarios(setup, time_limit=max(5.0, time_limit / 3), result=result)
        if out:
            rows = (
                [
                    setup.nip[i],
                    setup.name[i],
                    setup.unit_code[i],
                    setup.programme_code[p],
                    setup.programme_name[p],
                    float(setup.problem.jp[p]),
                    float(setup.problem.cost[p]),
                ]
                for i, p in result.assignments
            )
            write_table(
                out,
                ["NIP", "NAMA", "KODE_UNIT", "KODE_PROGRAM", "PROGRAM", "JP", "BIAYA"],
                rows,
                "xlsx" if out.endswith(".xlsx") else "csv",
                sheet="peserta",
            )
        if json:
            self.stdout.write(_dumps(body))
            return
        self.stdout.write(
            f"{body['status']}: value {body['objective']:,.2f} (bound {body['bound']:,.2f}, "
            f"gap {100 * body['gap']:.2f}%), "
            f"{body['assignments']:,} assignments, cost {body['cost']:,.0f} of {body['budget']:,.0f}; 20 JP "
            f"{body['compliant_before']:,} -> {body['compliant_after']:,}; {body['levels_closed']:,.0f} gap levels "
            f"closed; greedy baseline {body['baseline']['objective']:,.2f}; {body['seconds']:.1f} s"
        )
        if body["budget_by"] == "government":
            for g in body["by_government"]:
                self.stdout.write(
                    f"  {g['code']} {g['name']}: cost {g['cost']:,.0f} of {g['budget'] or 0:,.0f}, "
                    f"{g['assignments']:,} assignments, 20 JP {g['compliant_before']:,} -> {g['compliant_after']:,}, "
                    f"{g['levels_closed']:,.0f} gap levels closed"
                )
            if sep := body.get("separate"):
                gain = "" if sep["gain_percent"] is None else f" ({sep['gain_percent']:+.2f}%)"
                self.stdout.write(
                    f"  separate plans per government: value {sep['objective']:,.2f}; joint "
                    f"{sep['joint_objective']:,.2f}{gain}"
                )
        if body["idp_requested"]:
            self.stdout.write(
                f"  IDP ({body['idp']}): {body['idp_granted']} of {body['idp_requested']} approved programmes planned"
            )
            for x in body["idp_not_granted"]:
                self.stdout.write(f"    {x['nip']} {x['programme']}: {x['reason']}")
        for sc in body.get("scenarios", []):
            self.stdout.write(
                f"  budget {100 * sc['share']:>3.0f}% ({sc['budget']:,.0f}): value {sc['objective']:,.2f}, "
                f"cost {sc['cost']:,.0f}, 20 JP {sc['compliant_after']:,}, {sc['levels_closed']:,.0f} gap levels closed"
            )


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
