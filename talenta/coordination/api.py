"""Good practices in the JSON API: what the caller may read (published, or drafts of their scope)."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Router, Schema

from talenta.core.api import MAX_PAGE, page_of

from . import followup, services

router = Router(tags=["good practices"])


class PracticeOut(Schema):
    id: int
    title: str
    organisation: str
    theme: str
    description: str
    results: str
    published: bool
    published_at: datetime | None

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.code


@router.get("/practices", response=list[PracticeOut])
def list_practices(request, q: str = "", theme: str = "", page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1):
    """Good practices the caller may read, 200 a page (``page``)."""
    return page_of(services.practice_list(actor=request.user, q=q, theme=theme), page, 200)


@router.get("/practices/{pk}", response=PracticeOut)
def get_practice(request, pk: int):
    return services.practice_get(actor=request.user, pk=pk)


class ActionOut(Schema):
    id: int
    meeting: str
    number: int
    organisation: str
    status: str
    owner: str
    due_date: date

    @staticmethod
    def resolve_meeting(obj) -> str:
        return obj.recommendation.meeting

    @staticmethod
    def resolve_number(obj) -> int:
        return obj.recommendation.number

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.code


@router.get("/actions", response=list[ActionOut], tags=["follow-up"])
def list_actions(request, overdue: bool = False, page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1):
    """Follow-up action items of the caller's scope (``overdue=true``: past due and not done), 500 a page."""
    return page_of(followup.action_list(actor=request.user, overdue=overdue), page, 500)
