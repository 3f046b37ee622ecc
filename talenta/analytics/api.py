"""Measures in the JSON API: one employee's, and the roll-up of an organisation subtree (scoped)."""

from dataclasses import asdict

from ninja import Router

from talenta.core.api import Year
from talenta.org.selectors import organisation_get
from talenta.people.selectors import employee_get

from .rollup import check_interactive, rollup, rollup_json
from .selectors import employee_measures

router = Router(tags=["analytics"])


@router.get("/employees/{nip}/measures")
def get_employee_measures(request, nip: str, year: Year | None = None):
    """JPM and gaps, box, potential, IP ASN with its four dimensions, JP: with the rule-set version."""
    return asdict(employee_measures(employee_get(actor=request.user, nip=nip), year=year))


@router.get("/organisations/{code}/rollup")
def get_rollup(request, code: str, year: Year | None = None):
    """Aggregates for the subtree and each child: counts per box, mean JPM, IP ASN, share meeting 20 JP.

    Above ``MAX_ONLINE`` employees (all of Indonesia) the answer would take most of a minute: the error says
    to use ``talenta rollup``."""
    org = organisation_get(actor=request.user, code=code)
    check_interactive(org)
    return rollup_json(rollup(org, year=year))
