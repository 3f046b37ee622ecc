from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talenta.analytics.exports import GRID
from talenta.analytics.rollup import check_interactive
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.scoping import Scope
from talenta.core.web import date_field, not_found_as_404, year_param
from talenta.org.heads import regional_head_save
from talenta.org.models import GOVERNMENT_KINDS, OFFICES_OF, HeadOffice, OrgKind
from talenta.org.selectors import organisation_get

from .attention import attention
from .briefing import briefing
from .picture import picture
from .reports import briefing_pdf, issuer_of


def home(request):
    """Admins land on what needs their action in their scope; employees on their own development page."""
    scope = Scope.for_user(request.user)
    if not scope.is_admin:
        if request.user.employee_id:
            return redirect("my-development")
        raise PermissionDenied(_("Your login is not linked to an organisation or an employee yet."))
    if scope.path is None:
        raise PermissionDenied(_("Your login is not linked to an organisation or an employee yet."))
    today = timezone.localdate()
    root, items = attention(actor=request.user, today=today)
    return render(request, "dashboards/home.html", {"org": root, "items": items, "today": today})


@not_found_as_404
def picture_page(request, code: str):
    """The national or provincial picture: a row per province (or regency/city), sortable, with bars."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    if org.kind not in (OrgKind.NATIONAL, OrgKind.PROVINCE):
        raise Http404
    try:
        check_interactive(org)
    except ApplicationError as exc:
        return render(request, "analytics/too_large.html", {"org": org, "message": exc.message})
    sort = request.GET.get("urut", "")
    descending = request.GET.get("arah", "turun") != "naik"
    today = timezone.localdate()
    p = picture(org, year=year_param(request), today=today, sort=sort, descending=descending)
    columns = [
        ("pegawai", _("Employees")), ("terases", _("Assessed")), ("jpm", _("Mean JPM")),
        ("kotak789", _("Boxes 7-9")), ("kotak1", _("Box 1")), ("kelompok", _("Talent pool")),
        ("ip", _("Mean IP ASN")), ("jp20", _("20 JP met")), ("suksesi", _("Successor bench")),
        ("abk", _("ABK shortage")),
    ]  # fmt: skip
    return render(
        request,
        "dashboards/picture.html",
        {"org": org, "p": p, "sort": sort, "descending": descending, "columns": columns},
    )


def _region(request, code: str):
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    if org.kind not in GOVERNMENT_KINDS:
        raise Http404
    return org


@not_found_as_404
def briefing_page(request, code: str, *, error: str = ""):
    """The briefing for the regional head of a province, regency or city, with the head's form."""
    org = _region(request, code)
    b = briefing(org, actor=request.user, today=timezone.localdate())
    offices = [(o, HeadOffice(o).label) for o in HeadOffice.values if o in OFFICES_OF[org.kind]]
    issuer = issuer_of(org)
    return render(
        request,
        "dashboards/briefing.html",
        {
            "org": org,
            "b": b,
            "offices": offices,
            "issuer": issuer,
            "error": error,
            "values": request.POST if error else {},
            "grid": [[(box, b.figures.boxes[box], b.figures.box_share(box)) for box in row] for row in GRID],
        },  # fmt: skip
        status=400 if error else 200,
    )


@not_found_as_404
def briefing_download(request, code: str):
    org = _region(request, code)
    pdf = briefing_pdf(briefing(org, actor=request.user, today=timezone.localdate()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ringkasan-{org.code}.pdf"'
    return response


@require_POST
@not_found_as_404
def head_form(request, code: str):
    """Record the regional head (or deputy) and the term."""
    org = _region(request, code)
    try:
        regional_head_save(
            actor=request.user,
            region_code=org.code,
            name=request.POST.get("name", ""),
            office=request.POST.get("office", ""),
            inaugurated=date_field(request.POST.get("inaugurated"), name=_("Inauguration date")),
            term_end=date_field(request.POST.get("term_end"), name=_("End of term"), required=False),
        )
    except NotFound:
        raise
    except ApplicationError as exc:
        return briefing_page(request, code, error=exc.message)
    messages.success(request, _("The regional head is recorded."))
    return redirect("briefing", code=org.code)
