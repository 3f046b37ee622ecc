"""Helpers for the web views: turning the error vocabulary into HTTP answers."""

from functools import wraps

from django.http import Http404

from .errors import NotFound


def not_found_as_404(view):
    """A :class:`NotFound` from a selector becomes a plain 404 page (scope misses included)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None

    return wrapper
