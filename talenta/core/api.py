"""The JSON API (django-ninja), OpenAPI at /api/docs. Session-authenticated; every call is scoped."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import django_auth

from talenta import __version__

from .errors import ApplicationError, NotFound, PermissionDenied

api = NinjaAPI(title="Talenta API", version=__version__, auth=django_auth, urls_namespace="api")


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError):
    status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, PermissionDenied) else 400
    return api.create_response(request, {"error": exc.as_dict()}, status=status)
