"""Django settings, built from :mod:`carewatch.config` (environment only).

Used by the CLI (ORM and migrations) and by the web app alike. SQLite runs in WAL mode so the
web app and a CLI ingest can share one database file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

from carewatch import config

_S = config.load()
BASE_DIR = Path(__file__).resolve().parent
CAREWATCH = _S

SECRET_KEY = _S.secret_key
DEBUG = False  # never render tracebacks of hostile input; development uses the same templates
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "carewatch.store",
    "carewatch.store.incidentdb.apps.Config",
    "carewatch.store.reviewdb.apps.Config",
    "carewatch.store.protectdb.apps.Config",
    "carewatch.store.searchdb.apps.Config",
    "carewatch.web.apps.WebConfig",
]

MIDDLEWARE: list[str] = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "carewatch.web.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "carewatch.web.urls"
WSGI_APPLICATION = "carewatch.web.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "web" / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "django.template.context_processors.i18n",
        "carewatch.web.context.permissions",
    ]},
}]
LOCALE_PATHS = [BASE_DIR / "web" / "locale"]
STATIC_ROOT = None  # static files are served from the package by WhiteNoise (finders); no collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve package static files without a collectstatic step
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout after repeated failures
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_VERBOSE = False

# Cookies and headers: the app handles data that can get people hurt.
_PROD = _S.env == "production"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _PROD
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SECURE = _PROD
CSRF_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = _PROD and bool(os.environ.get("CAREWATCH_HTTPS"))
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL_REDIRECT else 0


def _database() -> dict[str, Any]:
    if _S.is_postgres:
        db: dict[str, Any] = dict(dj_database_url.parse(_S.database_url, conn_max_age=60))
        return db
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": _S.database_url.removeprefix("sqlite:///"),
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", "Українська"), ("en", "English")]
USE_I18N = True
STATIC_URL = "/static/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
