"""Every page needs a logged-in user, except the few listed here (login, language switch, static)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.utils import translation

PUBLIC_PREFIXES = ("/login/", "/i18n/", "/static/", "/api/", "/healthz", "/favicon.ico")


class NulRefusedMiddleware:
    """A NUL character in the path, a parameter or a JSON body answers 400: PostgreSQL cannot store or even
    compare one (it would be a 500 deep inside a query), and no real input holds one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = "The request holds a NUL character (\\x00)."
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "bad_request", "message": message}}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.method in ("POST", "PUT", "PATCH"):
            if request.content_type == "application/json":
                body = request.body
                return b"\x00" in body or b"\\u0000" in body
            if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.POST.lists())
        return False


class LoginRequiredMiddleware:
    """Redirect anonymous users to the login page. The API authenticates itself (401 in JSON)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """With ``TALENTA_REQUIRE_2FA_NATIONAL``, a national admin who has not passed two-factor login reaches
    only their account page (to set it up) and the logout; the API answers 403."""

    ALLOWED = ("/akun/", "/logout/", "/static/", "/i18n/", "/favicon.ico", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.TALENTA_REQUIRE_2FA_NATIONAL
            and user.is_authenticated
            and getattr(user, "role", "") == "national_admin"
            and not user.is_verified()
            and not request.path.startswith(self.ALLOWED)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "second_factor_required", "message": "Two-factor login is required."}, status=403
                )
            return redirect("account")
        return self.get_response(request)


class LanguageMiddleware:
    """Indonesian unless the user chose otherwise (the language menu sets a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many Indonesian offices run
    English-language browsers; the brief is Indonesian by default, English on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in self.languages:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


class NoStoreMiddleware:
    """Pages and downloads a logged-in user receives hold personal data: no browser or proxy keeps a copy
    (``Cache-Control: no-store``). Static files are not touched (WhiteNoise answers them earlier)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class AccessJournalMiddleware:
    """Every API call and every download of a logged-in user leaves an :class:`AccessLog` row: who, from
    which scope, what (the path and query), the answer's status and how many rows it held (an API list's
    ``count`` or length; a csv's lines, counted as they stream; an xlsx's rows from ``X-Talenta-Rows``)."""

    SKIP = ("/api/docs", "/api/openapi.json")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.SKIP):
            return response
        is_api = request.path.startswith("/api/")
        is_download = "attachment" in response.get("Content-Disposition", "")
        if not (is_api or is_download):
            return response
        entry = {
            "user_id": user.pk,
            "scope_path": _scope_path(user),
            "kind": "api" if is_api else "export",
            "path": request.get_full_path()[:500],
            "status": response.status_code,
            "address": request.META.get("REMOTE_ADDR", "")[:64],
        }
        if response.streaming:
            response.streaming_content = _counted(response.streaming_content, entry)
            return response
        entry["rows"] = _rows_of(response, is_api)
        _write(entry)
        return response


def _scope_path(user) -> str:
    from .scoping import Scope

    scope = Scope.for_user(user)
    return scope.path or f"employee:{scope.employee_id}"


def _rows_of(response, is_api: bool) -> int | None:
    if response.has_header("X-Talenta-Rows"):
        return int(response["X-Talenta-Rows"])
    if not is_api or response.status_code >= 400:
        return None
    import json

    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    if isinstance(body, list):
        return len(body)
    if isinstance(body, dict):
        if isinstance(body.get("count"), int):
            return body["count"]
        return 1
    return None


def _counted(chunks, entry: dict):
    """The streamed csv, one chunk per line (header first); the row is written when the download ends."""
    n = 0
    try:
        for chunk in chunks:
            n += 1
            yield chunk
    finally:
        entry["rows"] = max(0, n - 1)
        _write(entry)


def _write(entry: dict) -> None:
    from .models import AccessLog

    AccessLog.objects.create(**entry)
