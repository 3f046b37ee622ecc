"""The development plan pages: parameters, a background run with progress, the result and its export."""

import io

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talenta.core.errors import ApplicationError
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import CONTENT_TYPES
from talenta.core.web import form_error, not_found_as_404, whole_number
from talenta.org.selectors import organisation_get

from .impact import programme_impact
from .models import PlanStatus
from .params import PlanParams
from .reports import IDP_MODES, LEFT_REASONS, idp_rows, plan_pdf, plan_workbook
from .selectors import org_budget, plan_run_get, plan_runs
from .services import plan_accept, plan_retry, plan_start

D = PlanParams.default


class PlanForm(forms.Form):
    """The questions an officer has first (year, budget, each OPD within its pagu, RKPD/RPJMD priorities, the
    IDP items, scenarios); the solver's settings under "advanced settings" (issue 23)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    budget = forms.IntegerField(label=_("Budget (Rp), blank = the anggaran"), min_value=0, required=False)
    budget_by = forms.ChoiceField(
        label=_("Whose pagu binds besides the total"),
        choices=[
            ("", _("The total budget only")),
            ("opd", _("Each OPD within its own pagu")),
            (
                "government",
                _("Each government within its own pagu: a joint plan of the province and its regencies and cities"),
            ),
        ],
        required=False,
    )
    priorities = forms.CharField(label=_("RKPD/RPJMD priority codes (comma-separated)"), required=False, max_length=500)
    idp = forms.ChoiceField(
        label=_("Approved individual development plans (IDP)"),
        choices=[
            ("weight", _("Weighed more: an approved programme counts more for that employee")),
            ("first", _("First: every approved programme that fits is planned before the rest")),
            ("ignore", _("Not considered: the plan looks at the gaps only")),
        ],
        initial=D("idp"),
        required=False,
    )
    scenarios = forms.BooleanField(
        label=_("Also plan at 50, 75, 125 and 150% of the budget (scenarios)"), required=False
    )
    max_programs = forms.IntegerField(
        label=_("Programmes per employee at most"), initial=D("max_programs"), min_value=1, max_value=10
    )
    max_jp = forms.FloatField(label=_("Added JP per employee at most"), initial=D("max_jp"), min_value=1)
    priority_weight = forms.FloatField(
        label=_("Weight of the competencies of priority programmes"),
        initial=D("priority_weight"),
        min_value=0,
        max_value=100,
        required=False,
    )
    lam = forms.FloatField(
        label=_("Worth of one PNS reaching 20 JP, in gap levels closed"), initial=D("lam"), min_value=0
    )
    time_limit = forms.FloatField(
        label=_("Longest computing time (seconds)"), initial=D("time_limit"), min_value=1, max_value=1800
    )

    ADVANCED = ("max_programs", "max_jp", "priority_weight", "lam", "time_limit")

    def main_fields(self):
        return [f for f in self if f.name not in self.ADVANCED]

    def advanced_fields(self):
        return [f for f in self if f.name in self.ADVANCED]

    def clean_priorities(self):
        return [c.strip() for c in self.cleaned_data["priorities"].split(",") if c.strip()]

    def clean_budget_by(self):
        # the former checkbox "per_unit_budget" still means "each OPD within its own pagu"
        return self.cleaned_data["budget_by"] or ("opd" if self.data.get("per_unit_budget") else "")

    def clean_idp(self):
        return self.cleaned_data["idp"] or D("idp")

    def clean_priority_weight(self):
        value = self.cleaned_data["priority_weight"]
        return D("priority_weight") if value is None else value

    def params(self) -> PlanParams | None:
        """The plan's parameters, or None with the form's errors set (the dataclass checks them once more)."""
        try:
            return PlanParams(**self.cleaned_data)
        except ApplicationError as exc:
            form_error(self, exc)
            return None


@not_found_as_404
def plan_page(request, code: str):
    org = organisation_get(actor=request.user, code=code)
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid() and (params := form.params()) is not None:
        run = plan_start(actor=request.user, org=org, params=params, language=request.LANGUAGE_CODE)
        return redirect("plan-run", pk=run.pk)
    runs = plan_runs(org)
    shown = form.cleaned_data.get("year") if form.is_bound and form.is_valid() else None
    year = shown or whole_number(str(form["year"].value() or ""), lo=2000, hi=2100) or timezone.localdate().year
    return render(
        request,
        "learning/plan.html",
        {
            "org": org,
            "form": form,
            "runs": runs,
            "anggaran": org_budget(org, year),
            "impact": programme_impact(org, year),
            "year": year,
        },
    )


@not_found_as_404
def plan_run(request, pk: int):
    run = plan_run_get(actor=request.user, pk=pk)
    template = "learning/_run.html" if request.headers.get("HX-Request") else "learning/run.html"
    return render(
        request,
        template,
        {
            "run": run,
            "r": run.result,
            "s": run.result.get("summary", {}),
            "running": run.status in (PlanStatus.PENDING, PlanStatus.RUNNING),
            "curve": _curve(run.result.get("scenarios") or []),
            "idp_rows": idp_rows(run.result),
            "quality": _quality(run.result),
            "left_reason": LEFT_REASONS.get(run.result.get("summary", {}).get("explain", {}).get("reason", ""), ""),
            "idp_mode": IDP_MODES.get(run.result.get("idp", ""), ""),
        },
    )


def _quality(result: dict) -> float | None:
    """The plan's value as a share of the most any plan can reach (its proven bound), in percent."""
    if "objective" not in result:
        return None
    bound = float(result.get("bound") or 0)
    return 100.0 if bound <= 0 else min(100.0, 100.0 * float(result["objective"]) / bound)


def _curve(scenarios: list[dict]) -> list[dict]:
    """SVG points (x by budget share, y by value and by 20-JP coverage, each scaled to its own maximum)."""
    if not scenarios:
        return []
    top_v = max(sc["objective"] for sc in scenarios) or 1.0
    top_c = max(sc["compliant_after"] for sc in scenarios) or 1
    lo, hi = scenarios[0]["share"], scenarios[-1]["share"]
    span = (hi - lo) or 1.0
    return [
        {
            # whole numbers: the template would write decimals with the Indonesian comma
            "x": round(40 + 460 * (sc["share"] - lo) / span),
            "y_value": round(170 - 150 * sc["objective"] / top_v),
            "y_cover": round(170 - 150 * sc["compliant_after"] / top_c),
            "pct": round(100 * sc["share"]),
        }
        for sc in scenarios
    ]


@not_found_as_404
def plan_export(request, pk: int):
    """The plan as xlsx (participants, summaries, a sheet per programme and per OPD) or a one-page PDF."""
    run = plan_run_get(actor=request.user, pk=pk)
    if run.status != PlanStatus.DONE:
        raise Http404
    name = f"rencana-{run.organisation.code}-{run.year}"
    if request.GET.get("format") == "pdf":
        response = HttpResponse(plan_pdf(run), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    buf = io.BytesIO()
    plan_workbook(run, buf)
    response = HttpResponse(buf.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@not_found_as_404
def plan_retry_view(request, pk: int):
    """Start a failed plan again with its parameters."""
    if request.method != "POST":
        raise Http404
    run = plan_run_get(actor=request.user, pk=pk)
    try:
        again = plan_retry(actor=request.user, run=run)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("plan-run", pk=pk)
    return redirect("plan-run", pk=again.pk)


@not_found_as_404
def plan_accept_view(request, pk: int):
    """Accept a finished plan: its assignments become planned learning records."""
    if request.method != "POST":
        raise Http404
    run = plan_run_get(actor=request.user, pk=pk)
    try:
        accepted = plan_accept(actor=request.user, run=run)
        messages.success(
            request, str(_("Plan accepted: %(n)s planned learning records written.")) % {"n": accepted.written}
        )
        if accepted.skipped:
            shown = "; ".join(f"{nip} {code}: {why}" for nip, code, why in accepted.skipped[:10])
            more = len(accepted.skipped) - 10
            if more > 0:
                shown += " " + str(_("and %(n)s more")) % {"n": more}
            messages.warning(
                request,
                str(_("%(n)s assignments were not written: %(list)s")) % {"n": len(accepted.skipped), "list": shown},
            )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("plan-run", pk=pk)
