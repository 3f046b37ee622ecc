"""The JSON API (django-ninja), OpenAPI at /api/docs. Session-authenticated; every call is scoped."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import PageNumberPagination
from ninja.security import django_auth

from talenta import __version__

from .errors import ApplicationError, NotFound, PermissionDenied

api = NinjaAPI(title="Talenta API", version=__version__, auth=django_auth, urls_namespace="api")


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError):
    status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, PermissionDenied) else 400
    return api.create_response(request, {"error": exc.as_dict()}, status=status)


# Parameters with bounds: out of range answers 422 with the reason, never a 500 deep in a query.
Year = Annotated[int, Field(ge=2000, le=2100, description="a year, 2000-2100")]
Limit = Annotated[int, Field(ge=1, le=100)]
MAX_PAGE = 100_000


class Pages(PageNumberPagination):
    """Every API list: pages of ``page_size`` (at most 200), page numbers bounded."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=200)

    def __init__(self, page_size: int = 50, **kwargs: Any) -> None:
        super().__init__(page_size=page_size, max_page_size=200, **kwargs)


def page_of(items, page: int, size: int) -> list:
    """Items ``page`` (1-based) of a list or queryset, ``size`` each."""
    start = (page - 1) * size
    return list(items[start : start + size])
