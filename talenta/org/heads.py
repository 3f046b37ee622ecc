"""Writes of regional heads (RULES.md §11): validated, atomic, audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.scoping import Scope

from .models import GOVERNMENT_KINDS, HeadOffice, Organisation, RegionalHead


@transaction.atomic
def regional_head_save(
    *, actor, region_code: str, name: str, office: str, inaugurated: date, term_end: date | None = None
) -> RegionalHead:
    """Record a regional head or deputy of a province, regency or city of the actor's scope; the same office
    inaugurated on the same day is the same record (its name and end of term are updated)."""
    region = Organisation.objects.filter(code=region_code, kind__in=GOVERNMENT_KINDS).first()
    if region is None or not Scope.for_user(actor).contains_path(region.path) or not Scope.for_user(actor).is_admin:
        raise NotFound(_("Organisation %(code)s not found.") % {"code": region_code})
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(_("The name is required."), {"field": "name"})
    if office not in HeadOffice.values:
        raise ApplicationError(_("Choose the office."), {"field": "office"})
    head = RegionalHead.objects.filter(region=region, office=office, inaugurated=inaugurated).first()
    created = head is None
    head = head or RegionalHead(region=region, office=office, inaugurated=inaugurated)
    head.name, head.term_end = name, term_end
    try:
        head.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(messages[0], {"field": field}) from None
    head.save()
    audit(actor=actor, action="regional_head.create" if created else "regional_head.update", obj=head,
          detail={"region": region.code, "office": office, "name": name, "inaugurated": inaugurated.isoformat(),
                  "term_end": term_end.isoformat() if term_end else None})  # fmt: skip
    return head
