"""Every page needs a logged-in user, except the few listed here (login, language switch, static)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

PUBLIC_PREFIXES = ("/login/", "/i18n/", "/static/", "/api/", "/healthz")


class LoginRequiredMiddleware:
    """Redirect anonymous users to the login page. The API authenticates itself (401 in JSON)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
