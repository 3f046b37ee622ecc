"""Every page needs a logged-in user, except the few listed here (login, language switch, static)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import translation

PUBLIC_PREFIXES = ("/login/", "/i18n/", "/static/", "/api/", "/healthz", "/favicon.ico")


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
                from django.http import JsonResponse

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
