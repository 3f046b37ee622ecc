from django.http import Http404
from django.shortcuts import render

from talenta.core.scoping import Scope
from talenta.core.web import not_found_as_404
from talenta.imports.exports import download_response
from talenta.org.selectors import organisation_get

from .selectors import HORIZONS, vacancy_forecast


@not_found_as_404
def vacancies(request, code: str):
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    counts, key_counts, items = vacancy_forecast(actor=request.user, org=org)
    if request.GET.get("format") in ("csv", "xlsx"):
        rows = (
            [
                v.nip,
                v.name,
                v.unit_code,
                v.position,
                v.job_kind,
                "Y" if v.is_key else "N",
                v.retirement_date.isoformat(),
                round(v.years_left, 2),
            ]
            for v in items
        )
        fmt = request.GET["format"]
        return download_response(
            ["NIP", "NAMA", "KODE_UNIT", "JABATAN", "JENIS_JABATAN", "KUNCI", "TANGGAL_PENSIUN", "SISA_TAHUN"],
            rows,
            fmt,
            f"pensiun-{org.code}.{fmt}",
            sheet="pensiun",
        )
    return render(
        request,
        "talent/vacancies.html",
        {
            "org": org,
            "horizons": [(h, counts[h], key_counts[h]) for h in HORIZONS],
            "items": items[:500],
            "total": len(items),
        },
    )
