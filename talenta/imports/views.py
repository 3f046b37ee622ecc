"""Import pages: kinds and templates, upload, check (background), confirm, progress, history, downloads.
Each view reads its input, calls one service or selector, and renders (the batch's steps are services)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from talenta.core.scoping import Scope
from talenta.core.spreadsheets import CONTENT_TYPES, download_response
from talenta.core.web import not_found_as_404, year_param
from talenta.org.selectors import organisation_get, organisation_root

from . import services
from .base import column_notes
from .blank import blank_template
from .exports import export_for, may_export
from .forms import UploadForm
from .models import ImportStatus
from .registry import KINDS
from .results import units_note


def _admin_scope(request) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.is_admin:
        raise Http404
    return scope


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


@not_found_as_404
def import_home(request):
    page = Paginator(services.batch_list(actor=request.user), 20).get_page(request.GET.get("page"))
    root = organisation_root(actor=request.user)
    exportable = {k for k in KINDS if may_export(request.user, k)}
    return render(
        request, "imports/home.html", {"kinds": KINDS.values(), "page": page, "root": root, "exportable": exportable}
    )


@not_found_as_404
def import_upload(request, kind: str):
    _admin_scope(request)
    kind_cls = _kind(kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = services.batch_start(
            actor=request.user,
            kind=kind,
            filename=upload.name,
            data=upload.read(),
            atomic=form.cleaned_data["atomic"],
            strict=form.cleaned_data["strict"],
            create_units=form.cleaned_data["create_units"],
            language=request.LANGUAGE_CODE,
        )
        return redirect("import-batch", pk=batch.pk)
    can_create = kind == "pegawai" and services.can_create_units(request.user)
    return render(request, "imports/upload.html", {"kind": kind_cls, "form": form, "can_create_units": can_create})


@not_found_as_404
def import_batch(request, pk: int):
    batch = services.batch_get(actor=request.user, pk=pk)
    template = "imports/_batch.html" if request.headers.get("HX-Request") else "imports/batch.html"
    return render(
        request,
        template,
        {
            "batch": batch,
            "errors": batch.errors[:20],
            "notes": column_notes(KINDS.get(batch.kind), batch.ignored_columns, batch.unused_columns)
            + units_note(batch.created_units, batch.status == ImportStatus.PREVIEWED),
            "running": batch.status in (ImportStatus.PENDING, ImportStatus.RUNNING),
        },
    )


@require_POST
@not_found_as_404
def import_confirm(request, pk: int):
    services.batch_confirm(actor=request.user, batch=services.batch_get(actor=request.user, pk=pk))
    return redirect("import-batch", pk=pk)


@require_POST
@not_found_as_404
def import_cancel(request, pk: int):
    services.batch_cancel(actor=request.user, batch=services.batch_get(actor=request.user, pk=pk))
    return redirect("import-home")


@require_POST
@not_found_as_404
def import_retry(request, pk: int):
    """Check a failed upload's file again (the worker stopped, or the check failed unexpectedly)."""
    services.batch_retry(actor=request.user, batch=services.batch_get(actor=request.user, pk=pk))
    return redirect("import-batch", pk=pk)


@not_found_as_404
def import_report(request, pk: int):
    batch = services.batch_get(actor=request.user, pk=pk)
    path = services.stored_path(batch.report_file) if batch.report_file else None
    if path is None or not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"laporan-{batch.kind}-{batch.pk}.xlsx",
        content_type=CONTENT_TYPES["xlsx"],
    )


def import_template(request, kind: str):
    _admin_scope(request)
    _kind(kind)
    response = HttpResponse(blank_template(kind), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


@not_found_as_404
def export_download(request, kind: str, fmt: str):
    """The same export as ``talenta export``, for an organisation of the user's scope."""
    _admin_scope(request)
    _kind(kind)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    code = request.GET.get("org")
    org = organisation_get(actor=request.user, code=code) if code else organisation_root(actor=request.user)
    year = year_param(request, "year") if request.GET.get("year") else None
    layout = "siasn" if kind == "pegawai" and request.GET.get("layout") == "siasn" else "template"
    header, rows = export_for(request.user, kind, org, year, layout)
    name = f"{kind}-{org.code}{'-siasn' if layout == 'siasn' else ''}.{fmt}"
    return download_response(header, rows, fmt, name, sheet=kind)
