"""Every page needs a logged-in user, except the few listed here (login, language switch, static)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.utils import translation

PUBLIC_PREFIXES = ("/login/", "/i18n/", "/static/", "/api/", "/healthz")


class LoginRequiredMiddleware:
    """Redirect anonymous users to the login page. The API authenticates itself (401 in JSON)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
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
