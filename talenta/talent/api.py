from typing import Annotated

from django.utils import timezone
from ninja import Field, Router

from talenta.core.api import MAX_PAGE, Limit, Year, page_of
from talenta.org.selectors import organisation_get

from . import reviews, succession
from .ninebox import ninebox
from .selectors import HORIZONS, vacancy_forecast

router = Router(tags=["succession"])


@router.get("/organisations/{code}/vacancies")
def get_vacancies(
    request,
    code: str,
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Field(ge=1, le=200)] = 100,
):
    """Positions whose holder reaches the retirement age within 1, 2 and 5 years, and those held by a Plt
    (vacant now, ``acting_nip`` set); key positions first.
    ``positions`` is one page of them (``positions_count`` in all; ``page``, ``page_size``)."""
    counts, key_counts, items = vacancy_forecast(
        actor=request.user, org=organisation_get(actor=request.user, code=code)
    )
    return {
        "within_years": {str(h): counts[h] for h in HORIZONS},
        "key_within_years": {str(h): key_counts[h] for h in HORIZONS},
        "positions_count": len(items),
        "page": page,
        "page_size": page_size,
        "positions": [
            {
                "nip": v.nip,
                "name": v.name,
                "position": v.position,
                "job_kind": v.job_kind,
                "key": v.is_key,
                "unit": v.unit_code,
                "retirement_date": v.retirement_date.isoformat(),
                "acting_nip": v.acting_nip or None,  # a Plt holds it: vacant now
            }
            for v in page_of(items, page, page_size)
        ],
    }


@router.get("/organisations/{code}/ninebox", tags=["talent"])
def get_ninebox(request, code: str, year: Year | None = None, job_kind: str = "", golongan: str = ""):
    """Counts and shares per box (finalised review where there is one, else the engine), with the actions."""
    nb = ninebox(
        actor=request.user,
        org=organisation_get(actor=request.user, code=code),
        year=year or timezone.localdate().year,
        job_kind=job_kind,
        golongan=golongan,
    )
    counts = nb.counts
    return {
        "ruleset": nb.ruleset,
        "year": nb.year,
        "placed": nb.placed,
        "not_placed": counts[0],
        "from_review": int(nb.reviewed.sum()),
        "boxes": {
            str(b): {"count": counts[b], "share": round(nb.share(b), 2), "action": nb.actions.get(b, "")}
            for b in range(1, 10)
        },
    }


@router.get("/reviews/{pk}", tags=["talent"])
def get_review(request, pk: int):
    """A talent review: status and distribution of the calibrated boxes, with the guideline warnings."""
    session = reviews.review_get(actor=request.user, pk=pk)
    dist = reviews.review_distribution(session)
    return {
        "id": session.pk,
        "name": session.name,
        "year": session.year,
        "organisation": session.organisation.code,
        "status": session.status,
        "ruleset": session.ruleset,
        "employees": session.employees,
        "calibrated": session.entries.exclude(reason="").count(),
        "boxes": {str(b): dist.boxes[b] for b in range(10)},
        "warnings": [{"box": b, "share": round(sh, 2), "guideline": g} for b, sh, g in dist.warnings],
    }


@router.get("/organisations/{code}/succession")
def get_succession(request, code: str):
    """Key positions with holders and nominated successors (readiness, basis) and the bench strength."""
    rows, bench = succession.key_positions(organisation_get(actor=request.user, code=code), actor=request.user)
    return {
        "bench": {
            "key_positions": bench.key_positions,
            "with_ready_now": round(bench.with_ready_now, 4),
            "coverage": round(bench.coverage, 4),
        },
        "positions": [
            {
                "id": r.position.pk,
                "name": r.position.name,
                "unit": r.position.organisation.code,
                "job_kind": r.position.job_kind,
                "holders": [{"nip": h.nip, "retirement_date": h.retirement_date.isoformat()} for h in r.holders],
                "candidates": [_candidate(c) for c in r.candidates],
            }
            for r in rows
        ],
    }


def _candidate(c) -> dict:
    return {
        "nip": c.employee.nip,
        "name": c.employee.name,
        "rank": c.rank,
        "readiness": c.readiness,
        "derived_readiness": c.derived_readiness,
        "readiness_reason": c.readiness_reason,
        "emergency": c.emergency,
        "status": c.status,
        "jpm_target": c.jpm_target,
        "box": c.box,
        "fit": c.fit,
        "basis": c.basis,
    }


@router.get("/positions/{pk}/candidates")
def get_candidates(request, pk: int, limit: Limit = 20):
    """Nominated successors and the best eligible suggestions for one key position, ranked by fit."""
    position = succession.key_position_get(actor=request.user, pk=pk)
    version, suggestions = succession.suggest(actor=request.user, position=position, limit=min(max(limit, 1), 100))
    return {
        "ruleset": version,
        "nominated": [_candidate(c) for c in succession.position_candidates(actor=request.user, position=position)],
        "suggested": [
            {
                "nip": f.nip,
                "name": f.name,
                "jpm_target": f.jpm_target,
                "max_gap": f.max_gap,
                "gaps": f.gaps,
                "box": f.box,
                "box_source": f.box_source,
                "years_left": round(f.years_left, 2),
                "readiness": f.readiness,
                "fit": round(f.fit, 2),
            }
            for f in suggestions
        ],
    }
