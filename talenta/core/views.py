from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render

from . import jobs, journal
from .spreadsheets import download_response
from .web import not_found_as_404, whole_number


def healthz(request):
    """For the load balancer and the monitoring: 200 while the database answers (503 otherwise), with the
    background workers' last heartbeat (README, "Serving it for real")."""
    ok, body = jobs.health()
    return JsonResponse(body, status=200 if ok else 503)


@not_found_as_404
def journal_page(request):
    """The journal of the admin's scope: changes and reads of personal data, with downloads."""
    days = whole_number(request.GET.get("hari"), lo=1, hi=3650) or 30
    which = "baca" if request.GET.get("jenis") == "baca" else "ubah"
    qs = (
        journal.journal_reads(actor=request.user, days=days)
        if which == "baca"
        else journal.journal_changes(actor=request.user, days=days)
    )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        header, rows = (
            (journal.READS_HEADER, journal.reads_rows(qs))
            if which == "baca"
            else (journal.CHANGES_HEADER, journal.changes_rows(qs))
        )
        return download_response(header, rows, fmt, f"jejak-{which}-{days}hari.{fmt}", sheet=which)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(request, "talenta/journal.html", {"page": page, "which": which, "days": days})
