"""Reads of employees and their histories, always narrowed to the actor's scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from talenta.competency.models import Assessment, PositionStandard
from talenta.core.errors import NotFound
from talenta.core.scoping import Scope
from talenta.learning.models import LearningStatus
from talenta.org.models import Organisation

from .models import ActingAssignment, ActingKind, DisciplinePenalty, Employee, PerformanceRating, PositionChange


def employee_list(
    *, actor, q: str = "", org_code: str = "", job_kind: str = "", status: str = "", position: int | None = None
) -> QuerySet:
    """Employees of the actor's scope matching the filters (``position``: its holders), with unit and
    position joined in."""
    scope = Scope.for_user(actor)
    qs = scope.filter_employees(Employee.objects.select_related("organisation__parent", "position"))
    q = q.strip()
    if q:
        qs = qs.filter(nip__startswith=q) if q.isdigit() else qs.filter(name__icontains=q)
    if org_code:
        org = Organisation.objects.filter(code=org_code).only("path").first()
        qs = qs.filter(org_path__startswith=org.path) if org else qs.none()
    if job_kind:
        qs = qs.filter(position__job_kind=job_kind)
    if status:
        qs = qs.filter(status=status)
    if position is not None:
        qs = qs.filter(position_id=position)
    return qs.order_by("name", "nip")


def employee_get(*, actor, nip: str) -> Employee:
    """One employee of the actor's scope (or the actor themself); anything else is not found."""
    scope = Scope.for_user(actor)
    emp = (
        scope.filter_employees(Employee.objects.select_related("organisation", "position", "organisation__parent"))
        .filter(nip=nip)
        .first()
    )
    if emp is None:
        raise NotFound(_("Employee %(nip)s not found.") % {"nip": nip})
    return emp


@dataclass(frozen=True)
class StandardRow:
    """One competency of the position's standard beside the latest assessed level."""

    code: str
    name: str
    required: int
    actual: int | None

    @property
    def gap(self) -> int | None:
        return None if self.actual is None else max(0, self.required - self.actual)


@dataclass(frozen=True)
class EmployeeProfile:
    employee: Employee
    standard: list[StandardRow]
    assessment: Assessment | None
    performance: list[PerformanceRating]
    discipline: list[DisciplinePenalty]
    learning: list  # attended (the history), latest first
    planned: list  # planned by an accepted development plan: never counted as JP until attended
    year: int
    history: list = ()  # position history (riwayat jabatan), latest first
    acting: list = ()  # Plt/Plh assignments, latest first


def employee_profile(*, actor, nip: str, today: date | None = None) -> EmployeeProfile:
    """Everything the profile page shows, in a fixed number of queries."""
    emp = employee_get(actor=actor, nip=nip)
    year = (today or date.today()).year
    assessment = emp.assessments.order_by("-date").first()
    actual = dict(assessment.scores.values_list("competency__code", "level")) if assessment else {}
    standard = [
        StandardRow(code, name, level, actual.get(code))
        for code, name, level in PositionStandard.objects.filter(position_id=emp.position_id)
        .order_by("competency__sort_order", "competency__code")
        .values_list("competency__code", "competency__name", "level")
    ]
    # The JP of the year is a measure (analytics.selectors.employee_measures), not summed here again.
    learning = list(emp.learning.filter(status=LearningStatus.ATTENDED).order_by("-start")[:50])
    planned = list(emp.learning.filter(status=LearningStatus.PLANNED).order_by("start")[:50])
    return EmployeeProfile(
        employee=emp,
        standard=standard,
        assessment=assessment,
        performance=list(emp.performance.order_by("-year")),
        discipline=list(emp.discipline.order_by("-start")),
        learning=learning,
        planned=planned,
        year=year,
        history=position_history(emp),
        acting=list(emp.acting.select_related("position__organisation").order_by("-start")),
    )


def acting_positions(path: str, *, today: date) -> dict[int, ActingAssignment]:
    """Position id -> its ongoing Plt under ``path`` (such a position counts as vacant for succession and the
    vacancy forecast, RULES.md §11), one query."""
    return {
        a.position_id: a
        for a in ActingAssignment.objects.filter(
            position__organisation__path__startswith=path, kind=ActingKind.PLT, start__lte=today
        )
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("employee")
        .order_by("start")
    }


def position_history(employee: Employee) -> list[PositionChange]:
    """The employee's position history, latest first (one query)."""
    return list(employee.position_history.select_related("organisation__parent").order_by("-tmt", "-pk"))
