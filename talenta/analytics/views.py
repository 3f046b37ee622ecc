"""Agency analytics: distributions of the measures for an organisation subtree, and the people behind them."""

from urllib.parse import urlencode

import numpy as np
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError
from talenta.core.spreadsheets import download_response
from talenta.core.web import not_found_as_404, whole_number, year_param
from talenta.org.selectors import organisation_get, organisation_labels

from .exports import BAND_TEXT, GRID, POTENTIAL_TEXT, analitik_rows
from .rollup import check_interactive, rollup


def _too_large_page(request, org, *, lists: bool = False):
    """The page for a scope too large to answer online (``lists``: a list of people), or None."""
    try:
        check_interactive(org, lists=lists)
    except ApplicationError as exc:
        return render(request, "analytics/too_large.html", {"org": org, "message": exc.message}, status=200)
    return None


@not_found_as_404
def org_analytics(request, code: str):
    org = organisation_get(actor=request.user, code=code)
    year = year_param(request)
    if too_large := _too_large_page(request, org):
        return too_large
    r = rollup(org, year=year)
    t = r.total
    grid = [[(box, t.boxes[box], t.box_share(box)) for box in row] for row in GRID]
    return render(
        request,
        "analytics/org.html",
        {
            "org": org,
            "r": r,
            "t": t,
            "grid": grid,
            "year": year,
            "performance_rows": BAND_TEXT[::-1],
            "potential_columns": POTENTIAL_TEXT,
            "categories": list(t.ip_categories.items()),
        },
    )


@not_found_as_404
def org_analytics_people(request, code: str):
    """The list behind a figure: ``kotak=N``, ``ip=<category>``, ``jp=ya|tidak`` or ``kelompok=ya``."""
    org = organisation_get(actor=request.user, code=code)
    year = year_param(request)
    if too_large := _too_large_page(request, org, lists=True):
        return too_large
    r = rollup(org, year=year, identity=True)
    pop, mm = r.population, r.measures
    labels = list(r.total.ip_categories)
    mask = np.ones(len(pop), dtype=bool)
    if (box := whole_number(request.GET.get("kotak"), lo=0, hi=9)) is not None:
        mask &= mm.box == box
    if (cat := request.GET.get("ip")) in labels:
        mask &= mm.ip.category == labels.index(cat)
    if (jp := request.GET.get("jp")) in ("ya", "tidak"):
        mask &= mm.compliant == (1 if jp == "ya" else 0)
    if request.GET.get("kelompok") == "ya":
        mask &= mm.pool
    rows = [
        {
            "nip": pop.nip[i],
            "name": pop.name[i],
            "unit": pop.unit_code[i],
            "position": pop.position[i],
            "jpm": None if np.isnan(mm.jpm.capped[i]) else float(mm.jpm.capped[i]),  # no assessment yet
            "box": int(mm.box[i]),
            "ip": None if np.isnan(mm.ip.total[i]) else float(mm.ip.total[i]),
            "jp": mm.jp[i],
        }
        for i in np.flatnonzero(mask)
    ]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    labels_of = organisation_labels(r["unit"] for r in page)  # units by name with their OPD (issue 23)
    for r in page:
        r["unit_name"] = labels_of.get(r["unit"], r["unit"])
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(
        request,
        "analytics/people.html",
        {"org": org, "page": page, "year": year, "query": query, "filters": _filter_title(request.GET, labels)},
    )


def _filter_title(params, labels: list[str]) -> list[str]:
    """The filters of the people list in words (not ``jp = tidak``)."""
    out = []
    box = whole_number(params.get("kotak"), lo=0, hi=9)
    if box is not None:
        out.append(str(_("no box yet")) if box == 0 else str(_("box %(n)s")) % {"n": box})
    if (cat := params.get("ip")) in labels:
        out.append(str(_("IP ASN %(category)s")) % {"category": cat})
    if (jp := params.get("jp")) in ("ya", "tidak"):
        out.append(str(_("meeting 20 JP") if jp == "ya" else _("not yet at 20 JP")))
    if params.get("kelompok") == "ya":
        out.append(str(_("in a talent pool")))
    return out


@not_found_as_404
def org_analytics_download(request, code: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    header, rows = analitik_rows(org, year_param(request))
    return download_response(header, rows, fmt, f"analitik-{org.code}-{year_param(request)}.{fmt}", sheet="analitik")
