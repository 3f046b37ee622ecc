"""Helpers for the web views: turning the error vocabulary into HTTP answers."""

from functools import wraps

from django.http import Http404
from django.utils import timezone

from .errors import ApplicationError, NotFound


def not_found_as_404(view):
    """A :class:`NotFound` from a selector becomes a plain 404 page (scope misses included)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None

    return wrapper


def year_param(request, name: str = "tahun", default: int | None = None) -> int:
    """A year from the query string (2000-2100), else ``default``, else this year."""
    y = request.GET.get(name, "")
    return int(y) if y.isdigit() and 2000 <= int(y) <= 2100 else (default or timezone.localdate().year)


def form_error(form, exc: ApplicationError) -> None:
    """An error of a service shown on the form: on the field it names, else above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
