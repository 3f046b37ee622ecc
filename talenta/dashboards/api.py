"""The briefing and the attention list as JSON: the same selectors as the pages and ``talenta briefing``."""

from django.http import Http404
from django.utils import timezone
from ninja import Router

from talenta.core.scoping import Scope
from talenta.org.models import GOVERNMENT_KINDS
from talenta.org.selectors import organisation_get

from .attention import attention
from .briefing import briefing, briefing_json

router = Router(tags=["briefing"])


@router.get("/organisations/{code}/briefing")
def get_briefing(request, code: str):
    """The regional head's briefing of a province, regency or city (the keys of ``talenta briefing --json``)."""
    org = organisation_get(actor=request.user, code=code)
    if not Scope.for_user(request.user).is_admin or org.kind not in GOVERNMENT_KINDS:
        raise Http404
    return briefing_json(briefing(org, actor=request.user, today=timezone.localdate()))


@router.get("/attention")
def get_attention(request):
    """What needs the caller's action in their scope (the home page's list): key, count, text, url."""
    if not Scope.for_user(request.user).is_admin:
        return {"organisation": None, "items": []}
    root, items = attention(actor=request.user, today=timezone.localdate())
    return {
        "organisation": root.code,
        "items": [{"key": i.key, "count": i.count, "text": i.text, "url": i.url, "urgent": i.urgent} for i in items],
    }
