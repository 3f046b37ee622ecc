"""Writes for good practices: scoped, validated, audited. Uploads are checked by type, size and content."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.models import audit, field_changes, snapshot
from talenta.core.scoping import Scope
from talenta.org.models import Organisation

from .models import GoodPractice, PracticeAttachment

# Suffix -> (content type, leading bytes a real file of that type starts with).
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".png": ("image/png", (b"\x89PNG",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (b"PK\x03\x04",)),
}
MAX_ATTACHMENT_MB = 10


def _editable(actor, practice: GoodPractice | None = None, organisation: Organisation | None = None) -> None:
    scope = Scope.for_user(actor)
    org = organisation or (practice.organisation if practice else None)
    if not scope.is_admin or org is None or not scope.contains_path(org.path):
        raise PermissionDenied(_("Only an admin of this region can change its good practices."))


@transaction.atomic
def practice_save(
    *,
    actor,
    practice: GoodPractice | None,
    organisation: Organisation,
    title: str,
    theme: str,
    description: str,
    results: str = "",
    attachment: tuple[str, bytes] | None = None,
) -> GoodPractice:
    """Create or change a practice, with an attachment (file name, bytes) if given: all or nothing, so a
    refused file leaves no draft behind (and a second try makes no second copy)."""
    _editable(actor, practice, organisation)
    if attachment is not None:
        check_upload(filename=attachment[0], data=attachment[1])  # before anything is written
    fields = ("organisation", "title", "theme", "description", "results")
    before = snapshot(practice, fields) if practice is not None else {}
    practice = practice or GoodPractice(author=actor)
    practice.organisation, practice.title, practice.theme = organisation, " ".join(title.split()), theme
    practice.description, practice.results = description.strip(), results.strip()
    practice.full_clean()
    practice.save()
    audit(
        actor=actor,
        action="practice_save",
        obj=practice,
        detail={"title": practice.title, "changed": field_changes(before, snapshot(practice, fields))},
    )
    if attachment is not None:
        attachment_add(actor=actor, practice=practice, filename=attachment[0], data=attachment[1])
    return practice


@transaction.atomic
def practice_publish(*, actor, practice: GoodPractice, published: bool = True) -> GoodPractice:
    _editable(actor, practice)
    practice.published = published
    practice.published_at = timezone.now() if published else None
    practice.save(update_fields=["published", "published_at", "updated_at"])
    audit(actor=actor, action="practice_publish" if published else "practice_unpublish", obj=practice)
    return practice


def check_upload(*, filename: str, data: bytes) -> None:
    """Refuse an upload whose suffix, leading bytes or size is not allowed (ApplicationError on ``file``)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED:
        raise ApplicationError(_("Attach a PDF, image, Word, Excel or PowerPoint file."), {"field": "file"})
    _content_type, magic = ALLOWED[suffix]
    if not data.startswith(magic):
        raise ApplicationError(
            _("The file's content is not a %(suffix)s file.") % {"suffix": suffix}, {"field": "file"}
        )
    if len(data) > MAX_ATTACHMENT_MB * 1024 * 1024:
        raise ApplicationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_ATTACHMENT_MB}, {"field": "file"})


def stored_upload(*, filename: str, data: bytes, folder: str) -> str:
    """Check an upload (:func:`check_upload`) and store it under MEDIA_ROOT; return its stored name."""
    check_upload(filename=filename, data=data)
    suffix = Path(filename).suffix.lower()
    stored = f"{folder}/{uuid.uuid4().hex}{suffix}"
    path = Path(settings.MEDIA_ROOT) / stored
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return stored


@transaction.atomic
def attachment_add(*, actor, practice: GoodPractice, filename: str, data: bytes) -> PracticeAttachment:
    """Check the type (suffix and content), the size, then store outside the web root."""
    _editable(actor, practice)
    stored = stored_upload(filename=filename, data=data, folder="practices")
    content_type = ALLOWED[Path(filename).suffix.lower()][0]
    att = PracticeAttachment.objects.create(
        practice=practice, filename=Path(filename).name[:255], stored=stored, size=len(data), content_type=content_type
    )
    audit(actor=actor, action="attachment_add", obj=att, detail={"practice": practice.pk})
    return att


def practice_editable_get(*, actor, pk: int) -> GoodPractice:
    """A practice the actor may change (of an organisation in their scope, admins only); else not found."""
    scope = Scope.for_user(actor)
    practice = None
    if scope.is_admin:
        practice = (
            GoodPractice.objects.select_related("organisation")
            .filter(pk=pk, organisation__path__startswith=scope.path)
            .first()
        )
    if practice is None:
        raise NotFound(_("Good practice not found."))
    return practice


def practice_list(*, actor, q: str = "", theme: str = ""):
    """Published practices, plus the drafts of the actor's own scope; searched in title, text and region."""
    scope = Scope.for_user(actor)
    visible = Q(published=True)
    if scope.is_admin:
        visible |= Q(organisation__path__startswith=scope.path)
    qs = GoodPractice.objects.filter(visible).select_related("organisation")
    if q.strip():
        words = q.split()
        for w in words:
            qs = qs.filter(
                Q(title__icontains=w)
                | Q(description__icontains=w)
                | Q(results__icontains=w)
                | Q(organisation__name__icontains=w)
            )
    if theme:
        qs = qs.filter(theme=theme)
    return qs.order_by("-published_at", "-created_at")


def practice_get(*, actor, pk: int) -> GoodPractice:
    """Published practices are for everyone; drafts only for the admins of their region."""
    practice = GoodPractice.objects.select_related("organisation").filter(pk=pk).first()
    if practice is None:
        raise NotFound(_("Good practice not found."))
    if not practice.published:
        scope = Scope.for_user(actor)
        if not (scope.is_admin and scope.contains_path(practice.organisation.path)):
            raise NotFound(_("Good practice not found."))
    return practice
