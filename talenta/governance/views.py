"""Pages of job governance: the peta jabatan of a subtree."""

from django.http import Http404
from django.shortcuts import render

from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.core.web import not_found_as_404, year_param
from talenta.org.selectors import organisation_get
from talenta.people.models import JobKind

from .selectors import PETA_HEADER, peta_jabatan, peta_rows


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
    with_abk = [r for r in rows if r["KEBUTUHAN"] != ""]
    totals = {
        "positions": len(rows),
        "with_abk": len(with_abk),
        "need": sum(r["KEBUTUHAN"] for r in with_abk),
        "holders": sum(r["BEZETTING"] for r in with_abk),
        "short": sum(-r["SELISIH"] for r in with_abk if r["SELISIH"] < 0),
        "over": sum(r["SELISIH"] for r in with_abk if r["SELISIH"] > 0),
        "formation": sum(r["KEBUTUHAN_FORMASI_5_TAHUN"] for r in with_abk),
    }
    query = "&".join(f"{k}={v}" for k, v in (("tahun", year), ("jenis", job_kind), ("pj", grade)) if v)
    return render(
        request,
        "governance/peta.html",
        {"org": org, "year": year, "units": units, "totals": totals, "job_kinds": JobKind.choices,
         "grades": grades, "f": {"jenis": job_kind, "pj": grade}, "query": query, "ruleset": p.ruleset},
    )  # fmt: skip
