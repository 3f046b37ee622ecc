"""Talent pools (kelompok rencana suksesi): the members a finalised review proposed, per level, and the
decisions on them (confirm, or return with a reason)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.scoping import Scope
from talenta.org.models import Organisation

from .models import PoolLevel, PoolMember, PoolStatus


def pool_members(org: Organisation, year: int, *, level: str = "", national: bool = False) -> QuerySet[PoolMember]:
    """The pool members of ``org``'s subtree for ``year`` (already in the caller's scope), filtered."""
    members = PoolMember.objects.filter(year=year, employee__org_path__startswith=org.path).select_related(
        "employee__position", "employee__organisation__parent", "decided_by"
    )
    if level in PoolLevel.values:
        members = members.filter(level=level)
    if national:
        members = members.filter(national=True)
    return members.order_by("level", "-box", "employee__nip")


def pool_counts(org: Organisation, year: int) -> list[tuple[str, str, int, int, int]]:
    """Per level: (code, label, proposed, confirmed, declined)."""
    counts = {lv: dict.fromkeys(PoolStatus.values, 0) for lv in PoolLevel.values}
    for lv, st, n in (
        PoolMember.objects.filter(year=year, employee__org_path__startswith=org.path)
        .values_list("level", "status")
        .annotate(n=Count("id"))
    ):
        counts[lv][st] += n
    return [
        (lv, label, counts[lv][PoolStatus.PROPOSED], counts[lv][PoolStatus.CONFIRMED], counts[lv][PoolStatus.DECLINED])
        for lv, label in PoolLevel.choices
    ]


@transaction.atomic
def pool_decide(
    *,
    actor,
    org: Organisation,
    year: int,
    status: str,
    member_ids: list[int] | None = None,
    matching: dict | None = None,
    reason: str = "",
) -> int:
    """Confirm, decline (with a reason) or set back to proposed the pool members ``member_ids`` of ``org``'s
    subtree for ``year`` — or, with ``matching`` (``level``, ``national``), every member the page's filter
    shows; each decision is audited with who, when and why. Returns how many changed (issue 23)."""
    if not Scope.for_user(actor).contains_path(org.path):
        raise NotFound(_("Organisation %(code)s not found.") % {"code": org.code})
    if status not in PoolStatus.values:
        raise ApplicationError(_("Unknown decision."), {"field": "status"})
    reason = reason.strip()
    if status == PoolStatus.DECLINED and not reason:
        raise ApplicationError(_("Say why the proposal is declined."), {"field": "reason"})
    if matching is not None:
        query = pool_members(org, year, level=matching.get("level", ""), national=bool(matching.get("national")))
        # "all the filter shows" decides the open proposals; it never overturns a decision already taken
        # (setting back to proposed reaches the decided ones)
        if status == PoolStatus.PROPOSED:
            query = query.exclude(status=PoolStatus.PROPOSED)
        else:
            query = query.filter(status=PoolStatus.PROPOSED)
    else:
        ids = set(member_ids or [])
        query = PoolMember.objects.filter(pk__in=ids, year=year, employee__org_path__startswith=org.path)
    members = list(query.select_related("employee").select_for_update(of=("self",)))
    if matching is None and len(members) != len(set(member_ids or [])):
        raise NotFound(_("Pool member not found."))
    now = timezone.now()
    changed = 0
    for member in members:
        if member.status == status and member.reason == (reason if status == PoolStatus.DECLINED else ""):
            continue
        before = member.status
        member.status, member.decided_by, member.decided_at = status, actor, now
        member.reason = reason if status == PoolStatus.DECLINED else ""
        member.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
        audit(
            actor=actor,
            action="pool.decide",
            obj=member,
            detail={
                "nip": member.employee.nip,
                "status": status,
                "reason": member.reason,
                "changed": {"status": [before, status]},
            },
        )
        changed += 1
    return changed
