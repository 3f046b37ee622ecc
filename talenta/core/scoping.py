"""Scoped access: which organisations and employees a user may see.

Every selector takes the acting user and narrows its queryset through :class:`Scope`; a record outside
the scope is reported as not found (404), so its existence is not revealed either.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from talenta.org.models import NATIONAL_CODE, Role


@dataclass(frozen=True)
class Scope:
    """A user's scope: an organisation subtree (``path``) or one employee (``employee_id``)."""

    path: str | None
    employee_id: int | None = None
    role: str = Role.EMPLOYEE

    @classmethod
    def for_user(cls, user) -> Scope:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls(path=None)
        if user.role == Role.NATIONAL_ADMIN or (user.is_superuser and not user.organisation_id):
            return cls(path=f"/{NATIONAL_CODE}/", role=Role.NATIONAL_ADMIN)
        if user.role == Role.EMPLOYEE:
            return cls(path=None, employee_id=user.employee_id, role=Role.EMPLOYEE)
        if user.organisation_id is None:
            return cls(path=None, role=user.role)
        return cls(path=user.organisation.path, role=user.role)

    @property
    def is_admin(self) -> bool:
        """True for the roles that see an organisation subtree (every role but employee)."""
        return self.path is not None

    def filter_employees(self, qs: QuerySet, prefix: str = "") -> QuerySet:
        """Narrow a queryset of employees (or of rows with an employee FK named by ``prefix``)."""
        if self.path is not None:
            return qs.filter(**{f"{prefix}org_path__startswith": self.path})
        if self.employee_id is not None:
            return qs.filter(**{f"{prefix}pk" if not prefix else f"{prefix}id": self.employee_id})
        return qs.none()

    def filter_organisations(self, qs: QuerySet) -> QuerySet:
        if self.path is None:
            return qs.none()
        return qs.filter(path__startswith=self.path)

    def contains_path(self, path: str) -> bool:
        return self.path is not None and path.startswith(self.path)
