"""Merit self-assessment pages: fill and submit, verify from the level above, roll-up and trend."""

from collections import Counter, defaultdict

import numpy as np
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.analytics.rollup import check_interactive, rollup
from talenta.core.errors import ApplicationError
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.core.web import int_field, not_found_as_404
from talenta.engine.merit import FRAMEWORKS
from talenta.governance.selectors import abk_coverage
from talenta.learning.selectors import plan_done
from talenta.org.selectors import organisation_get

from . import services
from .models import MeritStatus


def _admin(request):
    if not Scope.for_user(request.user).is_admin:
        raise Http404


@not_found_as_404
def merit_org(request, code: str):
    _admin(request)
    org = organisation_get(actor=request.user, code=code)
    if request.method == "POST" and services.can_fill(request.user, org):
        year = int_field(request.POST.get("year"), name="year", lo=2000, hi=2100, default=timezone.localdate().year)
        services.assessment_open(actor=request.user, org=org, year=year)
        return redirect("merit-form", code=org.code, year=year)
    own = services.assessments_own(org)
    below = services.assessments_below(org)
    years = sorted({a.year for a in below}, reverse=True)[:3]
    table: dict[str, dict] = defaultdict(dict)
    # Scores of two frameworks are not comparable (RULES.md §8): the trend is kept per framework.
    trend: dict[tuple[str, int], Counter] = defaultdict(Counter)
    framework_of_year: dict[int, str] = {}
    for a in below:
        table[a.organisation.code]["name"] = a.organisation.name
        table[a.organisation.code][a.year] = a
        trend[(a.framework.version, a.year)][a.category] += 1
        framework_of_year[a.year] = a.framework.version
    rows = [(code, d["name"], [d.get(y) for y in years]) for code, d in sorted(table.items())]
    return render(
        request,
        "indices/org.html",
        {
            "org": org,
            "own": own,
            "years": [(y, framework_of_year.get(y, "")) for y in years],
            "rows": rows,
            "trend": [
                (version, [(y, sorted(c.items())) for (v, y), c in sorted(trend.items()) if v == version])
                for version in sorted({v for v, _y in trend})
            ],
            "can_fill": services.can_fill(request.user, org),
            "this_year": timezone.localdate().year,
        },
    )


def _system_evidence(org, year) -> dict[str, str]:
    """What Talenta already knows for some indicators, shown beside them."""
    out = {
        "plan": _("Development plan %(year)s in Talenta: %(state)s.")
        % {
            "year": year,
            "state": _("yes") if plan_done(org, year) else _("no"),
        }
    }
    abk = abk_coverage(org, year)
    out["abk_share"] = _(
        "%(final)s of %(n)s positions have a final ABK %(year)s (%(with)s with an ABK, final or draft)."
    ) % {"final": abk["final"], "n": abk["positions"], "year": year, "with": abk["with_abk"]}
    try:
        check_interactive(org)
    except ApplicationError:
        return out  # a national-sized scope: the figures come from talenta rollup
    r = rollup(org, year=year)
    n = max(1, r.total.employees)
    current = int(np.sum(r.population.inputs["assessed"] & ~r.measures.stale))
    out["assessment_share"] = _("%(p).0f%% of employees have a current assessment.") % {"p": 100 * current / n}
    out["talent_pool"] = _("%(n)s employees in boxes 7-9.") % {"n": r.total.pool}
    share = r.total.jp_share
    out["jp_share"] = _("%(p).0f%% of PNS/CPNS have 20 JP this year.") % {"p": share or 0}
    return out


@not_found_as_404
def merit_form(request, code: str, year: int):
    _admin(request)
    org = organisation_get(actor=request.user, code=code)
    a = services.assessment_get(org, year)
    indicators = list(a.framework.indicators.all())
    scores = {s.indicator_id: s for s in a.scores.all()}
    fill = a.status == MeritStatus.DRAFT and services.can_fill(request.user, org)
    verify = a.status == MeritStatus.SUBMITTED and services.can_verify(request.user, org)
    error = None
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if fill and action in ("save", "submit"):
                for ind in indicators:
                    value = request.POST.get(f"score_{ind.pk}")
                    upload = request.FILES.get(f"file_{ind.pk}")
                    if value:
                        services.score_save(
                            actor=request.user,
                            assessment=a,
                            indicator=ind,
                            score=int_field(value, name=ind.code, lo=-100, hi=100),
                            evidence=request.POST.get(f"evidence_{ind.pk}", ""),
                            filename=upload.name if upload else "",
                            data=upload.read() if upload else None,
                        )
                if action == "submit":
                    services.assessment_submit(actor=request.user, assessment=a)
                return redirect("merit-form", code=code, year=year)
            if verify and action == "verify":
                changes = {
                    ind.pk: (
                        int_field(
                            request.POST.get(f"verified_{ind.pk}"),
                            name=ind.code,
                            lo=-100,
                            hi=100,
                            default=scores[ind.pk].self_score,
                        ),
                        request.POST.get(f"reason_{ind.pk}", ""),
                    )
                    for ind in indicators
                }
                services.assessment_verify(actor=request.user, assessment=a, changes=changes)
                return redirect("merit-form", code=code, year=year)
            if verify and action == "return":
                services.assessment_return(actor=request.user, assessment=a, note=request.POST.get("note", ""))
                messages.success(request, _("Returned to %(org)s for revision.") % {"org": org.name})
                return redirect("merit-form", code=code, year=year)
            raise Http404
        except ApplicationError as exc:
            error = exc.message
            scores = {s.indicator_id: s for s in a.scores.all()}
    aspects: dict[str, dict] = {}
    for ind in indicators:
        asp = aspects.setdefault(ind.aspect_code, {"name": ind.aspect_name, "items": [], "scores": []})
        s = scores.get(ind.pk)
        asp["items"].append((ind, s, list(zip(a.framework.scale, ind.criteria, strict=False))))
        if s:
            asp["scores"].append(s.final)
    means = {k: sum(v["scores"]) / len(v["scores"]) for k, v in aspects.items() if v["scores"]}
    weakest = set(sorted(means, key=means.get)[:2]) if len(means) >= 3 else set()
    return render(
        request,
        "indices/form.html",
        {
            "org": org,
            "a": a,
            "aspects": aspects,
            "weakest": weakest,
            "fill": fill,
            "verify": verify,
            "error": error,
            "evidence": _system_evidence(org, year),
            "scale": a.framework.scale,
        },
    )


@not_found_as_404
def merit_export(request, code: str, fmt: str):
    _admin(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    qs = services.assessments_of_subtree(org)
    rows = (
        [
            a.organisation.code,
            a.organisation.name,
            a.year,
            a.get_status_display(),
            float(a.total) if a.total is not None else "",
            a.category,
            a.framework.version,
        ]
        for a in qs
    )
    return download_response(
        ["KODE", "ORGANISASI", "TAHUN", "STATUS", "NILAI", "KATEGORI", "KERANGKA"],
        rows,
        fmt,
        f"sistem-merit-{org.code}.{fmt}",
        sheet="sistem_merit",
    )


def framework_edit(request):
    """The national admin edits the indicator texts and criteria of a framework (default: this year's)."""
    if Scope.for_user(request.user).role != "national_admin":
        raise Http404
    frameworks = [services.framework_get(name) for name in FRAMEWORKS]
    wanted = request.GET.get("versi", "")
    fw = next((f for f in frameworks if f.version == wanted), None) or services.framework_for(timezone.localdate().year)
    indicators = list(fw.indicators.all())
    if request.method == "POST":
        for ind in indicators:
            services.indicator_update(
                actor=request.user,
                indicator=ind,
                text=request.POST.get(f"text_{ind.pk}", ""),
                criteria=[request.POST.get(f"c{i}_{ind.pk}", "") for i in range(len(ind.criteria))],
            )
        return redirect(f"{reverse('merit-framework')}?versi={fw.version}")
    return render(request, "indices/framework.html", {"fw": fw, "indicators": indicators, "frameworks": frameworks})


@not_found_as_404
def merit_evidence(request, code: str, year: int, indicator: int):
    """An indicator's evidence file, for the organisation's admins and the verifiers above (scoped)."""
    _admin(request)
    org = organisation_get(actor=request.user, code=code)
    path, name, content_type = services.evidence_file(services.assessment_get(org, year), indicator)
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=False, filename=name, content_type=content_type)
