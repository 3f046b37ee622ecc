"""Pages of job governance: the peta jabatan of a subtree."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.core.web import int_field, not_found_as_404, year_param
from talenta.org.models import OrgKind
from talenta.org.selectors import organisation_get
from talenta.people.models import JobKind

from .selectors import PETA_HEADER, abk_state, peta_jabatan, peta_rows, peta_totals
from .services import abk_copy_year, abk_set_state


@not_found_as_404
def peta_page(request, code: str):
    """Per unit, its positions with K, B, selisih, EJ and PJ, coloured short/over; filters by job kind and
    PJ; the same rows as the export for download."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    year = year_param(request)
    job_kind = request.GET.get("jenis", "") if request.GET.get("jenis", "") in JobKind.values else ""
    grades = [band[0] for band in active_ruleset().abk.pj]
    grade = request.GET.get("pj", "") if request.GET.get("pj", "") in grades else ""
    p = peta_jabatan(org, year=year)
    rows = [dict(zip(PETA_HEADER, row, strict=True)) | {"id": p.ids[i], "kind": p.job_kind[i]}
            for i, row in enumerate(peta_rows(p))]  # fmt: skip
    rows = [r for r in rows if (not job_kind or r["kind"] == job_kind) and (not grade or r["PJ"] == grade)]
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv"):
        return download_response(
            PETA_HEADER, ([r[h] for h in PETA_HEADER] for r in rows), fmt, f"peta-jabatan-{org.code}-{year}.{fmt}",
            sheet="peta-jabatan",
        )  # fmt: skip
    units: list[dict] = []
    for r in rows:
        if not units or units[-1]["code"] != r["KODE_UNIT"]:
            units.append({"code": r["KODE_UNIT"], "name": r["NAMA_UNIT"], "rows": []})
        units[-1]["rows"].append(r)
    totals = peta_totals(rows)
    query = urlencode({k: v for k, v in (("tahun", year), ("jenis", job_kind), ("pj", grade)) if v})
    return render(
        request,
        "governance/peta.html",
        {"org": org, "year": year, "units": units, "totals": totals, "job_kinds": JobKind.choices,
         "grades": grades, "f": {"jenis": job_kind, "pj": grade}, "query": query, "ruleset": p.ruleset,
         "is_opd": org.kind == OrgKind.OPD, "status": abk_state(org, year)},
    )  # fmt: skip


@not_found_as_404
def abk_status_view(request, code: str):
    """POST ``aksi`` = ``final`` (lock the OPD's ABK of ``tahun``), ``draf`` (reopen) or ``salin`` (start the
    year as a copy of the last)."""
    if request.method != "POST":
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    year = int_field(request.POST.get("tahun"), name=_("Year"), lo=2000, hi=2100)
    action = request.POST.get("aksi", "")
    try:
        if action == "salin":
            n = abk_copy_year(actor=request.user, org=org, year=year)
            messages.success(request, _("%(n)s tasks copied into the ABK %(year)s.") % {"n": n, "year": year})
        elif action in ("final", "draf"):
            abk_set_state(actor=request.user, org=org, year=year, state="final" if action == "final" else "draft")
            done = _("The ABK %(year)s is final.") if action == "final" else _("The ABK %(year)s is a draft again.")
            messages.success(request, done % {"year": year})
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('peta-jabatan', args=[org.code])}?tahun={year}")
