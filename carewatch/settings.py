"""Django settings, built from :mod:`carewatch.config` (environment only).

Used by the CLI (ORM and migrations) and by the web app alike. SQLite runs in WAL mode so the
web app and a CLI ingest can share one database file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from carewatch import config

_S = config.load()
BASE_DIR = Path(__file__).resolve().parent
CAREWATCH = _S

SECRET_KEY = _S.secret_key
DEBUG = _S.env == "development"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "carewatch.store",
]

MIDDLEWARE: list[str] = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def _database() -> dict[str, Any]:
    if _S.is_postgres:
        db: dict[str, Any] = dj_database_url.parse(_S.database_url, conn_max_age=60)
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
