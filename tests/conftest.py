"""Shared fixtures: a fresh store on SQLite and on the local PostgreSQL, and a CLI runner.

xdist-safe: every test gets its own CAREWATCH_HOME under pytest's tmp_path, and each worker
creates its own PostgreSQL database (``carewatch_test_<worker>_<random>``) and drops it at the
end. Django is configured lazily, so tests that never touch the store never import it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Settings are read when Django starts: point the process-wide default at a throwaway place
# before anything can import carewatch.settings.
os.environ.setdefault("CAREWATCH_HOME", tempfile.mkdtemp(prefix="carewatch-test-"))
os.environ.pop("CAREWATCH_DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "carewatch.settings"

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
BIN = Path(sys.executable).parent
STORE_TABLES = "store_custodyevent, store_report, store_original"


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def pg_url(worker_id: str) -> Iterator[str]:
    """URL of a PostgreSQL database private to this test worker (created, then dropped)."""
    name = f"carewatch_test_{worker_id}_{secrets.token_hex(4)}"
    try:
        _pg_admin(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # parity with PostgreSQL is part of the contract: never skip it
        pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is not available (start it; see README): {exc}")
    yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    from django.db import connections

    connections.close_all()
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _use_database(db: dict[str, Any]) -> None:
    """Point Django's default connection at ``db`` (a settings dict), closing the old one."""
    from django.conf import settings
    from django.db import connections

    from carewatch.store import db as store_db

    store_db.setup()
    connections.close_all()
    settings.DATABASES = {"default": db}
    connections.__dict__["settings"] = connections.configure_settings({"default": dict(db)})
    with contextlib.suppress(AttributeError):  # no connection opened yet in this thread
        del connections["default"]


def _sqlite_settings(path: Path) -> dict[str, Any]:
    from carewatch import settings as cw_settings

    base = dict(cw_settings.DATABASES["default"])
    if base["ENGINE"] != "django.db.backends.sqlite3":
        base = {"ENGINE": "django.db.backends.sqlite3", "OPTIONS": {"timeout": 30}}
    return {**base, "NAME": str(path)}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file per worker; each test starts from a copy (migrating is slow)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "carewatch.sqlite3"
    _use_database(_sqlite_settings(path))
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()  # the last connection to close folds the WAL into the file
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated, empty store on each backend; yields its CAREWATCH_HOME."""
    import dj_database_url

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("CAREWATCH_HOME", str(home))
    monkeypatch.setenv("CAREWATCH_OPERATOR", "tester")
    monkeypatch.delenv("CAREWATCH_MAX_FILE_MB", raising=False)
    if request.param == "postgres":
        url = request.getfixturevalue("pg_url")
        monkeypatch.setenv("CAREWATCH_DATABASE_URL", url)
        _use_database(dict(dj_database_url.parse(url)))
    else:
        shutil.copyfile(request.getfixturevalue("sqlite_template"), home / "carewatch.sqlite3")
        _use_database(_sqlite_settings(home / "carewatch.sqlite3"))
    from carewatch.store import db

    db.setup(migrate=True)
    if request.param == "postgres":
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {STORE_TABLES} RESTART IDENTITY CASCADE")
    yield home
    from django.db import connections

    connections.close_all()


CliRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment for the real ``carewatch`` executable: its own data directory."""
    env = {**os.environ, "CAREWATCH_HOME": str(tmp_path / "cw-home"), "CAREWATCH_OPERATOR": "cli-tester",
           "COLUMNS": "200", "NO_COLOR": "1"}
    for key in ("CAREWATCH_DATABASE_URL", "CAREWATCH_MAX_FILE_MB", "DJANGO_SETTINGS_MODULE"):
        env.pop(key, None)
    return env


@pytest.fixture
def cli(cli_env: dict[str, str]) -> CliRun:
    """Run ``carewatch ARGS...`` in a subprocess; returns the completed process (never raises)."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / "carewatch"), *args], env=env or cli_env, text=True,
                              capture_output=True, timeout=timeout, check=False)

    return run


def write_corpus(folder: Path) -> dict[str, Path]:
    """A small multilingual corpus with one hostile file; returns name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "uk.txt": "У Мелітополі лікарня відмовила хворій жінці в інсуліні без російського паспорта.\n"
                  .encode(),
        "ru.txt": "В Херсоне больному ВИЧ предложили лекарства в обмен на контракт с армией.\n".encode(),
        "en.html": b"<html><head><title>Clinic</title></head><body><p>In Berdiansk a clinic refused "
                   b"treatment to a pensioner without a Russian OMS policy.</p></body></html>",
        "cp1251.txt": "Жителям Енергодара відмовляють у допомозі без полісу.\n".encode("cp1251"),
        "empty.txt": b"",
    }
    out = {}
    for name, raw in files.items():
        path = folder / name
        path.write_bytes(raw)
        out[name] = path
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    return write_corpus(tmp_path / "corpus")
