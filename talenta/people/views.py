from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talenta.analytics.selectors import employee_measures
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import CONTENT_TYPES, download_response, sheets_response
from talenta.core.web import date_field, int_field, not_found_as_404, whole_number
from talenta.imports.registry import KINDS
from talenta.org.selectors import organisation_options, organisation_search_options
from talenta.people.imports.pegawai import pegawai_rows
from talenta.talent.selectors import box_history

from . import moves, selectors, services
from .models import EmployeeStatus, JobKind
from .subject import subject_export


def _filters(request) -> dict:
    return {k: request.GET.get(k, "").strip() for k in ("q", "org", "job_kind", "status")}


def _filtered(request):
    """The list's filters from the query string and the employees they select (``jabatan``: the holders
    of one position, as the peta jabatan links them)."""
    f = _filters(request)
    position = whole_number(request.GET.get("jabatan"), lo=1, hi=2**31 - 1)
    if position is not None:
        f["jabatan"] = str(position)
    qs = selectors.employee_list(
        actor=request.user, q=f["q"], org_code=f["org"], job_kind=f["job_kind"], status=f["status"], position=position
    )
    return f, qs


def employee_list(request):
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    f, qs = _filtered(request)
    page = Paginator(qs, settings.TALENTA_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": f,
        "units": (units := organisation_options(actor=request.user)),
        "search_options": organisation_search_options(actor=request.user) if units is None else [],
        "job_kinds": JobKind.choices,
        "statuses": EmployeeStatus.choices,
        "query": urlencode({k: v for k, v in f.items() if v}),
    }
    template = "people/_rows.html" if request.headers.get("HX-Request") else "people/list.html"
    return render(request, template, context)


def employee_export(request, fmt: str):
    if not Scope.for_user(request.user).is_admin or fmt not in CONTENT_TYPES:
        raise Http404
    f, qs = _filtered(request)
    header = [c.name for c in KINDS["pegawai"].columns]
    return download_response(header, pegawai_rows(qs), fmt, f"pegawai.{fmt}", sheet="pegawai")


@not_found_as_404
def employee_profile(request, nip: str, *, errors: dict | None = None):
    profile = selectors.employee_profile(actor=request.user, nip=nip)
    scope = Scope.for_user(request.user)
    measures = employee_measures(profile.employee)
    history = box_history(profile.employee)
    siasn_rules = services.active_ruleset().raw["siasn"]
    kedudukan = profile.employee.kedudukan or "aktif"
    return render(
        request,
        "people/profile.html",
        {
            "p": profile,
            "e": profile.employee,
            "m": measures,
            "box_history": history,
            "kedudukan": siasn_rules["kedudukan_labels"].get(kedudukan, kedudukan),
            "out_of_plans": kedudukan in siasn_rules["not_in_plans"],
            "can_move": scope.is_admin,
            "units": organisation_options(actor=request.user) if scope.is_admin else None,
            "values": request.POST if errors else {},
            **(errors or {}),
        },
        status=400 if errors else 200,
    )


def _profile_form(request, nip: str, error_key: str, write, done: str):
    """A form of the profile (admins only): ``write()`` the change, or show the profile with its error."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    try:
        write()
    except NotFound:
        raise
    except ApplicationError as exc:
        return employee_profile(request, nip, errors={error_key: exc.message})
    messages.success(request, done)
    return redirect(reverse("employee-profile", args=[nip]) + "#riwayat-jabatan")


@require_POST
@not_found_as_404
def employee_move(request, nip: str):
    """The move form of the profile: the employee takes another position; the history gains the entry."""
    post = request.POST
    return _profile_form(
        request,
        nip,
        "move_error",
        lambda: moves.employee_move(
            actor=request.user,
            nip=nip,
            unit_code=post.get("unit", ""),
            position_name=post.get("position", ""),
            tmt=date_field(post.get("tmt"), name="TMT"),
            decree_no=post.get("decree_no", ""),
            approval_no=post.get("approval_no", ""),
        ),
        _("The move is recorded in the position history."),
    )


@require_POST
@not_found_as_404
def employee_acting(request, nip: str):
    """The acting form of the profile: a Plt or Plh in another position."""
    post = request.POST
    return _profile_form(
        request,
        nip,
        "acting_error",
        lambda: moves.acting_create(
            actor=request.user,
            nip=nip,
            unit_code=post.get("unit", ""),
            position_name=post.get("position", ""),
            kind=post.get("kind", ""),
            start=date_field(post.get("start"), name=_("From")),
            end=date_field(post.get("end"), name=_("Until"), required=False),
        ),
        _("The acting assignment is recorded."),
    )


@not_found_as_404
def structural_rules(request):
    """The national admin's patterns for SIASN structural titles, beside the rule set's."""
    if Scope.for_user(request.user).role != "national_admin":
        raise Http404
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                services.structural_rule_delete(
                    actor=request.user, pk=int_field(request.POST["delete"], name="delete", hi=10**15)
                )
            else:
                services.structural_rule_create(
                    actor=request.user,
                    pattern=request.POST.get("pattern", ""),
                    job_kind=request.POST.get("job_kind", ""),
                    note=request.POST.get("note", ""),
                )
            return redirect("structural-rules")
        except (ApplicationError, ValueError) as exc:
            error = getattr(exc, "message", str(exc))
    rules = services.active_ruleset()
    return render(
        request,
        "people/structural_rules.html",
        {
            "rules": services.structural_rules(),
            "defaults": rules.raw["siasn"]["structural_titles"],
            "kinds": [(k, JobKind(k).label) for k in services.STRUCTURAL],
            "error": error,
            "values": request.POST if error else {},
        },
    )


@not_found_as_404
def subject_download(request, nip: str):
    """Everything Talenta holds on one person, as one workbook (a data subject's request, UU 27/2022)."""
    return sheets_response(subject_export(actor=request.user, nip=nip), f"data-pribadi-{nip}.xlsx")
