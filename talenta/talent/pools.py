"""Talent pools (kelompok rencana suksesi): the members a finalised review proposed, per level, and the
decisions on them (confirm, or return with a reason)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.scoping import Scope
from talenta.org.models import Organisation

from .models import DecisionStatus, PoolLevel, PoolMember


def pool_members(org: Organisation, year: int, *, level: str = "", national: bool = False) -> QuerySet[PoolMember]:
    """The pool members of ``org``'s subtree for ``year`` (already in the caller's scope), filtered."""
    members = PoolMember.objects.filter(year=year, employee__org_path__startswith=org.path).select_related(
        "employee__position", "employee__organisation"
    )
    if level in PoolLevel.values:
        members = members.filter(level=level)
    if national:
        members = members.filter(national=True)
    return members.order_by("level", "-box", "employee__nip")


def pool_counts(org: Organisation, year: int) -> list[tuple[str, str, int, int]]:
    """Per level: (code, label, proposed, confirmed)."""
    counts = {lv: [0, 0] for lv in PoolLevel.values}
    for lv, st in PoolMember.objects.filter(year=year, employee__org_path__startswith=org.path).values_list(
        "level", "status"
    ):
        counts[lv][st == DecisionStatus.CONFIRMED] += 1
    return [(lv, label, *counts[lv]) for lv, label in PoolLevel.choices]


@transaction.atomic
def pool_decide(*, actor, org: Organisation, year: int, member_ids: list[int], status: str) -> int:
    """Confirm (or set back to proposed) the pool members ``member_ids`` of ``org``'s subtree for ``year``;
    each decision is audited. Returns how many changed."""
    if not Scope.for_user(actor).contains_path(org.path):
        raise NotFound(_("Organisation %(code)s not found.") % {"code": org.code})
    if status not in DecisionStatus.values:
        raise ApplicationError(_("Unknown decision."), {"field": "status"})
    members = list(
        PoolMember.objects.filter(pk__in=member_ids, year=year, employee__org_path__startswith=org.path)
        .select_related("employee")
        .select_for_update()
    )
    if len(members) != len(set(member_ids)):
        raise NotFound(_("Pool member not found."))
    changed = 0
    for member in members:
        if member.status == status:
            continue
        before = member.status
        member.status, member.decided_by = status, actor
        member.save(update_fields=["status", "decided_by", "updated_at"])
        audit(
            actor=actor,
            action="pool.decide",
            obj=member,
            detail={"nip": member.employee.nip, "status": status, "changed": {"status": [before, status]}},
        )
        changed += 1
    return changed
