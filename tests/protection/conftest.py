"""Fixtures for the protection tests: a master key in the test home, testimony samples, a CLI.

The CLI runner builds the real typer app and adds the protection command modules when the
main app does not list them yet, so these tests run the real commands either way.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

NAME = "Оксана Миколаївна Ткачук"
PHONE = "+380 67 555 12 34"
DIAGNOSIS = "ВІЛ-інфекція, АРВТ з 2016 року"
EMAIL = "oksana.tk@example.org"
ADDRESS = "вул. Шевченка, 14, кв. 7"

PROTECT_TABLES = "protectdb_person, protectdb_testimony, protectdb_datakey, protectdb_auditevent"

SAMPLE: dict[str, Any] = {
    "narrative": (f"Мене звати {NAME}. У Мелітополі в серпні 2023 року лікар відмовив мені видати "
                  "АРВ-терапію без російського паспорта. Ткачук просили підписати контракт з армією "
                  f"в обмін на ліки. Мій телефон {PHONE}, пишіть на {EMAIL}."),
    "event_date": "2023-08",
    "place": "Мелітополь",
    "relation": "victim",
    "consent": {"store": True, "share_partners": True, "publish_anonymised": True},
    "person": {"name": NAME, "phone": PHONE, "email": EMAIL, "address": ADDRESS,
               "birth_date": "1979-04-02", "health": DIAGNOSIS},
}

PROBE = """
import sys
from carewatch.cli import main
mine = ("carewatch.cli.testimony", "carewatch.cli.keys", "carewatch.cli.audit", "carewatch.cli.backup")
from importlib import import_module
for name in mine:
    if name not in main.COMMAND_MODULES:
        import_module(name).register(main.app)
sys.argv = ["carewatch", *sys.argv[1:]]
main.run()
"""


@pytest.fixture
def sample() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE)


@pytest.fixture
def keyed_store(store: Path) -> Iterator[Path]:
    """The ``store`` fixture (SQLite and PostgreSQL) with a master key installed."""
    from django.db import connection

    from carewatch.protection import keys, vault

    if connection.vendor == "postgresql":  # the session database outlives each test
        extra = [t for t in connection.introspection.table_names() if t.startswith("axes_")]
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {', '.join([PROTECT_TABLES, 'auth_user', *extra])} RESTART IDENTITY CASCADE")
    vault.forget()
    keys.init()
    yield store
    vault.forget()


def clean_env(home: Path) -> dict[str, str]:
    """Environment for a CLI subprocess working on ``home`` only (SQLite, no external key)."""
    env = {**os.environ, "CAREWATCH_HOME": str(home), "CAREWATCH_OPERATOR": "cli-tester",
           "NO_COLOR": "1", "COLUMNS": "200"}
    for key in ("CAREWATCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "CAREWATCH_MASTER_KEY_FILE"):
        env.pop(key, None)
    return env


CliRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def pcli(tmp_path: Path) -> CliRun:
    """Run carewatch with the protection commands in a subprocess; ``env`` extends a clean one."""

    def run(*args: str, home: Path, stdin: str | None = None,
            extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        env = {**clean_env(home), **(extra or {})}
        return subprocess.run([sys.executable, "-c", PROBE, *args], env=env, input=stdin, text=True,
                              capture_output=True, timeout=300, check=False)

    return run
