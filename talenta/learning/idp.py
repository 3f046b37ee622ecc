"""Individual development plans (IDP, issue 22): the employee proposes, the agency decides. Services are
atomic and audited (who, when, why); selectors narrow everything to what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.competency.models import Competency
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.people.models import Employee

from .models import OPEN_IDP, IdpItem, IdpStatus, Programme

STRUCTURAL_KINDS = ("JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS")


def max_open_per_year() -> int:
    return int(active_ruleset().raw.get("idp", {}).get("max_open_per_year", 3))


def ancestor_paths(path: str) -> list[str]:
    """``/ID/64/64.71/64.71.02/`` -> every prefix path (``/ID/``, ``/ID/64/``, ...): the catalogue owners
    whose programmes are open to an employee of ``path`` (as in the planner)."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: k + 1]) + "/" for k in range(len(parts))]


def programmes_open_to(employee: Employee, *, code: str | None = None) -> list[Programme]:
    """The catalogue an employee may be planned for: owned on their path (national, province, government,
    OPD) and, where the programme names job kinds, one of them the employee's (the planner's eligibility;
    filtered here, as SQLite cannot look inside a JSON list)."""
    kind = employee.position.job_kind
    qs = Programme.objects.filter(owner__path__in=ancestor_paths(employee.org_path)).select_related("owner")
    if code is not None:
        qs = qs.filter(code=code)
    return [p for p in qs.order_by("code") if not p.eligible_job_kinds or kind in p.eligible_job_kinds]


def is_unit_head_of(actor, employee: Employee) -> bool:
    """The actor's own employee record holds a structural position in the employee's unit (the head of the
    unit with a login of their own)."""
    head = getattr(actor, "employee", None)
    return (
        head is not None
        and head.pk != employee.pk
        and head.organisation_id == employee.organisation_id
        and head.position.job_kind in STRUCTURAL_KINDS
    )


def can_decide(actor, employee: Employee) -> bool:
    scope = Scope.for_user(actor)
    return (scope.is_admin and scope.contains_path(employee.org_path)) or is_unit_head_of(actor, employee)


@dataclass(frozen=True)
class IdpInput:
    """An item as the employee's form, the API or a spreadsheet row gives it."""

    year: int
    competency: str
    programme: str = ""  # a catalogue code, or blank for another activity
    activity: str = ""
    form: str = ""
    jp: str | float | Decimal | None = None
    cost: str | int | None = None
    provider: str = ""
    reason: str = ""


def _number(value, field: str, *, whole: bool = False) -> Decimal:
    text = str(value if value is not None else "").strip().replace(" ", "")
    try:
        number = Decimal(text or "0")
    except InvalidOperation:
        raise ApplicationError(_("%(field)s must be a number.") % {"field": field}, {"field": field}) from None
    if number < 0 or (whole and number != number.to_integral_value()):
        raise ApplicationError(_("%(field)s must be a number of 0 or more.") % {"field": field}, {"field": field})
    return number


def idp_check(employee: Employee, data: IdpInput, *, today: date, exclude: int | None = None) -> IdpItem:
    """The item ``data`` describes for ``employee``, checked (not saved): a programme open to them or an
    activity of a rule-set form, a competency of the dictionary, the year this one or the next, and room
    under the rule set's cap of open items."""
    if data.year not in (today.year, today.year + 1):
        raise ApplicationError(
            _("An IDP is made for this year or the next (%(a)s or %(b)s).") % {"a": today.year, "b": today.year + 1},
            {"field": "year"},
        )
    competency = Competency.objects.filter(code=str(data.competency).strip()).first()
    if competency is None:
        raise ApplicationError(_("Choose the competency the item serves."), {"field": "competency"})
    item = IdpItem(employee=employee, year=data.year, competency=competency, reason=str(data.reason).strip())
    code = str(data.programme or "").strip()
    if code:
        programme = next(iter(programmes_open_to(employee, code=code)), None)
        if programme is None:
            raise ApplicationError(
                _("Programme %(code)s is not in the catalogue open to this employee.") % {"code": code},
                {"field": "programme"},
            )
        if (
            IdpItem.objects.filter(employee=employee, year=data.year, programme=programme, status__in=OPEN_IDP)
            .exclude(pk=exclude)
            .exists()
        ):
            raise ApplicationError(
                _("This programme is already in the plan of that year."), {"field": "programme"}, code="duplicate"
            )
        item.programme, item.form, item.jp, item.cost = programme, programme.form, programme.jp, programme.cost
        item.provider = programme.owner.name if programme.owner_id else ""
    else:
        activity = " ".join(str(data.activity).split())
        if not activity:
            raise ApplicationError(_("Choose a programme or describe the activity."), {"field": "activity"})
        form = active_ruleset().learning_form(data.form or "")
        if form is None:
            raise ApplicationError(
                _("Choose the form of the activity (%(forms)s).")
                % {"forms": ", ".join(active_ruleset().learning_forms)},
                {"field": "form"},
            )
        jp = _number(data.jp, "JP")
        if jp <= 0 or jp > 1000:
            raise ApplicationError(_("JP must be more than 0 (1 JP = 45 minutes)."), {"field": "jp"})
        item.activity, item.form, item.jp = activity, form, jp
        item.cost = int(_number(data.cost, _("cost"), whole=True))
        item.provider = " ".join(str(data.provider).split())
    cap = max_open_per_year()
    open_now = IdpItem.objects.filter(employee=employee, year=data.year, status__in=OPEN_IDP).exclude(pk=exclude)
    if open_now.count() >= cap:
        raise ApplicationError(
            _("At most %(n)s open items a year: cancel one first.") % {"n": cap}, {"field": "year"}, code="limit"
        )
    return item


@transaction.atomic
def idp_propose(*, actor, data: IdpInput, today: date | None = None) -> IdpItem:
    """The employee proposes an item for themself (only for themself)."""
    employee = getattr(actor, "employee", None)
    if employee is None:
        raise PermissionDenied(_("Only an employee proposes items of their own development plan."))
    employee = Employee.objects.select_related("position").get(pk=employee.pk)
    item = idp_check(employee, data, today=today or timezone.localdate())
    item.full_clean()
    item.save()
    audit(
        actor=actor,
        action="idp.propose",
        obj=item,
        detail={"nip": employee.nip, "year": item.year, "title": item.title, "competency": item.competency.code},
    )
    return item


def _item_for(actor, pk: int) -> IdpItem:
    item = IdpItem.objects.select_related("employee__position", "programme", "competency").filter(pk=pk).first()
    if item is None or not (
        getattr(actor, "employee_id", None) == item.employee_id or can_decide(actor, item.employee)
    ):
        raise NotFound(_("IDP item not found."))
    return item


@transaction.atomic
def idp_decide(*, actor, pk: int, status: str, note: str = "") -> IdpItem:
    """Approve or reject a proposed item (a reason is required to reject), by an approver of the employee."""
    item = _item_for(actor, pk)
    if not can_decide(actor, item.employee):
        raise PermissionDenied(_("Only the HR officer, an admin above or the head of the unit decides."))
    if status not in (IdpStatus.APPROVED, IdpStatus.REJECTED):
        raise ApplicationError(_("Approve or reject the item."), {"field": "status"})
    if item.status != IdpStatus.PROPOSED:
        raise ApplicationError(
            _("The item is already %(status)s.") % {"status": item.get_status_display()},
            {"field": "status"},
            code="stale",
        )
    note = str(note or "").strip()
    if status == IdpStatus.REJECTED and not note:
        raise ApplicationError(_("Say why the item is rejected."), {"field": "note"})
    item.status, item.decision_note = status, note
    item.decided_by, item.decided_at, item.seen_at = actor, timezone.now(), None
    item.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "seen_at", "updated_at"])
    audit(
        actor=actor,
        action="idp.decide",
        obj=item,
        detail={"nip": item.employee.nip, "status": status, "note": note, "title": item.title},
    )
    return item


@transaction.atomic
def idp_cancel(*, actor, pk: int, note: str = "") -> IdpItem:
    """The employee (or an approver) cancels an item that is proposed or approved."""
    item = _item_for(actor, pk)
    if item.status not in OPEN_IDP:
        raise ApplicationError(
            _("The item is already %(status)s.") % {"status": item.get_status_display()},
            {"field": "status"},
            code="stale",
        )
    item.status, item.decision_note = IdpStatus.CANCELLED, str(note or "").strip()
    item.decided_by, item.decided_at = actor, timezone.now()
    item.save(update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"])
    audit(actor=actor, action="idp.cancel", obj=item, detail={"nip": item.employee.nip, "title": item.title})
    return item


def idp_of(employee: Employee, year: int | None = None) -> list[IdpItem]:
    qs = IdpItem.objects.filter(employee=employee).select_related("programme", "competency", "decided_by")
    if year:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "pk"))


def idp_mark_seen(employee: Employee) -> int:
    """The employee opened their page: the decisions shown there are seen."""
    return IdpItem.objects.filter(employee=employee, decided_at__isnull=False, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )


def idp_waiting(actor) -> QuerySet[IdpItem]:
    """The proposed items the actor may decide: in an admin's scope, or in the unit the actor heads."""
    scope = Scope.for_user(actor)
    qs = IdpItem.objects.filter(status=IdpStatus.PROPOSED).select_related(
        "employee__organisation__parent", "employee__position", "programme", "competency"
    )
    if scope.is_admin and scope.path:
        return qs.filter(employee__org_path__startswith=scope.path).order_by("created_at")
    head = getattr(actor, "employee", None)
    if head is not None and head.position.job_kind in STRUCTURAL_KINDS:
        return qs.filter(employee__organisation_id=head.organisation_id).exclude(employee=head).order_by("created_at")
    return qs.none()


def idp_visible(actor, *, year: int | None = None, status: str = "") -> QuerySet[IdpItem]:
    """The items the actor may read: their own, and those of the employees they may decide for (an admin's
    scope, the unit a head leads)."""
    scope = Scope.for_user(actor)
    qs = IdpItem.objects.select_related("employee", "programme", "competency", "decided_by")
    own = Q(employee_id=getattr(actor, "employee_id", None) or -1)
    if scope.is_admin:
        qs = qs.filter(Q(employee__org_path__startswith=scope.path) | own)
    else:
        head = getattr(actor, "employee", None)
        led = (
            Q(employee__organisation_id=head.organisation_id)
            if head is not None and head.position.job_kind in STRUCTURAL_KINDS
            else Q(pk__in=[])
        )
        qs = qs.filter(own | led)
    if year:
        qs = qs.filter(year=year)
    if status in IdpStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("pk")
