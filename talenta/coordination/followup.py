"""Rakornas follow-up: recommendations become action items per organisation; progress rolls up by province."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.bulk import bulk_insert
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.models import audit, field_changes, snapshot
from talenta.core.scoping import Scope
from talenta.org.models import NATIONAL_CODE, Organisation, OrgKind, Role

from .models import ActionAttachment, ActionItem, ActionStatus, Recommendation, ResponsibleLevel
from .services import ALLOWED, check_upload, stored_upload

LEVEL_KINDS = {
    ResponsibleLevel.NATIONAL: [OrgKind.NATIONAL],
    ResponsibleLevel.PROVINCE: [OrgKind.PROVINCE],
    ResponsibleLevel.REGENCY: [OrgKind.REGENCY, OrgKind.CITY],
}


@transaction.atomic
def recommendation_create(
    *, actor, meeting: str, year: int, number: int, text: str, theme: str, level: str, due_date: date
) -> Recommendation:
    """National admins record a recommendation; every organisation of its level gets an action item."""
    if actor is not None and Scope.for_user(actor).role != Role.NATIONAL_ADMIN:
        raise PermissionDenied(_("Only the national admin records recommendations."))
    if Recommendation.objects.filter(meeting=meeting, number=number).exists():
        raise ApplicationError(
            _("Recommendation %(n)s of %(m)s already exists.") % {"n": number, "m": meeting}, {"field": "number"}
        )
    rec = Recommendation(
        meeting=meeting.strip(),
        year=year,
        number=number,
        text=text.strip(),
        theme=theme,
        level=level,
        due_date=due_date,
    )
    rec.full_clean()
    rec.save()
    now = timezone.now()
    orgs = Organisation.objects.filter(kind__in=LEVEL_KINDS[ResponsibleLevel(level)]).values_list("id", flat=True)
    bulk_insert(
        ActionItem,
        ("recommendation", "organisation", "owner", "due_date", "status", "evidence", "created_at", "updated_at"),
        [(rec.pk, org, "", due_date, ActionStatus.OPEN, "", now, now) for org in orgs],
    )
    audit(actor=actor, action="recommendation_create", obj=rec, detail={"meeting": meeting, "number": number})
    return rec


def recommendation_list() -> list[Recommendation]:
    """Every recommendation (they are national: every admin sees them and the progress of their scope)."""
    return list(Recommendation.objects.all())


def recommendation_get(pk: int) -> Recommendation:
    rec = Recommendation.objects.filter(pk=pk).first()
    if rec is None:
        raise NotFound(_("Recommendation not found."))
    return rec


def _in_scope(actor) -> str:
    """The path prefix of the actor's scope, or one that matches nothing."""
    return Scope.for_user(actor).path or "/-/"


def action_get(*, actor, pk: int) -> ActionItem:
    item = (
        ActionItem.objects.select_related("recommendation", "organisation")
        .filter(pk=pk, organisation__path__startswith=_in_scope(actor))
        .first()
    )
    if item is None:
        raise NotFound(_("Action item not found."))
    return item


@transaction.atomic
def action_update(
    *,
    actor,
    item: ActionItem,
    status: str,
    owner: str,
    due_date: date,
    evidence: str,
    files: list[tuple[str, bytes]] = (),
) -> ActionItem:
    """Update an action item; ``files`` (name, content) are stored as its evidence with the checks of
    :func:`talenta.coordination.services.check_upload`. Done needs evidence: a text or a file."""
    scope = Scope.for_user(actor)
    if not scope.is_admin or not scope.contains_path(item.organisation.path):
        raise PermissionDenied(_("Only the admins of %(org)s update this action.") % {"org": item.organisation.name})
    for name, data in files:  # every file checked before anything is stored: a refused one leaves nothing behind
        check_upload(filename=name, data=data)
    if status == ActionStatus.DONE and not evidence.strip() and not files and not item.attachments.exists():
        raise ApplicationError(_("Give the evidence before marking the action done."), {"field": "evidence"})
    fields = ("status", "owner", "due_date", "evidence")
    before = snapshot(item, fields)
    item.status, item.owner, item.due_date, item.evidence = status, owner.strip(), due_date, evidence.strip()
    item.full_clean()
    item.save()
    audit(
        actor=actor, action="action_update", obj=item, detail={"changed": field_changes(before, snapshot(item, fields))}
    )
    for name, data in files:
        att = ActionAttachment.objects.create(
            action=item,
            filename=Path(name).name[:255],
            stored=stored_upload(filename=name, data=data, folder="followup"),
            size=len(data),
            content_type=ALLOWED[Path(name).suffix.lower()][0],
            uploaded_by=actor,
        )
        audit(actor=actor, action="action_attach", obj=att, detail={"action": item.pk, "file": att.filename})
    return item


def action_attachment(*, actor, pk: int, att: int) -> ActionAttachment:
    """An evidence file of an action item in the actor's scope; not found otherwise."""
    found = action_get(actor=actor, pk=pk).attachments.filter(pk=att).first()
    if found is None:
        raise NotFound(_("File not found."))
    return found


def action_list(
    *, actor, recommendation: Recommendation | None = None, overdue: bool = False, today: date | None = None
):
    qs = ActionItem.objects.filter(organisation__path__startswith=_in_scope(actor)).select_related(
        "organisation", "recommendation"
    )
    if recommendation is not None:
        qs = qs.filter(recommendation=recommendation)
    if overdue:
        qs = qs.filter(due_date__lt=today or timezone.localdate()).exclude(status=ActionStatus.DONE)
    return qs


@dataclass
class Progress:
    code: str
    name: str
    counts: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_share(self) -> float:
        return 100.0 * self.counts[ActionStatus.DONE] / self.total if self.total else 0.0


def progress_by_province(
    *, actor, recommendation: Recommendation | None = None, today: date | None = None
) -> tuple[Progress, list[Progress]]:
    """Status counts and overdue items per province (national items under 'ID') and in total."""
    today = today or timezone.localdate()
    provinces = {
        code: name for code, name in Organisation.objects.filter(kind=OrgKind.PROVINCE).values_list("code", "name")
    }
    groups: dict[str, Progress] = defaultdict(lambda: Progress("", ""))
    total = Progress(NATIONAL_CODE, "Indonesia")
    rows = action_list(actor=actor, recommendation=recommendation).values_list(
        "organisation__path", "status", "due_date"
    )
    for path, status, due in rows:
        parts = [p for p in path.split("/") if p]
        code = parts[1] if len(parts) > 1 else NATIONAL_CODE
        g = groups[code]
        g.code, g.name = code, provinces.get(code, "Nasional")
        late = status != ActionStatus.DONE and due < today
        for p in (g, total):
            p.counts[status] += 1
            p.overdue += late
    return total, sorted(groups.values(), key=lambda p: p.code)


def progress_by_recommendation(*, actor, today: date | None = None) -> dict[int, Progress]:
    """Status counts and overdue items of every recommendation, in the actor's scope, in one query."""
    today = today or timezone.localdate()
    out: dict[int, Progress] = defaultdict(lambda: Progress("", ""))
    for rec_id, status, due in action_list(actor=actor).values_list("recommendation_id", "status", "due_date"):
        p = out[rec_id]
        p.counts[status] += 1
        p.overdue += status != ActionStatus.DONE and due < today
    return out
