"""The good-practice library: browse and search (everyone), write and publish (admins of the region)."""

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.core.web import form_error, not_found_as_404
from talenta.org.selectors import organisation_get, organisation_search_options

from . import services
from .forms import PracticeForm
from .models import PracticeTheme


def practice_list(request):
    q, theme = request.GET.get("q", ""), request.GET.get("tema", "")
    qs = services.practice_list(actor=request.user, q=q, theme=theme)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "coordination/list.html",
        {
            "page": page,
            "q": q,
            "theme": theme,
            "themes": PracticeTheme.choices,
            "can_write": Scope.for_user(request.user).is_admin,
        },
    )


@not_found_as_404
def practice_detail(request, pk: int):
    practice = services.practice_get(actor=request.user, pk=pk)
    scope = Scope.for_user(request.user)
    return render(
        request,
        "coordination/detail.html",
        {
            "p": practice,
            "attachments": practice.attachments.all(),
            "can_edit": scope.is_admin and scope.contains_path(practice.organisation.path),
        },
    )


@not_found_as_404
def practice_edit(request, pk: int | None = None):
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    practice = services.practice_editable_get(actor=request.user, pk=pk) if pk is not None else None
    initial = {"organisation": request.user.organisation.code if request.user.organisation_id else ""}
    if practice:
        initial = {
            "title": practice.title,
            "organisation": practice.organisation.code,
            "theme": practice.theme,
            "description": practice.description,
            "results": practice.results,
        }
    form = PracticeForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            org = organisation_get(actor=request.user, code=d["organisation"].strip())
            practice = services.practice_save(
                actor=request.user,
                practice=practice,
                organisation=org,
                title=d["title"],
                theme=d["theme"],
                description=d["description"],
                results=d["results"],
                attachment=(d["file"].name, d["file"].read()) if d.get("file") else None,
            )
            return redirect("practice-detail", pk=practice.pk)
        except NotFound as exc:
            form.add_error("organisation", exc.message)
        except ApplicationError as exc:
            form_error(form, exc)
    options = organisation_search_options(
        actor=request.user, kinds=("nasional", "provinsi", "kabupaten", "kota", "opd")
    )
    return render(request, "coordination/edit.html", {"form": form, "practice": practice, "org_options": options})


@require_POST
@not_found_as_404
def practice_publish(request, pk: int):
    practice = services.practice_get(actor=request.user, pk=pk)
    try:
        services.practice_publish(actor=request.user, practice=practice, published=request.POST.get("publish") == "1")
    except ApplicationError:
        raise Http404 from None
    return redirect("practice-detail", pk=pk)


@not_found_as_404
def attachment_download(request, pk: int, att: int):
    practice = services.practice_get(actor=request.user, pk=pk)
    a = practice.attachments.filter(pk=att).first()
    if a is None:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / a.stored
    return FileResponse(path.open("rb"), as_attachment=True, filename=a.filename, content_type=a.content_type)


def practice_export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    qs = services.practice_list(actor=request.user, q=request.GET.get("q", ""), theme=request.GET.get("tema", ""))
    rows = (
        [
            p.title,
            p.organisation.code,
            p.organisation.name,
            p.get_theme_display(),
            p.description,
            p.results,
            "Ya" if p.published else "Tidak",
        ]
        for p in qs
    )
    return download_response(
        ["JUDUL", "KODE_WILAYAH", "WILAYAH", "TEMA", "DESKRIPSI", "HASIL", "TERBIT"],
        rows,
        fmt,
        f"praktik-baik.{fmt}",
        sheet="praktik_baik",
    )
