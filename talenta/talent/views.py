"""Pages of talent management: nine boxes, reviews and calibration, movement, pools, succession, vacancies."""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.analytics.exports import BAND_TEXT, GRID, POTENTIAL_TEXT
from talenta.competency.selectors import competency_names
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.core.web import form_error, not_found_as_404, whole_number, year_param
from talenta.org.models import Organisation
from talenta.org.selectors import organisation_get
from talenta.people.models import JobKind

from . import pools, reviews, succession
from .forms import ReviewForm
from .models import DecisionStatus, PoolLevel, PoolStatus, Readiness, ReviewEntry, ReviewStatus
from .ninebox import NINEBOX_HEADER, ninebox, ninebox_pdf, ninebox_rows
from .selectors import HORIZONS, movement_arrow, vacancy_forecast


def _admin_org(request, code: str) -> Organisation:
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    return organisation_get(actor=request.user, code=code)


# -- nine boxes --------------------------------------------------------------------------------------------
@not_found_as_404
def ninebox_page(request, code: str):
    org = _admin_org(request, code)
    year = year_param(request)
    job_kind = request.GET.get("jenis", "") if request.GET.get("jenis", "") in JobKind.values else ""
    rules = active_ruleset()
    golongan_codes = [g for g, _t in rules.golongan_pns] + list(rules.golongan_pppk)
    golongan = request.GET.get("golongan", "") if request.GET.get("golongan", "") in golongan_codes else ""
    unit = None
    if request.GET.get("unit"):
        unit = organisation_get(actor=request.user, code=request.GET["unit"])
    box = whole_number(request.GET.get("kotak"), lo=1, hi=9)
    fmt = request.GET.get("format")
    nb = ninebox(
        actor=request.user,
        org=org,
        year=year,
        job_kind=job_kind,
        golongan=golongan,
        unit=unit,
        identity=box is not None or fmt in ("xlsx", "csv"),  # the grid alone needs no names
    )
    if fmt in ("xlsx", "csv"):
        return download_response(
            NINEBOX_HEADER, ninebox_rows(nb, box), fmt, f"sembilan-kotak-{nb.org.code}-{year}.{fmt}", sheet="kotak"
        )
    if fmt == "pdf":
        filters = " ".join(v for v in (job_kind and JobKind(job_kind).label, golongan) if v)
        response = HttpResponse(ninebox_pdf(nb, str(filters)), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="sembilan-kotak-{nb.org.code}-{year}.pdf"'
        return response
    people = None
    if box is not None:
        page = Paginator(nb.people(box), 50).get_page(request.GET.get("page"))
        pop, r = nb.population, nb.measures
        people = page
        people.rows = [
            {
                "nip": pop.nip[i],
                "name": pop.name[i],
                "unit": pop.unit_code[i],
                "position": pop.position[i],
                "performance": r.performance_score[i],
                "potential": r.potential_score[i],
                "reviewed": bool(nb.reviewed[i]),
            }
            for i in page.object_list
        ]
    query = urlencode({k: v for k, v in request.GET.items() if k not in ("kotak", "page", "format")})
    return render(
        request,
        "talent/ninebox.html",
        {
            "org": org,
            "nb": nb,
            "year": year,
            "box": box,
            "people": people,
            "query": query,
            "performance_rows": BAND_TEXT[::-1],
            "potential_columns": POTENTIAL_TEXT,
            "job_kinds": JobKind.choices,
            "golongan_codes": golongan_codes,
            "units": org.children.order_by("code"),
            "f": {"jenis": job_kind, "golongan": golongan, "unit": unit.code if unit else ""},
        },
    )


# -- reviews -----------------------------------------------------------------------------------------------
@not_found_as_404
def review_list(request):
    scope = Scope.for_user(request.user)
    if not scope.is_admin:
        raise Http404
    default_org = request.user.organisation.code if request.user.organisation_id else ""
    form = ReviewForm(
        request.POST or None,
        actor=request.user,
        initial={"year": timezone.localdate().year, "org": request.GET.get("org", default_org)},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = organisation_get(actor=request.user, code=d["org"].strip())
            session = reviews.review_create(
                actor=request.user, name=d["name"], year=d["year"], org=org, members=list(d["members"])
            )
            return redirect("review-detail", pk=session.pk)
        except ApplicationError as exc:
            form_error(form, exc)
    return render(
        request, "talent/reviews.html", {"form": form, "sessions": reviews.reviews_for(actor=request.user)[:50]}
    )


def _entry_context(entry: ReviewEntry) -> dict:
    entry.last_change = reviews.last_changes([entry.pk]).get(entry.pk)
    return {
        "e": entry,
        "performance_bands": list(enumerate(BAND_TEXT)),
        "potential_bands": list(enumerate(POTENTIAL_TEXT)),
    }


@not_found_as_404
def review_detail(request, pk: int):
    session = reviews.review_get(actor=request.user, pk=pk)
    if request.headers.get("HX-Request") and session.status != ReviewStatus.PREPARING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # prepared: the poll reloads the page as the review
        return response
    if session.status == ReviewStatus.PREPARING:
        template = "talent/_preparing.html" if request.headers.get("HX-Request") else "talent/review_preparing.html"
        return render(request, template, {"s": session})
    entries = session.entries.select_related("employee", "agency").order_by("employee__nip")
    f = {k: request.GET.get(k, "").strip() for k in ("kotak", "instansi", "q", "ubah")}
    if (box := whole_number(f["kotak"], lo=0, hi=9)) is not None:
        entries = entries.filter(box=box)
    if f["instansi"]:
        entries = entries.filter(agency__code=f["instansi"])
    if f["q"]:
        entries = entries.filter(Q(employee__nip__startswith=f["q"]) | Q(employee__name__icontains=f["q"]))
    if f["ubah"] == "ya":
        entries = entries.exclude(reason="")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    changes = reviews.last_changes(e.pk for e in page)
    for e in page:
        e.last_change = changes.get(e.pk)
    dist = reviews.review_distribution(session)
    grid = [[(b, dist.boxes[b], dist.share(b)) for b in row] for row in GRID]
    return render(
        request,
        "talent/review.html",
        {
            "s": session,
            "page": page,
            "dist": dist,
            "grid": grid,
            "f": f,
            "query": urlencode({k: v for k, v in f.items() if v}),
            "can_calibrate": reviews.can_calibrate(request.user, session),
            "can_finalise": session.status == ReviewStatus.OPEN and request.user.pk == session.facilitator_id,
            "performance_rows": BAND_TEXT[::-1],
            "potential_columns": POTENTIAL_TEXT,
            "performance_bands": list(enumerate(BAND_TEXT)),
            "potential_bands": list(enumerate(POTENTIAL_TEXT)),
            "members": session.members.order_by("username"),
            "family_labels": {**dict(PoolLevel.choices), "pelaksana": _("Pelaksana")},
        },
    )


def _band(value: str) -> int | None:
    return int(value) if value in ("0", "1", "2") else None


@not_found_as_404
def review_calibrate(request, pk: int, entry_pk: int):
    if request.method != "POST":
        raise Http404
    session = reviews.review_get(actor=request.user, pk=pk)
    error = ""
    try:
        entry = reviews.calibrate(
            actor=request.user,
            session=session,
            entry_id=entry_pk,
            performance=_band(request.POST.get("performance", "")),
            potential=_band(request.POST.get("potential", "")),
            reason=request.POST.get("reason", ""),
        )
    except ApplicationError as exc:
        if exc.code == "not_found":
            raise
        error = exc.message
        entry = session.entries.select_related("employee", "agency").get(pk=entry_pk)
    if request.headers.get("HX-Request"):
        ctx = {**_entry_context(entry), "s": session, "can_calibrate": True, "error": error}
        return render(request, "talent/_entry_row.html", ctx)  # 200 so htmx swaps the row with its error
    if error:
        messages.error(request, error)
    return redirect("review-detail", pk=pk)


@not_found_as_404
def review_retry(request, pk: int):
    if request.method != "POST":
        raise Http404
    session = reviews.review_get(actor=request.user, pk=pk)
    try:
        reviews.review_retry(actor=request.user, session=session)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("review-detail", pk=pk)


@not_found_as_404
def review_finalise(request, pk: int):
    if request.method != "POST":
        raise Http404
    session = reviews.review_get(actor=request.user, pk=pk)
    try:
        n = reviews.review_finalise(actor=request.user, session=session)
        messages.success(request, _("Review finalised: %(n)s boxes recorded for %(y)s.") % {"n": n, "y": session.year})
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("review-detail", pk=pk)


@not_found_as_404
def movement_page(request, code: str):
    org = _admin_org(request, code)
    latest = reviews.latest_box_year(org)
    year_to = year_param(request, "ke", latest)
    year_from = year_param(request, "dari", year_to - 1)
    matrix, n = reviews.box_movement(actor=request.user, org=org, year_from=year_from, year_to=year_to)
    order = (9, 8, 7, 6, 5, 4, 3, 2, 1)
    rows = [(b, [(a, int(matrix[b, a])) for a in order], int(matrix[b, 1:].sum())) for b in order]
    moves = [(movement_arrow(b, a), int(matrix[b, a])) for b in range(1, 10) for a in range(1, 10)]
    up = sum(n for arrow, n in moves if arrow == "↑")
    down = sum(n for arrow, n in moves if arrow == "↓")
    return render(
        request,
        "talent/movement.html",
        {"org": org, "rows": rows, "order": order, "n": n, "year_from": year_from, "year_to": year_to,
         "up": up, "down": down, "same": n - up - down},
    )  # fmt: skip


# -- pools -------------------------------------------------------------------------------------------------
@not_found_as_404
def pools_page(request, code: str):
    """The pool of a year: filter by level (and the national pool), confirm or decline many proposals at once
    (the ticked rows, or every row the filter shows), a declined one with its reason."""
    org = _admin_org(request, code)
    year = year_param(request)
    level = request.POST.get("level", request.GET.get("level", ""))
    national = (request.POST.get("nasional") or request.GET.get("nasional")) == "ya"
    if request.method == "POST":
        ids = [n for x in request.POST.getlist("member") if (n := whole_number(x, hi=10**15)) is not None]
        everyone = request.POST.get("semua") == "ya"
        status = request.POST.get("status", "")
        try:
            changed = pools.pool_decide(
                actor=request.user,
                org=org,
                year=year,
                status=status,
                member_ids=None if everyone else ids,
                matching={"level": level, "national": national} if everyone else None,
                reason=request.POST.get("reason", ""),
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            done = {"confirmed": _("confirmed"), "declined": _("declined"), "proposed": _("set back to proposed")}
            messages.success(
                request,
                _("%(n)s proposals %(what)s.") % {"n": changed, "what": done.get(status, status)}
                if changed
                else _("Nothing changed: the chosen rows already had that decision."),
            )
        query = urlencode({"tahun": year, "level": level, **({"nasional": "ya"} if national else {})})
        return redirect(f"{request.path}?{query}")
    members = pools.pool_members(org, year, level=level, national=national)
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    query = urlencode({"tahun": year, "level": level, **({"nasional": "ya"} if national else {})})
    return render(
        request,
        "talent/pools.html",
        {"org": org, "year": year, "page": page, "level": level, "levels": PoolLevel.choices,
         "counts": pools.pool_counts(org, year), "national": national, "query": query,
         "open_count": members.filter(status=PoolStatus.PROPOSED).count()},
    )  # fmt: skip


# -- succession --------------------------------------------------------------------------------------------
@not_found_as_404
def succession_page(request, code: str):
    org = _admin_org(request, code)
    if request.GET.get("format") in ("xlsx", "csv"):
        fmt = request.GET["format"]
        return download_response(
            succession.SUKSESI_HEADER,
            succession.suksesi_rows(org, actor=request.user),
            fmt,
            f"suksesi-{org.code}.{fmt}",
            sheet="suksesi",
        )
    rows, bench = succession.key_positions(org, actor=request.user)
    return render(request, "talent/succession.html", {"org": org, "rows": rows, "bench": bench})


@not_found_as_404
def succession_position(request, pk: int):
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    position = succession.key_position_get(actor=request.user, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            c = succession.nominate(actor=request.user, position=position, nip=request.POST.get("nip", "").strip())
            messages.success(request, _("%(name)s is nominated.") % {"name": c.employee.name})
            # back where the result is: the new row of the nominated successors (issue 23)
            return redirect(f"{reverse('succession-position', args=[pk])}#cand-{c.pk}")
        except ApplicationError as exc:
            if exc.code == "not_found" and "nip" not in request.POST:
                raise
            error = exc.message
    version, suggestions = succession.suggest(actor=request.user, position=position)
    candidates = succession.position_candidates(actor=request.user, position=position)
    holders = list(position.holders.all())
    standard = list(position.standard.select_related("competency").order_by("competency__sort_order"))
    return render(
        request,
        "talent/succession_position.html",
        {
            "p": position,
            "holders": holders,
            "candidates": candidates,
            "suggestions": suggestions,
            "ruleset": version,
            "standard": standard,
            "error": error,
            "readiness_choices": Readiness.choices,
            "status_choices": DecisionStatus.choices,
            "readiness_labels": dict(Readiness.choices),
            "competency_names": competency_names(),
        },
    )


@not_found_as_404
def succession_candidate(request, pk: int):
    if request.method != "POST" or not Scope.for_user(request.user).is_admin:
        raise Http404
    c = succession.candidate_get(actor=request.user, pk=pk)
    anchor = f"#cand-{c.pk}"
    try:
        if request.POST.get("action") == "remove":
            succession.candidate_remove(actor=request.user, candidate=c)
            messages.success(request, _("%(name)s is no longer nominated.") % {"name": c.employee.name})
            anchor = "#nominated"
        else:
            succession.candidate_update(
                actor=request.user,
                candidate=c,
                readiness=request.POST.get("readiness", ""),
                reason=request.POST.get("readiness_reason", ""),
                emergency=request.POST.get("emergency") == "on",
                status=request.POST.get("status", ""),
                rank=whole_number(request.POST.get("rank"), hi=1000) or 0,
            )
            messages.success(request, _("Saved."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('succession-position', args=[c.position_id])}{anchor}")


# -- vacancies ---------------------------------------------------------------------------------------------
@not_found_as_404
def vacancies(request, code: str):
    """The vacancy forecast: filter by OPD, job level, horizon, key positions, a search; 50 rows a page; the
    download carries every row the filter keeps (issue 23)."""
    org = _admin_org(request, code)
    counts, key_counts, everything = vacancy_forecast(actor=request.user, org=org)
    f = {k: request.GET.get(k, "").strip() for k in ("q", "opd", "jenis", "dalam", "kunci")}
    items = _filter_vacancies(everything, f)
    if request.GET.get("format") in ("csv", "xlsx"):
        rows = (
            [
                v.nip,
                v.name if not v.acting_nip else f"Plt: {v.acting_name} ({v.acting_nip}, sejak {v.acting_since})",
                v.unit_code,
                v.position,
                v.job_kind,
                "Y" if v.is_key else "N",
                "" if v.acting_nip else v.retirement_date.isoformat(),
                round(v.years_left, 2),
                "" if v.need is None else v.need,
                v.holders,
            ]
            for v in items
        )
        fmt = request.GET["format"]
        return download_response(
            [
                "NIP",
                "NAMA",
                "KODE_UNIT",
                "JABATAN",
                "JENIS_JABATAN",
                "KUNCI",
                "TANGGAL_PENSIUN",
                "SISA_TAHUN",
                "KEBUTUHAN",
                "BEZETTING",
            ],
            rows,
            fmt,
            f"pensiun-{org.code}.{fmt}",
            sheet="pensiun",
        )
    return render(
        request,
        "talent/vacancies.html",
        {
            "org": org,
            "horizons": [(h, counts[h], key_counts[h]) for h in HORIZONS],
            "page": Paginator(items, 50).get_page(request.GET.get("page")),
            "total": len(everything),
            "f": f,
            "query": urlencode({k: v for k, v in f.items() if v}),
            "opds": sorted({(v.opd_code, v.opd_name) for v in everything}, key=lambda x: x[1]),
            "kinds": [(k, label) for k, label in JobKind.choices if k in {v.job_kind for v in everything}],
        },
    )


def _filter_vacancies(items: list, f: dict) -> list:
    """The rows of the forecast the page's filter keeps."""
    today = timezone.localdate()
    if f["opd"]:
        items = [v for v in items if v.opd_code == f["opd"]]
    if f["jenis"]:
        items = [v for v in items if v.job_kind == f["jenis"]]
    if (years := whole_number(f["dalam"], lo=1, hi=5)) is not None:
        limit = date(today.year + years, today.month, min(today.day, 28))
        items = [v for v in items if v.acting_nip or v.retirement_date <= limit]
    if f["kunci"] == "ya":
        items = [v for v in items if v.is_key]
    if q := f["q"].casefold():
        items = [v for v in items if q in f"{v.nip} {v.name} {v.position} {v.acting_name}".casefold()]
    return items
