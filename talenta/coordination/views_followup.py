"""Rakornas follow-up pages: recommendations with their progress, action items, overdue lists."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from talenta.core.errors import ApplicationError
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.core.web import form_error, not_found_as_404
from talenta.org.models import Role

from . import followup
from .forms import ActionForm, RecommendationForm


def _admin(request) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.is_admin:
        raise Http404
    return scope


def recommendations(request):
    scope = _admin(request)
    is_national = scope.role == Role.NATIONAL_ADMIN
    form = RecommendationForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not is_national:
            raise Http404
        if form.is_valid():
            try:
                rec = followup.recommendation_create(actor=request.user, **form.cleaned_data)
                return redirect("recommendation-detail", pk=rec.pk)
            except ApplicationError as exc:
                form_error(form, exc)
    recs = followup.recommendation_list()
    progress = followup.progress_by_recommendation(actor=request.user)
    return render(
        request,
        "coordination/recommendations.html",
        {
            "rows": [(r, progress[r.pk]) for r in recs],
            "form": form if is_national else None,
            "overdue": followup.action_list(actor=request.user, overdue=True)[:50],
        },
    )


@not_found_as_404
def recommendation_detail(request, pk: int):
    _admin(request)
    rec = followup.recommendation_get(pk)
    total, provinces = followup.progress_by_province(actor=request.user, recommendation=rec)
    actions = followup.action_list(actor=request.user, recommendation=rec)
    return render(
        request,
        "coordination/recommendation.html",
        {"rec": rec, "total": total, "provinces": provinces, "actions": actions[:200], "today": timezone.localdate()},
    )


@not_found_as_404
def action_edit(request, pk: int):
    _admin(request)
    item = followup.action_get(actor=request.user, pk=pk)
    form = ActionForm(
        request.POST or None,
        initial={"status": item.status, "owner": item.owner, "due_date": item.due_date, "evidence": item.evidence},
    )
    if request.method == "POST" and form.is_valid():
        try:
            followup.action_update(actor=request.user, item=item, **form.cleaned_data)
            return redirect("recommendation-detail", pk=item.recommendation_id)
        except ApplicationError as exc:
            form_error(form, exc)
    return render(request, "coordination/action.html", {"item": item, "form": form})


def actions_export(request, fmt: str):
    _admin(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = (
        [
            a.recommendation.meeting,
            a.recommendation.number,
            a.organisation.code,
            a.organisation.name,
            a.get_status_display(),
            a.owner,
            a.due_date.isoformat(),
            a.evidence,
        ]
        for a in followup.action_list(actor=request.user, overdue=request.GET.get("terlambat") == "1")
    )
    return download_response(
        ["RAPAT", "NOMOR", "KODE", "ORGANISASI", "STATUS", "PENANGGUNG_JAWAB", "TENGGAT", "BUKTI"],
        rows,
        fmt,
        f"tindak-lanjut.{fmt}",
        sheet="tindak_lanjut",
    )
