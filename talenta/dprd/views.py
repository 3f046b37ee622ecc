from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from talenta.core.pdf import angka, tanggal
from talenta.core.scoping import Scope
from talenta.core.web import not_found_as_404
from talenta.org.selectors import organisation_get

from . import selectors
from .certificate import certificate_pdf


def _org_and_term(request, code: str):
    """The organisation (an admin's, in scope), its DPRD terms, and the term asked (else the latest)."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    terms = selectors.terms_in(org)
    return org, terms, request.GET.get("periode") or (terms[0] if terms else "")


@not_found_as_404
def dprd_page(request, code: str):
    org, terms, term = _org_and_term(request, code)
    rows = selectors.dprd_summary(actor=request.user, org=org, term=term) if term else []
    missing = selectors.members_not_oriented(actor=request.user, org=org, term=term)[:300] if term else []
    totals = {
        "seats": sum(r.body.seats or 0 for r in rows),
        "recorded": sum(r.recorded for r in rows),
        "oriented": sum(r.oriented for r in rows),
        "not_oriented": sum(r.not_oriented for r in rows),
    }
    all_certs = selectors.certificates(actor=request.user, org=org, term=term) if term else None
    certs = all_certs[:300] if all_certs is not None else []
    return render(
        request,
        "dprd/summary.html",
        {
            "org": org,
            "terms": terms,
            "term": term,
            "rows": rows,
            "missing": missing,
            "totals": totals,
            "certificates": certs,
            "certificates_more": max(0, all_certs.count() - 300) if all_certs is not None else 0,
        },
    )


@not_found_as_404
def members_page(request, code: str):
    """All members of the DPRDs under an organisation for a term, filtered, with their orientation status."""
    org, terms, term = _org_and_term(request, code)
    f = {k: request.GET.get(k, "").strip() for k in ("dprd", "fraksi", "komisi", "status", "orientasi", "q")}
    members = selectors.members_list(actor=request.user, org=org, term=term, f=f) if term else []
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dprd/members.html",
        {
            "org": org,
            "terms": terms,
            "term": term,
            "f": f,
            "page": page,
            "choices": selectors.member_choices(org, term) if term else {},
            "query": urlencode({"periode": term, **{k: v for k, v in f.items() if v}}),
        },
    )


@not_found_as_404
def certificate(request, pk: int):
    a = selectors.attendance_get(actor=request.user, pk=pk)
    if not a.attended:
        raise Http404
    o, m = a.orientation, a.member
    kind = "ORIENTASI" if o.kind == "orientasi" else "PENDALAMAN TUGAS"
    pdf = certificate_pdf(
        [
            (30, "SERTIFIKAT"),
            (14, f"Nomor: {a.certificate_no or '-'}"),
            (14, "diberikan kepada"),
            (24, m.name),
            (14, f"Anggota DPRD {m.body.region.name} masa jabatan {m.body.term}"),
            (14, f"yang telah mengikuti {kind} bagi anggota DPRD" + (f" angkatan {o.batch}" if o.batch else "")),
            (
                14,
                tanggal(o.start) + (f" s.d. {tanggal(o.end)}" if o.end else "") + (f" di {o.place}" if o.place else ""),
            ),
            (
                14,
                f"{angka(o.jp_classroom, 2, trim=True)} JP klasikal dan "
                f"{angka(o.jp_elearning, 2, trim=True)} JP e-learning",
            ),
            (11, "berdasarkan Peraturan Menteri Dalam Negeri Nomor 6 Tahun 2024"),
        ],
        issuer=o.organiser.name,
        issued=o.end or o.start,
        title=f"Sertifikat {kind.lower()} anggota DPRD · {m.name}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{a.pk}.pdf"'
    return response
