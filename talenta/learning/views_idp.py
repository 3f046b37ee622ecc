"""The employee's development page and the IDP approval loop: thin views over learning.idp/development."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import sheets_response
from talenta.core.web import int_field, not_found_as_404, year_param
from talenta.org.selectors import organisation_get

from . import idp
from .akpk import akpk
from .development import my_development


def _own_nip(request) -> str:
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise Http404
    return employee.nip


@not_found_as_404
def my_development_page(request, *, error: str = ""):
    """ "Pengembangan saya": the logged-in employee's own page (the landing page of an employee)."""
    nip = _own_nip(request)
    d = my_development(actor=request.user, nip=nip, today=timezone.localdate())
    unseen = [i for i in d.idp if i.decided_at and not i.seen_at and i.decided_by_id != request.user.pk]
    idp.idp_mark_seen(d.profile.employee)
    return render(
        request,
        "learning/my_development.html",
        {
            "d": d,
            "e": d.profile.employee,
            "unseen": unseen,
            "error": error,
            "values": request.POST if error else {},
            "to_decide": idp.idp_waiting(request.user).count(),
        },  # the head of a unit decides its proposals
        status=400 if error else 200,
    )


@require_POST
@not_found_as_404
def idp_propose_view(request):
    _own_nip(request)
    post = request.POST
    try:
        idp.idp_propose(
            actor=request.user,
            data=idp.IdpInput(
                year=int_field(post.get("year"), name="year", lo=2000, hi=2100),
                competency=post.get("competency", ""),
                programme=post.get("programme", ""),
                activity=post.get("activity", ""),
                form=post.get("form", ""),
                jp=post.get("jp"),
                cost=post.get("cost"),
                provider=post.get("provider", ""),
                reason=post.get("reason", ""),
            ),
        )
    except ApplicationError as exc:
        if isinstance(exc, NotFound):
            raise
        return my_development_page(request, error=exc.message)
    messages.success(request, _("Your proposal is sent to your HR officer."))
    return redirect("my-development")


@require_POST
@not_found_as_404
def idp_cancel_view(request, pk: int):
    try:
        item = idp.idp_cancel(actor=request.user, pk=pk, note=request.POST.get("note", ""))
    except ApplicationError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
        return redirect(request.POST.get("next") or "my-development")
    messages.success(request, _("The item is cancelled."))
    if getattr(request.user, "employee_id", None) == item.employee_id:
        return redirect("my-development")
    return redirect("idp-waiting")


@not_found_as_404
def idp_waiting_page(request):
    """The proposals the user may decide (HR officer, admins above, the head of the unit)."""
    qs = idp.idp_waiting(request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "learning/idp_waiting.html", {"page": page})


@require_POST
@not_found_as_404
def idp_decide_view(request, pk: int):
    try:
        idp.idp_decide(actor=request.user, pk=pk, status=request.POST.get("status", ""),
                       note=request.POST.get("note", ""))  # fmt: skip
    except ApplicationError as exc:
        if isinstance(exc, NotFound):
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The decision is recorded; the employee sees it on their page."))
    return redirect("idp-waiting")


@not_found_as_404
def akpk_download(request, code: str):
    """The AKPK of an organisation of the admin's scope, as a workbook (rows and two summaries)."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    year = year_param(request)
    return sheets_response(akpk(org, year), f"akpk-{org.code}-{year}.xlsx")
