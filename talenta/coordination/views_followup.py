"""Rakornas follow-up pages: recommendations with their progress, action items, overdue lists."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

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
    overdue = followup.action_list(actor=request.user, overdue=True).order_by("due_date", "pk")
    progress = followup.progress_by_recommendation(actor=request.user)
    return render(
        request,
        "coordination/recommendations.html",
        {
            "rows": [(r, progress[r.pk]) for r in recs],
            "form": form if is_national else None,
            "overdue": overdue[:50],
            "overdue_more": max(0, overdue.count() - 50),
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
        {
            "rec": rec,
            "total": total,
            "provinces": provinces,
            "actions": actions[:200],
            "actions_more": max(0, actions.count() - 200),
            "today": timezone.localdate(),
        },
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
        files = [(f.name, f.read()) for f in request.FILES.getlist("files")]
        try:
            followup.action_update(actor=request.user, item=item, files=files, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("recommendation-detail", pk=item.recommendation_id)
        except ApplicationError as exc:
            form_error(form, exc)
    return render(
        request, "coordination/action.html", {"item": item, "form": form, "files": item.attachments.order_by("pk")}
    )


@not_found_as_404
def action_file(request, pk: int, att: int):
    """An action item's evidence file (scoped like the item)."""
    _admin(request)
    a = followup.action_attachment(actor=request.user, pk=pk, att=att)
    path = Path(settings.MEDIA_ROOT) / a.stored
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=a.filename, content_type=a.content_type)


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
