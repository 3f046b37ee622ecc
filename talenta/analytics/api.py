"""Measures in the JSON API: one employee's, and the roll-up of an organisation subtree (scoped)."""

from dataclasses import asdict

from ninja import Router

from talenta.org.selectors import organisation_get
from talenta.people.selectors import employee_get

from .rollup import rollup
from .selectors import employee_measures

router = Router(tags=["analytics"])


@router.get("/employees/{nip}/measures")
def get_employee_measures(request, nip: str, year: int | None = None):
    """JPM and gaps, box, potential, IP ASN with its four dimensions, JP: with the rule-set version."""
    return asdict(employee_measures(employee_get(actor=request.user, nip=nip), year=year))


def _figures(f) -> dict:
    data = asdict(f)
    data["boxes"] = {str(i): n for i, n in enumerate(data["boxes"]) if i}
    data["unplaced"] = f.boxes[0]
    data["jp_share"] = f.jp_share
    return data


@router.get("/organisations/{code}/rollup")
def get_rollup(request, code: str, year: int | None = None):
    """Aggregates for the subtree and each child: counts per box, mean JPM, IP ASN, share meeting 20 JP."""
    r = rollup(organisation_get(actor=request.user, code=code), year=year)
    return {
        "ruleset": r.ruleset,
        "year": r.year,
        "total": _figures(r.total),
        "children": [_figures(c) for c in r.children],
    }
