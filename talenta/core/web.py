"""Helpers for the web views: turning the error vocabulary into HTTP answers."""

from datetime import date
from functools import wraps

from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

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


def whole_number(raw: str | None, *, lo: int = 0, hi: int = 10**9) -> int | None:
    """``raw`` as a whole number within lo..hi, else None (ASCII digits only: ``"²".isdigit()`` is true)."""
    raw = (raw or "").strip()
    if not (raw.isascii() and raw.lstrip("-").isdigit()) or len(raw) > 12:
        return None
    n = int(raw)
    return n if lo <= n <= hi else None


def int_field(raw: str | None, *, name: str, lo: int = 0, hi: int = 10**9, default: int | None = None) -> int:
    """A number a form sent: a bad one answers 400 with its name, never a 500."""
    if (raw is None or raw.strip() == "") and default is not None:
        return default
    n = whole_number(raw, lo=lo, hi=hi)
    if n is None:
        raise BadRequest(
            _("%(name)s must be a whole number from %(lo)s to %(hi)s.") % {"name": name, "lo": lo, "hi": hi}
        )
    return n


def date_field(raw: str | None, *, name: str, required: bool = True) -> date | None:
    """A date a form sent (``YYYY-MM-DD``, what ``<input type=date>`` sends); a bad or missing one is an
    :class:`ApplicationError` naming the field, shown on the form."""
    raw = (raw or "").strip()
    if not raw:
        if required:
            raise ApplicationError(_("%(name)s is required.") % {"name": name}, {"field": name})
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ApplicationError(_("%(name)s is not a date.") % {"name": name}, {"field": name}) from None


def year_param(request, name: str = "tahun", default: int | None = None) -> int:
    """A year from the query string (2000-2100), else ``default``, else this year."""
    y = whole_number(request.GET.get(name), lo=2000, hi=2100)
    return y if y is not None else (default or timezone.localdate().year)


def form_error(form, exc: ApplicationError) -> None:
    """An error of a service shown on the form: on the field it names, else above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
