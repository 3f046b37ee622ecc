"""What the ministry and the provinces see of DPRD members: recorded vs seats, oriented, hours per member."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q

from talenta.core.errors import NotFound
from talenta.core.scoping import Scope
from talenta.org.models import Organisation

from .models import Attendance, DprdBody, DprdMember, MemberStatus


@dataclass
class BodyFigures:
    body: DprdBody
    recorded: int = 0
    oriented: int = 0
    jp: float = 0.0

    @property
    def not_oriented(self) -> int:
        return self.recorded - self.oriented

    @property
    def jp_per_member(self) -> float:
        return self.jp / self.recorded if self.recorded else 0.0


def terms_in(org: Organisation) -> list[str]:
    return sorted(
        set(DprdBody.objects.filter(region__path__startswith=org.path).values_list("term", flat=True)), reverse=True
    )


def dprd_summary(*, actor, org: Organisation, term: str) -> list[BodyFigures]:
    """One row per DPRD in the subtree (a fixed number of queries)."""
    scope = Scope.for_user(actor)
    if not scope.contains_path(org.path):
        raise NotFound("")
    bodies = {
        b.pk: BodyFigures(b)
        for b in DprdBody.objects.filter(region__path__startswith=org.path, term=term)
        .select_related("region")
        .order_by("region__code")
    }
    active = DprdMember.objects.filter(body_id__in=list(bodies), status=MemberStatus.ACTIVE)
    for body_id, n in active.values("body_id").annotate(n=Count("id")).values_list("body_id", "n"):
        bodies[body_id].recorded = n
    oriented: dict[int, set[int]] = defaultdict(set)
    for body_id, member_id, jp in (
        Attendance.objects.filter(member__in=active, attended=True)
        .annotate(jp=F("orientation__jp_classroom") + F("orientation__jp_elearning"))
        .values_list("member__body_id", "member_id", "jp")
    ):
        oriented[body_id].add(member_id)
        bodies[body_id].jp += float(jp)
    for body_id, members in oriented.items():
        bodies[body_id].oriented = len(members)
    return list(bodies.values())


def members_not_oriented(*, actor, org: Organisation, term: str):
    scope = Scope.for_user(actor)
    if not scope.contains_path(org.path):
        raise NotFound("")
    return (
        DprdMember.objects.filter(body__region__path__startswith=org.path, body__term=term, status=MemberStatus.ACTIVE)
        .exclude(attendance__attended=True)
        .select_related("body__region")
        .order_by("body__region__code", "name")
    )


def attendance_get(*, actor, pk: int) -> Attendance:
    a = (
        Attendance.objects.select_related("member__body__region", "orientation__organiser")
        .filter(pk=pk, member__body__region__path__startswith=Scope.for_user(actor).path or "/-/")
        .first()
    )
    if a is None:
        raise NotFound("")
    return a


def certificates(*, actor, org: Organisation, term: str):
    scope = Scope.for_user(actor)
    if not scope.contains_path(org.path):
        raise NotFound("")
    return (
        Attendance.objects.filter(
            member__body__region__path__startswith=org.path, member__body__term=term, attended=True
        )
        .select_related("member", "orientation")
        .order_by("orientation__code", "member__name")
    )


def members_list(*, actor, org: Organisation, term: str, f: dict[str, str]):
    """Every member of the DPRDs under ``org`` for ``term``, filtered (DPRD, faction, commission, status,
    oriented or not, a name), each with how many programmes they attended (``programmes``; issue 23)."""
    scope = Scope.for_user(actor)
    if not scope.contains_path(org.path):
        raise NotFound("")
    qs = DprdMember.objects.filter(body__region__path__startswith=org.path, body__term=term).select_related(
        "body__region"
    )
    if f.get("dprd"):
        qs = qs.filter(body__region__code=f["dprd"])
    if f.get("fraksi"):
        qs = qs.filter(faction=f["fraksi"])
    if f.get("komisi"):
        qs = qs.filter(commission=f["komisi"])
    if f.get("status") in MemberStatus.values:
        qs = qs.filter(status=f["status"])
    if q := f.get("q", "").strip():
        qs = qs.filter(name__icontains=q)
    qs = qs.annotate(programmes=Count("attendance", filter=Q(attendance__attended=True)))
    if f.get("orientasi") == "sudah":
        qs = qs.filter(programmes__gt=0)
    elif f.get("orientasi") == "belum":
        qs = qs.filter(programmes=0)
    return qs.order_by("body__region__code", "-position", "name")


def member_choices(org: Organisation, term: str) -> dict[str, list]:
    """The DPRDs, factions and commissions of a term under ``org`` (the filters' lists)."""
    members = DprdMember.objects.filter(body__region__path__startswith=org.path, body__term=term)
    return {
        "dprd": list(
            DprdBody.objects.filter(region__path__startswith=org.path, term=term)
            .order_by("region__code")
            .values_list("region__code", "region__name")
        ),
        "fraksi": sorted(set(members.exclude(faction="").values_list("faction", flat=True))),
        "komisi": sorted(set(members.exclude(commission="").values_list("commission", flat=True))),
    }
