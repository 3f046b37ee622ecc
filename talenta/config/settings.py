"""Settings, driven by the environment.

``DATABASE_URL`` chooses the database for the server, the CLI and the tests alike: ``sqlite:///path``
(default: ``var/talenta.sqlite3`` in the working directory) or ``postgres://user@host:port/name``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TALENTA_VAR_DIR", Path.cwd() / "var"))

DEBUG = os.environ.get("TALENTA_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("TALENTA_SECRET_KEY", "talenta-insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = [h for h in os.environ.get("TALENTA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
if not DEBUG and SECRET_KEY.startswith("talenta-insecure"):
    raise RuntimeError("Set TALENTA_SECRET_KEY when TALENTA_DEBUG=0")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
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
    "talenta.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "talenta.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "talenta.core.middleware.LoginRequiredMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"  # uploads live outside the web root and are served only through views

# Background work (imports, plans): the database queue, worked by `talenta db_worker` (make run starts one).
TASKS = {"default": {"BACKEND": os.environ.get("TALENTA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
TALENTA_MAX_UPLOAD_MB = int(os.environ.get("TALENTA_MAX_UPLOAD_MB", "50"))
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
