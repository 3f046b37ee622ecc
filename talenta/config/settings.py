"""Settings, driven by the environment (README, "Configuration" and "Serving it for real").

``DATABASE_URL`` chooses the database for the server, the CLI and the tests alike: ``sqlite:///path``
(default: ``var/talenta.sqlite3`` in the working directory) or ``postgres://user@host:port/name``.
Debug is off unless ``TALENTA_DEBUG=1`` (``make run`` asks for it, for the demo only).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TALENTA_VAR_DIR", Path.cwd() / "var"))


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def _secret_key() -> str:
    """``TALENTA_SECRET_KEY``, else a random key kept in ``VAR_DIR/secret_key`` (made once, readable by its
    owner only), so that no installation runs on a key anyone can read in the source."""
    given = os.environ.get("TALENTA_SECRET_KEY", "").strip()
    if given:
        return given
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        return key


DEBUG = _flag("TALENTA_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("TALENTA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TALENTA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Behind a TLS-terminating proxy (the production setting, README): HTTPS only, HSTS, secure cookies, and the
# proxy's X-Forwarded-Proto trusted. Off by default so that `make serve` also answers on plain http locally.
TALENTA_HTTPS = _flag("TALENTA_HTTPS")
SECURE_SSL_REDIRECT = TALENTA_HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = TALENTA_HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("TALENTA_HSTS_SECONDS", "31536000")) if TALENTA_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = TALENTA_HTTPS
# "preload" only allows a later submission to the browsers' preload list (the domain owner's decision).
SECURE_HSTS_PRELOAD = _flag("TALENTA_HSTS_PRELOAD", "1" if TALENTA_HTTPS else "0")
if _flag("TALENTA_BEHIND_PROXY", "1" if TALENTA_HTTPS else "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("TALENTA_SESSION_HOURS", "12")) * 3600
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "talenta.core",
    "talenta.org",
    "talenta.competency",
    "talenta.people",
    "talenta.learning",
    "talenta.imports",
    "talenta.analytics",
    "talenta.coordination",
    "talenta.indices",
    "talenta.dprd",
    "talenta.talent",
    "talenta.governance",
    "talenta.dashboards",
    "talenta.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "talenta.core.middleware.NulRefusedMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "talenta.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "talenta.core.middleware.LoginRequiredMiddleware",
    "talenta.core.middleware.SecondFactorRequiredMiddleware",
    "talenta.core.middleware.NoStoreMiddleware",
    "talenta.core.middleware.AccessJournalMiddleware",
    # Last: it must see the authenticated user and wraps the login with its lockout.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "talenta.config.urls"
WSGI_APPLICATION = "talenta.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'talenta.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db, conn_max_age=int(os.environ.get("TALENTA_CONN_MAX_AGE", "0"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout waits for the writer instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"  # 128 MB page cache: bulk index inserts
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "talenta.org.passwords.NoPersonalData"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address before the password
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after TALENTA_LOGIN_FAILURES failures an account is locked, and so is an
# address, each on its own, for TALENTA_LOCKOUT_MINUTES; every attempt and lockout is logged.
AXES_FAILURE_LIMIT = int(os.environ.get("TALENTA_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TALENTA_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "talenta/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TALENTA_PROXY_COUNT", "1" if TALENTA_HTTPS else "0")) or None
# Two-factor login (django-otp, TOTP): optional for every admin; required for the national admin when set.
TALENTA_REQUIRE_2FA_NATIONAL = _flag("TALENTA_REQUIRE_2FA_NATIONAL")
OTP_TOTP_ISSUER = "Talenta"

# Content Security Policy (django-csp): scripts and everything else from this server only (no inline script).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # style attributes draw the bars of the charts
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The app server serves the static files itself (WhiteNoise): compressed, with long cache lifetimes. A front
# proxy may serve STATIC_ROOT instead (README).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(
    os.environ.get("TALENTA_MEDIA_ROOT", VAR_DIR / "media")
)  # uploads: outside the web root, served by views

# Background work (imports, plans): the database queue, worked by `talenta db_worker` (make run starts one).
TASKS = {"default": {"BACKEND": os.environ.get("TALENTA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
TALENTA_MAX_UPLOAD_MB = int(os.environ.get("TALENTA_MAX_UPLOAD_MB", "100"))
# Hostile files (README): checked before parsing. The defaults hold a province's largest real file (SIASN's
# export of 343,000 employees: ~56 MB, ~600 MB unpacked, 66 columns) with a wide margin.
TALENTA_IMPORT_MAX_ROWS = int(os.environ.get("TALENTA_IMPORT_MAX_ROWS", "1000000"))
TALENTA_IMPORT_MAX_COLUMNS = int(os.environ.get("TALENTA_IMPORT_MAX_COLUMNS", "1000"))
TALENTA_IMPORT_MAX_CELLS = int(os.environ.get("TALENTA_IMPORT_MAX_CELLS", "60000000"))
TALENTA_IMPORT_MAX_UNZIPPED_MB = int(os.environ.get("TALENTA_IMPORT_MAX_UNZIPPED_MB", "1500"))
TALENTA_IMPORT_MAX_RATIO = int(os.environ.get("TALENTA_IMPORT_MAX_RATIO", "100"))
# Imports run in a child process with this much memory more than the worker uses (a crash there is the
# file's, not the worker's); 0 in TALENTA_ISOLATE_READERS runs them in the worker itself.
TALENTA_IMPORT_MEMORY_MB = int(os.environ.get("TALENTA_IMPORT_MEMORY_MB", "8192"))
TALENTA_ISOLATE_READERS = _flag("TALENTA_ISOLATE_READERS", "1")
# A worker not heard from for this long is taken for dead: its running tasks are marked failed (README).
# Personal data (UU 27/2022): how long the audit rows and the records of reads and logins are kept; older ones
# go with `talenta purge_logs` (run it daily, README).
TALENTA_AUDIT_RETENTION_DAYS = int(os.environ.get("TALENTA_AUDIT_RETENTION_DAYS", str(5 * 365)))
TALENTA_ACCESS_RETENTION_DAYS = int(os.environ.get("TALENTA_ACCESS_RETENTION_DAYS", "365"))
TALENTA_WORKER_TIMEOUT = int(os.environ.get("TALENTA_WORKER_TIMEOUT", "120"))
TALENTA_HEARTBEAT_SECONDS = int(os.environ.get("TALENTA_HEARTBEAT_SECONDS", "10"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TALENTA_RULESET = os.environ.get("TALENTA_RULESET", "permenpan-2020")
TALENTA_PAGE_SIZE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TALENTA_LOG_LEVEL", "WARNING")},
}
