"""Import pages: kinds and templates, upload, check (background), confirm, progress, history, downloads."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response
from talenta.org.models import Organisation

from .base import column_notes
from .blank import blank_template
from .exports import export_rows
from .forms import UploadForm
from .models import ImportBatch, ImportStatus
from .registry import KINDS
from .services import GOVERNMENT_ADMINS, units_note
from .tasks import run_import, stored_path

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _admin_scope(request) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.is_admin:
        raise Http404
    return scope


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _batch(request, pk: int) -> ImportBatch:
    """An import of the user's scope (made inside it); anything else is not found."""
    scope = _admin_scope(request)
    batch = ImportBatch.objects.filter(pk=pk, scope_path__startswith=scope.path).select_related("user").first()
    if batch is None:
        raise Http404
    return batch


def import_home(request):
    scope = _admin_scope(request)
    batches = ImportBatch.objects.filter(scope_path__startswith=scope.path).select_related("user")
    page = Paginator(batches, 20).get_page(request.GET.get("page"))
    root = Organisation.objects.get(path=scope.path)
    return render(request, "imports/home.html", {"kinds": KINDS.values(), "page": page, "root": root})


def import_upload(request, kind: str):
    scope = _admin_scope(request)
    kind_cls = _kind(kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        name = f"imports/{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
        path = stored_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                kind=kind,
                filename=Path(upload.name).name[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                user=request.user,
                scope_path=scope.path,
                atomic=form.cleaned_data["atomic"],
                strict=form.cleaned_data["strict"],
                create_units=kind == "pegawai" and form.cleaned_data["create_units"] and can_create_units(scope),
                stored_file=name,
                language=request.LANGUAGE_CODE,
            )
            transaction.on_commit(lambda: run_import.enqueue(batch.pk, False))
        return redirect("import-batch", pk=batch.pk)
    return render(
        request,
        "imports/upload.html",
        {"kind": kind_cls, "form": form, "can_create_units": kind == "pegawai" and can_create_units(scope)},
    )


def can_create_units(scope: Scope) -> bool:
    return scope.role in GOVERNMENT_ADMINS


def import_batch(request, pk: int):
    batch = _batch(request, pk)
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
def import_confirm(request, pk: int):
    batch = _batch(request, pk)
    if batch.status != ImportStatus.PREVIEWED or batch.user_id != request.user.pk:
        raise Http404
    with transaction.atomic():
        ImportBatch.objects.filter(pk=pk).update(status=ImportStatus.PENDING, progress=0)
        transaction.on_commit(lambda: run_import.enqueue(pk, True))
    return redirect("import-batch", pk=pk)


@require_POST
def import_cancel(request, pk: int):
    batch = _batch(request, pk)
    if batch.status == ImportStatus.PREVIEWED:
        ImportBatch.objects.filter(pk=pk).update(status=ImportStatus.CANCELLED)
    return redirect("import-home")


def import_report(request, pk: int):
    batch = _batch(request, pk)
    if not batch.report_file or not stored_path(batch.report_file).is_file():
        raise Http404
    return FileResponse(
        stored_path(batch.report_file).open("rb"),
        as_attachment=True,
        filename=f"laporan-{batch.kind}-{batch.pk}.xlsx",
        content_type=XLSX,
    )


def import_template(request, kind: str):
    _admin_scope(request)
    _kind(kind)
    response = HttpResponse(blank_template(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


def export_download(request, kind: str, fmt: str):
    """The same export as ``talenta export``, for an organisation of the user's scope."""
    scope = _admin_scope(request)
    _kind(kind)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    code = request.GET.get("org") or Organisation.objects.get(path=scope.path).code
    org = scope.filter_organisations(Organisation.objects.filter(code=code)).first()
    if org is None:
        raise Http404
    year = request.GET.get("year")
    layout = "siasn" if kind == "pegawai" and request.GET.get("layout") == "siasn" else "template"
    header, rows = export_rows(kind, org, int(year) if year and year.isdigit() and len(year) == 4 else None, layout)
    name = f"{kind}-{org.code}{'-siasn' if layout == 'siasn' else ''}.{fmt}"
    return download_response(header, rows, fmt, name, sheet=kind)
