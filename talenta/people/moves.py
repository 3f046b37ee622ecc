"""Moves of employees between positions and acting officials (RULES.md §11): every change of an employee's
position appends an entry to the position history (riwayat jabatan); Plt/Plh assignments are recorded apart,
never changing the employee's own position. Writes here are atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.bulk import bulk_insert
from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.scoping import Scope
from talenta.imports.lookups import chunks

from .models import ActingAssignment, ActingKind, ChangeSource, Employee, Position, PositionChange

HISTORY_FIELDS = (
    "employee", "organisation", "org_path", "position", "position_name", "job_kind", "tmt", "decree_no",
    "approval_no", "source", "created_at", "updated_at",
)  # fmt: skip


def history_backfill(*, path: str = "/", source: str = ChangeSource.IMPORT) -> int:
    """Give every employee under ``path`` with a TMT jabatan and no history yet one entry: their current
    position from that date (one set-based INSERT; a first import, the demo, a database from before the
    history). Returns the entries written."""
    now = timezone.now()
    h, e, p = PositionChange._meta.db_table, Employee._meta.db_table, Position._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {h} (employee_id, organisation_id, org_path, position_id, position_name, job_kind, tmt, "  # noqa: S608
            f"decree_no, approval_no, source, created_at, updated_at) "
            f"SELECT e.id, e.organisation_id, e.org_path, e.position_id, p.name, p.job_kind, e.tmt_jabatan, '', '', "
            f"%s, %s, %s FROM {e} e JOIN {p} p ON p.id = e.position_id "
            f"WHERE e.org_path LIKE %s ESCAPE '\\' AND e.tmt_jabatan IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {h} x WHERE x.employee_id = e.id)",
            [source, now, now, path.replace("%", r"\%").replace("_", r"\_") + "%"],
        )
        return max(cur.rowcount, 0)


@dataclass(frozen=True)
class Move:
    """One change of position to record: the values the employee row now holds."""

    employee_id: int
    organisation_id: int
    org_path: str
    position_id: int
    position_name: str
    job_kind: str
    tmt: date
    decree_no: str = ""
    approval_no: str = ""


def history_append(moves: Iterable[Move], *, source: str) -> int:
    """Append the moves to the history in bulk; a move on a date the employee's history already has is the
    same entry (a re-import) and is not written twice. Returns the entries written."""
    moves = list(moves)
    taken: set[tuple[int, date]] = set()
    for part in chunks({m.employee_id for m in moves}):
        taken.update(PositionChange.objects.filter(employee_id__in=part).values_list("employee_id", "tmt"))
    now = timezone.now()
    rows = []
    for m in moves:
        if (m.employee_id, m.tmt) in taken:
            continue
        taken.add((m.employee_id, m.tmt))
        rows.append((m.employee_id, m.organisation_id, m.org_path, m.position_id, m.position_name, m.job_kind,
                     m.tmt, m.decree_no, m.approval_no, source, now, now))  # fmt: skip
    return bulk_insert(PositionChange, HISTORY_FIELDS, rows)


def _employee_in_scope(actor, nip: str) -> Employee:
    emp = Employee.objects.select_related("position", "organisation").filter(nip=str(nip).strip()).first()
    if emp is None or not Scope.for_user(actor).contains_path(emp.org_path):
        raise NotFound(_("No employee with NIP %(nip)s in your scope.") % {"nip": nip})
    return emp


def _position_in_scope(actor, unit_code: str, name: str) -> Position:
    name = " ".join(str(name).split())
    pos = (
        Position.objects.select_related("organisation")
        .filter(organisation__code=str(unit_code).strip(), name=name)
        .first()
    )
    if pos is None or not Scope.for_user(actor).contains_path(pos.organisation.path):
        raise ApplicationError(
            _("No position %(name)r in unit %(code)s of your scope.") % {"name": name, "code": unit_code},
            {"field": "position"},
        )
    return pos


@transaction.atomic
def employee_move(
    *, actor, nip: str, unit_code: str, position_name: str, tmt: date, decree_no: str = "", approval_no: str = ""
) -> PositionChange:
    """Move an employee into an existing position of the actor's scope from ``tmt`` (a transfer, promotion or
    appointment by form): the employee's position changes and the history gains the entry."""
    emp = _employee_in_scope(actor, nip)
    pos = _position_in_scope(actor, unit_code, position_name)
    if tmt > timezone.localdate():
        raise ApplicationError(_("The TMT may not lie in the future."), {"field": "tmt"})
    if pos.pk == emp.position_id:
        raise ApplicationError(_("The employee already holds this position."), {"field": "position"})
    if PositionChange.objects.filter(employee=emp, tmt=tmt).exists():
        raise ApplicationError(
            _("The history already has a move on %(date)s for this employee.") % {"date": tmt.isoformat()},
            {"field": "tmt"},
            code="duplicate",
        )
    before = (emp.organisation.code, emp.position.name)
    emp.position, emp.organisation, emp.org_path, emp.tmt_jabatan = pos, pos.organisation, pos.organisation.path, tmt
    emp.save(update_fields=["position", "organisation", "org_path", "tmt_jabatan", "updated_at"])
    entry = PositionChange(
        employee=emp, organisation=pos.organisation, org_path=pos.organisation.path, position=pos,
        position_name=pos.name, job_kind=pos.job_kind, tmt=tmt, decree_no=decree_no.strip(),
        approval_no=approval_no.strip(), source=ChangeSource.FORM,
    )  # fmt: skip
    entry.full_clean()
    entry.save()
    audit(actor=actor, action="employee.move", obj=emp,
          detail={"nip": emp.nip, "from": list(before), "to": [pos.organisation.code, pos.name],
                  "tmt": tmt.isoformat(), "decree_no": entry.decree_no, "approval_no": entry.approval_no})  # fmt: skip
    return entry


def record_admin_change(*, actor, employee: Employee, old_position_id: int | None) -> None:
    """The Django admin saved an employee: a changed position is appended to the history (from the TMT
    jabatan when it changed with it, else today)."""
    if old_position_id is None or old_position_id == employee.position_id:
        return
    pos = employee.position
    history_append(
        [
            Move(
                employee.pk,
                employee.organisation_id,
                employee.org_path,
                pos.pk,
                pos.name,
                pos.job_kind,
                employee.tmt_jabatan or timezone.localdate(),
            )
        ],  # fmt: skip
        source=ChangeSource.ADMIN,
    )
    audit(actor=actor, action="employee.move", obj=employee, detail={"nip": employee.nip, "admin": True})


@transaction.atomic
def acting_create(
    *, actor, nip: str, unit_code: str, position_name: str, kind: str, start: date, end: date | None = None
) -> ActingAssignment:
    """Record a Plt or Plh in a position of the actor's scope (the employee keeps their own position)."""
    emp = _employee_in_scope(actor, nip)
    pos = _position_in_scope(actor, unit_code, position_name)
    if kind not in ActingKind.values:
        raise ApplicationError(_("The kind must be Plt or Plh."), {"field": "kind"})
    if end is not None and end < start:
        raise ApplicationError(_("The end date is before the start date."), {"field": "end"})
    if pos.pk == emp.position_id:
        raise ApplicationError(_("An employee does not act in their own position."), {"field": "position"})
    overlapping = ActingAssignment.objects.filter(position=pos, kind=kind, start__lte=end or date.max).exclude(
        end__lt=start
    )
    if overlapping.exists():
        raise ApplicationError(
            _("This position already has a %(kind)s in that period.") % {"kind": ActingKind(kind).label},
            {"field": "start"},
            code="duplicate",
        )
    item = ActingAssignment(employee=emp, position=pos, kind=kind, start=start, end=end)
    item.full_clean()
    item.save()
    audit(actor=actor, action="acting.create", obj=item,
          detail={"nip": emp.nip, "unit": pos.organisation.code, "position": pos.name, "kind": kind,
                  "start": start.isoformat(), "end": end.isoformat() if end else None})  # fmt: skip
    return item


@transaction.atomic
def acting_end(*, actor, pk: int, end: date) -> ActingAssignment:
    """End an ongoing Plt/Plh on ``end`` (the definitive holder took office, or the mandate was withdrawn)."""
    item = ActingAssignment.objects.select_related("position__organisation", "employee").filter(pk=pk).first()
    if item is None or not Scope.for_user(actor).contains_path(item.position.organisation.path):
        raise NotFound(_("No such acting official in your scope."))
    if end < item.start:
        raise ApplicationError(_("The end date is before the start date."), {"field": "end"})
    item.end = end
    item.save(update_fields=["end", "updated_at"])
    audit(actor=actor, action="acting.end", obj=item, detail={"nip": item.employee.nip, "end": end.isoformat()})
    return item
