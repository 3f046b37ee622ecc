"""DPRD figures in the JSON API (scoped): per DPRD, seats, members recorded and oriented, JP per member."""

from ninja import Router

from talenta.org.selectors import organisation_get

from . import selectors

router = Router(tags=["dprd"])


@router.get("/dprd/{code}/summary")
def dprd_summary(request, code: str, term: str = ""):
    org = organisation_get(actor=request.user, code=code)
    term = term or next(iter(selectors.terms_in(org)), "")
    rows = selectors.dprd_summary(actor=request.user, org=org, term=term) if term else []
    return {
        "term": term,
        "dprd": [
            {
                "region": r.body.region.code,
                "name": r.body.region.name,
                "seats": r.body.seats,
                "recorded": r.recorded,
                "oriented": r.oriented,
                "not_oriented": r.not_oriented,
                "jp_per_member": round(r.jp_per_member, 2),
            }
            for r in rows
        ],
    }
