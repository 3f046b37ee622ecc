"""A data subject's request (UU 27/2022): everything Talenta holds on one person, as one workbook.

Built from the model graph rather than a list, so a table added later is in the file without anyone
remembering it: the employee's own row, every row that refers to the employee (histories, learning,
assessments, performance, discipline, reviews, pools, nominations, the login) and the rows that refer to
those (assessment scores, calibrations), then the audit rows about the person and the records of who read
their data. Password hashes and session keys are left out."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.db.models import Q

from talenta.core.errors import NotFound
from talenta.core.models import AccessLog, AuditLog, audit, snapshot
from talenta.core.scoping import Scope

from .models import Employee
from .selectors import employee_get

SECRET_FIELDS = {"password", "session_key", "key", "bin_key"}


def _table(model: type[models.Model], objs) -> tuple[list[str], list[list[Any]]]:
    fields = [f for f in model._meta.concrete_fields if f.name not in SECRET_FIELDS]
    header = [f.name for f in fields]
    rows = [[_cell(v) for v in snapshot(o, [f.attname for f in fields]).values()] for o in objs]
    return header, rows


def _cell(value: Any) -> Any:
    """A JSON value (a dict or list from a JSON field) as its text; everything else as it is."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _children(parent_model: type[models.Model], parents: list[models.Model]):
    """(model, rows) of every table with a foreign key to ``parents``."""
    for rel in parent_model._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or not parents:
            continue
        model = rel.related_model
        objs = list(model._default_manager.filter(**{f"{rel.field.name}__in": parents}))
        if objs:
            yield model, objs


def subject_export(*, actor, nip: str) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The sheets of the file for an admin of the person's scope; the request itself is audited."""
    if not Scope.for_user(actor).is_admin:
        raise NotFound("Employee not found.")
    employee = employee_get(actor=actor, nip=nip)
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [("pegawai", *_table(Employee, [employee]))]
    for model, objs in _children(Employee, [employee]):
        sheets.append((model._meta.label_lower, *_table(model, objs)))
        for child, grand in _children(model, objs):
            if child is not Employee:
                sheets.append((f"{child._meta.label_lower}", *_table(child, grand)))
    about = AuditLog.objects.filter(
        Q(object_type="people.employee", object_id=str(employee.pk)) | Q(detail__nip=employee.nip)
    )
    sheets.append(("audit", *_table(AuditLog, about)))
    sheets.append(("dibaca", *_table(AccessLog, AccessLog.objects.filter(path__contains=employee.nip))))
    audit(actor=actor, action="subject_export", obj=employee, detail={"nip": employee.nip, "sheets": len(sheets)})
    return sheets
