"""The employee's development and the IDP loop as JSON: the same services and selectors as the pages."""

from django.utils import timezone
from ninja import Router, Schema

from talenta.core.api import MAX_PAGE, Year, page_of
from talenta.core.errors import NotFound

from . import idp
from .development import my_development
from .models import IdpItem

router = Router(tags=["development"])


def _item(i: IdpItem) -> dict:
    return {
        "id": i.pk,
        "nip": i.employee.nip,
        "year": i.year,
        "programme": i.programme.code if i.programme_id else None,
        "activity": i.activity,
        "title": i.title,
        "form": i.form,
        "competency": i.competency.code,
        "jp": float(i.jp),
        "cost": i.cost,
        "provider": i.provider,
        "reason": i.reason,
        "status": i.status,
        "decided_by": i.decided_by.username if i.decided_by_id else None,
        "decided_at": i.decided_at.isoformat() if i.decided_at else None,
        "decision_note": i.decision_note,
    }


@router.get("/me/development")
def get_my_development(request):
    """The caller's own development page: gaps, JP of the year, planned trainings, open programmes, IDP."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise NotFound("No employee record is linked to this login.")
    d = my_development(actor=request.user, nip=employee.nip, today=timezone.localdate())
    return {
        "nip": employee.nip,
        "year": d.year,
        "jp_attended": d.jp_attended,
        "jp_planned": d.jp_planned,
        "jp_missing": d.jp_missing,
        "gaps": [
            {"competency": r.code, "required": r.required, "actual": r.actual, "gap": r.gap} for r in d.profile.standard
        ],
        "targets": [
            {
                "position": t.position,
                "unit": t.unit,
                "gaps": [{"competency": r.code, "gap": r.gap} for r in t.rows if r.gap],
            }
            for t in d.targets
        ],
        "planned": [{"title": r.title, "start": r.start.isoformat(), "jp": float(r.jp)} for r in d.planned_this_year],
        "programmes": [
            {
                "code": o.programme.code,
                "name": o.programme.name,
                "jp": float(o.programme.jp),
                "cost": o.programme.cost,
                "levels_closed": o.levels,
            }
            for o in d.offers
        ],
        "idp": [_item(i) for i in d.idp],
        "idp_cap": d.cap,
    }


@router.get("/idp")
def list_idp(request, year: Year | None = None, status: str = "", page: int = 1):
    """The caller's own items (an employee), or the items of the employees they may decide for."""
    qs = idp.idp_visible(request.user, year=year, status=status)
    page = max(1, min(page, MAX_PAGE))
    return {"count": qs.count(), "page": page, "items": [_item(i) for i in page_of(qs.order_by("pk"), page, 100)]}


class IdpIn(Schema):
    year: int
    competency: str
    programme: str = ""
    activity: str = ""
    form: str = ""
    jp: float | None = None
    cost: int | None = None
    provider: str = ""
    reason: str = ""


@router.post("/idp")
def create_idp(request, body: IdpIn):
    """Propose an item of the caller's own plan (an employee only)."""
    item = idp.idp_propose(actor=request.user, data=idp.IdpInput(**body.dict()))
    return _item(item)


class DecisionIn(Schema):
    status: str
    note: str = ""


@router.post("/idp/{pk}/decision")
def decide_idp(request, pk: int, body: DecisionIn):
    """Approve (``disetujui``) or reject (``ditolak``, with a note) an item the caller may decide."""
    return _item(idp.idp_decide(actor=request.user, pk=pk, status=body.status, note=body.note))


@router.post("/idp/{pk}/cancel")
def cancel_idp(request, pk: int):
    return _item(idp.idp_cancel(actor=request.user, pk=pk))
