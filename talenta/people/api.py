"""Employee endpoints of the JSON API (scoped to the caller)."""

from datetime import date

from django.conf import settings
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from talenta.analytics.selectors import employee_measures
from talenta.core.api import Pages

from . import selectors

router = Router(tags=["employees"])


class EmployeeOut(Schema):
    nip: str
    name: str
    full_name: str
    status: str
    golongan: str
    education: str
    gender: str
    birth_date: date
    unit_code: str
    unit_name: str
    position: str
    job_kind: str
    retirement_date: date

    @staticmethod
    def resolve_unit_code(obj) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_position(obj) -> str:
        return obj.position.name

    @staticmethod
    def resolve_job_kind(obj) -> str:
        return obj.position.job_kind


class EmployeeFilters(Schema):
    q: str = ""
    org: str = ""
    job_kind: str = ""
    status: str = ""


class StandardRowOut(Schema):
    code: str
    name: str
    required: int
    actual: int | None
    gap: int | None


class PerformanceOut(Schema):
    year: int
    hasil_kerja: str
    perilaku: str
    predikat: str
    score: float | None
    ruleset: str


class ProfileOut(Schema):
    employee: EmployeeOut
    standard: list[StandardRowOut]
    assessment_date: date | None
    performance: list[PerformanceOut]
    jp_this_year: float
    year: int


@router.get("/employees", response=list[EmployeeOut])
@paginate(Pages, page_size=settings.TALENTA_PAGE_SIZE)
def list_employees(request, filters: Query[EmployeeFilters]):
    return selectors.employee_list(
        actor=request.user, q=filters.q, org_code=filters.org, job_kind=filters.job_kind, status=filters.status
    )


@router.get("/employees/{nip}", response=ProfileOut)
def get_employee(request, nip: str):
    p = selectors.employee_profile(actor=request.user, nip=nip)
    measures = employee_measures(p.employee, year=p.year)
    return {
        "employee": p.employee,
        "standard": [{**r.__dict__, "gap": r.gap} for r in p.standard],
        "assessment_date": p.assessment.date if p.assessment else None,
        "performance": p.performance,
        "jp_this_year": measures.jp,  # the same figure as the profile and the analitik export (JP_TAHUN)
        "year": p.year,
    }
