"""Writes for positions and employees: validated, atomic, audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from talenta.competency.models import Competency, PositionStandard
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine.rules import RuleSet
from talenta.org.models import Organisation, OrgKind

from . import validation as v
from .models import ChangeSource, Employee, Position, StructuralTitleRule
from .moves import Move, history_append


def _org_in_scope(*, actor, code: str, field: str = "unit") -> Organisation:
    org = Organisation.objects.filter(code=str(code).strip()).first()
    scope = Scope.for_user(actor) if actor is not None else None
    if org is None or (scope is not None and not scope.contains_path(org.path)):
        raise ApplicationError(_("Unknown unit code %(code)r.") % {"code": code}, {"field": field})
    if org.kind not in (OrgKind.OPD, OrgKind.UNIT):
        raise ApplicationError(
            _("Employees and positions belong to an OPD or a unit, not to %(code)s.") % {"code": code}, {"field": field}
        )
    return org


def default_standard(job_kind: str, ruleset: RuleSet) -> dict[str, int]:
    """The rule set's default SKJ: the job kind's level for every national competency (RULES.md §3)."""
    level = ruleset.job_kind(job_kind).default_level
    return {code: level for code, _name, _kind in ruleset.competencies}


@transaction.atomic
def position_create(
    *,
    actor,
    unit_code: str,
    name: str,
    job_kind: str,
    job_class: int | None = None,
    is_key: bool = False,
    standard: dict[str, int] | None = None,
) -> Position:
    """Create a position; without ``standard`` it gets the rule set's default for its job kind."""
    ruleset = active_ruleset()
    org = _org_in_scope(actor=actor, code=unit_code)
    name = " ".join(str(name or "").split())
    if not name:
        raise ApplicationError(_("The position needs a name."), {"field": "position"})
    position = Position(
        organisation=org, name=name, job_kind=v.clean_job_kind(job_kind, ruleset), job_class=job_class, is_key=is_key
    )
    position.full_clean()
    position.save()
    levels = standard if standard is not None else default_standard(position.job_kind, ruleset)
    by_code = dict(Competency.objects.filter(code__in=levels).values_list("code", "id"))
    unknown = sorted(set(levels) - set(by_code))
    if unknown:
        raise ApplicationError(
            _("Unknown competency code(s): %(codes)s.") % {"codes": ", ".join(unknown)}, {"field": "standard"}
        )
    PositionStandard.objects.bulk_create(
        PositionStandard(position=position, competency_id=by_code[code], level=level) for code, level in levels.items()
    )
    audit(actor=actor, action="position_create", obj=position, detail={"unit": org.code, "name": name})
    return position


@dataclass(frozen=True)
class EmployeeInput:
    """Raw employee fields as a form, the API or a spreadsheet row gives them."""

    nip: str
    name: str
    status: str
    golongan: str
    education: str
    unit_code: str
    position_name: str
    job_kind: str
    title_front: str = ""
    title_back: str = ""
    birth_date: date | None = None
    gender: str | None = None
    major: str = ""
    tmt_jabatan: date | None = None
    golongan_optional: bool = False  # PPPK paruh waktu have none (rule set [siasn] no_golongan)


def employee_validate(data: EmployeeInput, *, ruleset: RuleSet, today: date | None = None) -> tuple[dict, list]:
    """Check an employee's fields against RULES.md §1-2 without touching the database.

    Returns ``(values, errors)``: model field values, and one :class:`ApplicationError` per wrong field
    (``extra["field"]`` names it), so a form or an import row can show every problem at once.
    """
    errors: list[ApplicationError] = []
    values: dict = {}

    def check(field: str, fn, *args, **kwargs):
        try:
            values[field] = fn(*args, **kwargs)
        except ApplicationError as exc:
            errors.append(exc)

    status = v.normalise_status(data.status)
    if not status:
        errors.append(ApplicationError(_("Status must be PNS, CPNS or PPPK."), {"field": "status"}))
    values["status"] = status
    check("nip_info", v.clean_nip, data.nip, status=status or None, today=today)
    info = values.pop("nip_info", None)
    name = " ".join(str(data.name or "").split())
    if not name:
        errors.append(ApplicationError(_("The name is required."), {"field": "name"}))
    values["name"] = name
    if info is not None and data.birth_date is not None and data.birth_date != info.birth_date:
        errors.append(
            ApplicationError(
                _("Birth date %(date)s does not match the NIP (%(nip_date)s).")
                % {"date": data.birth_date.isoformat(), "nip_date": info.birth_date.isoformat()},
                {"field": "birth_date"},
            )
        )
    check("gender", v.clean_gender, data.gender)
    gender = values.pop("gender", None)  # absent when the gender itself was refused
    if info is not None and gender is not None and gender != info.gender:
        errors.append(
            ApplicationError(
                _("Gender %(gender)s does not match the NIP (%(nip_gender)s).")
                % {"gender": gender, "nip_gender": info.gender},
                {"field": "gender"},
            )
        )
    check("job_kind", v.clean_job_kind, data.job_kind, ruleset)
    if status and data.golongan_optional and not str(data.golongan or "").strip():
        values["golongan"] = ""
    elif status:
        check("golongan", v.clean_golongan, data.golongan, status=status, ruleset=ruleset)
    check("education", v.clean_education, data.education, ruleset)
    check("tmt_jabatan", v.clean_past_date, data.tmt_jabatan, "tmt_jabatan", today=today)
    if errors or info is None:
        return values, errors
    values.update(
        nip=info.nip,
        title_front=str(data.title_front or "").strip(),
        title_back=str(data.title_back or "").strip(),
        birth_date=info.birth_date,
        gender=info.gender,
        major=str(data.major or "").strip(),
        tmt_cpns=info.tmt,
        retirement_date=ruleset.retirement_date(info.birth_date, values["job_kind"]),
    )
    return values, errors


@transaction.atomic
def employee_create(*, actor, data: EmployeeInput) -> Employee:
    """Create an employee in a unit of the actor's scope; the position is found or created by name."""
    ruleset = active_ruleset()
    values, errors = employee_validate(data, ruleset=ruleset)
    if errors:
        raise errors[0]
    if Employee.objects.filter(nip=values["nip"]).exists():
        raise ApplicationError(
            _("An employee with NIP %(nip)s already exists.") % {"nip": values["nip"]},
            {"field": "nip"},
            code="duplicate",
        )
    org = _org_in_scope(actor=actor, code=data.unit_code)
    job_kind = values.pop("job_kind")
    position = Position.objects.filter(organisation=org, name=" ".join(data.position_name.split())).first()
    if position is None:
        position = position_create(actor=actor, unit_code=org.code, name=data.position_name, job_kind=job_kind)
    elif position.job_kind != job_kind:
        raise ApplicationError(
            _("Position %(name)s in %(unit)s is %(kind)s, not %(given)s.")
            % {"name": position.name, "unit": org.code, "kind": position.get_job_kind_display(), "given": job_kind},
            {"field": "job_kind"},
        )
    employee = Employee(organisation=org, org_path=org.path, position=position, **values)
    employee.full_clean()
    employee.save()
    if employee.tmt_jabatan:  # the first entry of the position history
        history_append(
            [Move(employee.pk, org.pk, org.path, position.pk, position.name, position.job_kind, employee.tmt_jabatan)],
            source=ChangeSource.FORM,
        )
    audit(actor=actor, action="employee_create", obj=employee, detail={"nip": employee.nip})
    return employee


STRUCTURAL = ("JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS")


def _national(actor) -> None:
    if Scope.for_user(actor).role != "national_admin":
        raise PermissionDenied(_("Only the national admin changes the structural-title rules."))


def structural_rules() -> list[StructuralTitleRule]:
    """The national admin's patterns for SIASN structural titles, in the order they are tried."""
    return list(StructuralTitleRule.objects.order_by("pk"))


@transaction.atomic
def structural_rule_create(*, actor, pattern: str, job_kind: str, note: str = "") -> StructuralTitleRule:
    """A pattern (regular expression on the upper-cased title) that places SIASN structural titles."""
    _national(actor)
    if job_kind not in STRUCTURAL:
        raise ApplicationError(_("A structural title is JPT, Administrator or Pengawas."), {"field": "job_kind"})
    rule = StructuralTitleRule(pattern=pattern.strip(), job_kind=job_kind, note=note.strip())
    try:
        rule.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            " ".join(m for ms in exc.message_dict.values() for m in ms), {"field": "pattern"}
        ) from None
    rule.save()
    audit(actor=actor, action="structural_rule_create", obj=rule, detail={"pattern": rule.pattern, "kind": job_kind})
    return rule


@transaction.atomic
def structural_rule_delete(*, actor, pk: int) -> None:
    _national(actor)
    rule = StructuralTitleRule.objects.filter(pk=pk).first()
    if rule is None:
        raise NotFound(_("Rule not found."))
    audit(actor=actor, action="structural_rule_delete", obj=rule, detail={"pattern": rule.pattern})
    rule.delete()
