"""Merit self-assessments in the JSON API: the caller's organisation and those below it (scoped)."""

from ninja import Router

from talenta.core.api import Year
from talenta.org.selectors import organisation_get

from .services import assessments_of_subtree

router = Router(tags=["merit system"])


@router.get("/merit/{code}")
def merit_list(request, code: str, year: Year | None = None):
    """Self-assessments of the organisation and those below it: status, total (merit-2018: 100-400; merit-2025:
    0-400), category and the framework (scores of two frameworks are not comparable)."""
    org = organisation_get(actor=request.user, code=code)
    qs = assessments_of_subtree(org)
    if year:
        qs = qs.filter(year=year)
    return [
        {
            "organisation": a.organisation.code,
            "name": a.organisation.name,
            "year": a.year,
            "status": a.status,
            "total": float(a.total) if a.total is not None else None,
            "category": a.category,
            "framework": a.framework.version,
        }
        for a in qs
    ]
