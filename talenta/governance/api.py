"""JSON API of job governance: the peta jabatan of a subtree and one position's ABK (scoped)."""

from typing import Any

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from talenta.core.api import Pages, Year
from talenta.core.errors import NotFound
from talenta.core.scoping import Scope
from talenta.org.selectors import organisation_get

from .selectors import PETA_HEADER, peta_jabatan, peta_rows, position_abk

router = Router(tags=["job governance"])


class PetaFilters(Schema):
    year: Year | None = None


@router.get("/organisations/{code}/peta-jabatan", response=list[dict[str, Any]])
@paginate(Pages, page_size=100)
def get_peta_jabatan(request, code: str, filters: Query[PetaFilters]):
    """One entry per position of the subtree, in unit order: the peta jabatan export's columns as keys
    (workload, K, B, selisih, EJ, PJ, retirements, formation need; blank where a figure does not exist)."""
    if not Scope.for_user(request.user).is_admin:
        raise NotFound("Organisation not found.")
    org = organisation_get(actor=request.user, code=code)
    return [dict(zip(PETA_HEADER, row, strict=True)) for row in peta_rows(peta_jabatan(org, year=filters.year))]


@router.get("/positions/{pk}/abk")
def get_position_abk(request, pk: int, year: Year | None = None):
    """The position's ABK tasks of the year and its figures (the peta jabatan row)."""
    return position_abk(actor=request.user, pk=pk, year=year)
