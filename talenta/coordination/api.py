"""Good practices in the JSON API: what the caller may read (published, or drafts of their scope)."""

from datetime import datetime

from ninja import Router, Schema

from . import services

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
def list_practices(request, q: str = "", theme: str = ""):
    return list(services.practice_list(actor=request.user, q=q, theme=theme)[:200])


@router.get("/practices/{pk}", response=PracticeOut)
def get_practice(request, pk: int):
    return services.practice_get(actor=request.user, pk=pk)
