"""Backup round trip on PostgreSQL: restore into a fresh, empty database and data directory.

The source store and the restore target are two brand-new PostgreSQL databases on the local
server; everything goes through the real CLI. After the restore the custody chain, the audit
chain and a sealed testimony must read back intact, and new rows must not collide with
restored ones (sequences).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import NAME, PHONE, SAMPLE

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


@pytest.fixture
def new_database() -> Iterator[Callable[[], str]]:
    """Make fresh PostgreSQL databases on demand (URLs); all are dropped afterwards."""
    made: list[str] = []

    def make() -> str:
        name = f"carewatch_bk_{secrets.token_hex(5)}"
        try:
            _admin(f'CREATE DATABASE "{name}"')
        except Exception as exc:  # parity with PostgreSQL is part of the contract: never skip it
            pytest.fail(f"PostgreSQL on 127.0.0.1:5432 is not available: {exc}")
        made.append(name)
        return f"postgresql://postgres@127.0.0.1:5432/{name}"

    yield make
    for name in made:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed(pcli: Any, tmp_path: Path, env: dict[str, str]) -> Path:
    """A PostgreSQL store with uk/ru/en reports, a testimony, an account; returns the exported key."""
    home, corpus = tmp_path / "src", tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "uk.txt").write_text("У Мелітополі лікарня відмовила хворій жінці в інсуліні без "
                                   "російського паспорта.\n", encoding="utf-8")
    (corpus / "ru.txt").write_bytes("В Херсоне больному ВИЧ предложили лекарства в обмен на контракт.\n"
                                    .encode("cp1251"))
    (corpus / "hostile.html").write_text("<p>Berdiansk clinic\u2028refused care; <script>alert(1)</script>"
                                         "\x0c\"quotes\" \\ backslash 🙂</p>", encoding="utf-8")
    (tmp_path / "t.json").write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")
    key = tmp_path / "usb" / "master.key"
    key.parent.mkdir()
    steps: list[tuple[tuple[str, ...], str | None]] = [
        (("keys", "init"), None), (("ingest", str(corpus)), None), (("testimony", "add", str(tmp_path / "t.json")),
                                                                     None),
        (("users", "add", "analyst1", "--role", "analyst", "--password-stdin"), "a-long-password-42\n"),
        (("keys", "export", "-o", str(key)), None)]
    for args, stdin in steps:
        done = pcli(*args, home=home, extra=env, stdin=stdin)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return key


def test_postgres_round_trip_into_fresh_database(pcli: Any, tmp_path: Path,
                                                 new_database: Callable[[], str]) -> None:
    source = {"CAREWATCH_DATABASE_URL": new_database()}
    key = _seed(pcli, tmp_path, source)
    archive = tmp_path / "pg.backup"
    made = pcli("backup", "-o", str(archive), home=tmp_path / "src", extra=source)
    assert made.returncode == 0 and "postgresql" in made.stdout, made.stderr
    raw = archive.read_bytes()
    assert NAME.encode() not in raw and "Мелітопол".encode() not in raw and b'"model"' not in raw

    # an empty data directory is not enough: the database must be empty too
    into_used = pcli("restore", str(archive), home=tmp_path / "empty", extra={**source,
                                                                            "CAREWATCH_MASTER_KEY_FILE": str(key)})
    assert into_used.returncode == 1 and "CW625" in into_used.stderr

    target = {"CAREWATCH_DATABASE_URL": new_database(), "CAREWATCH_MASTER_KEY_FILE": str(key)}
    fresh = tmp_path / "fresh"
    restored = pcli("restore", str(archive), home=fresh, extra=target)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    _assert_intact(pcli, fresh, target)
    shown = pcli("testimony", "show", "1", home=fresh, extra=target)
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["persons"][0]["phone"] == PHONE and NAME in record["narrative"]

    # sequences were reset: new rows get new ids and extend both chains
    (tmp_path / "more.txt").write_text("Енергодар: відмовили в лікуванні без полісу ОМС.\n", encoding="utf-8")
    assert pcli("ingest", str(tmp_path / "more.txt"), home=fresh, extra=target).returncode == 0
    added = pcli("users", "add", "viewer1", "--role", "viewer", "--password-stdin", home=fresh, extra=target,
                 stdin="another-long-password\n")
    assert added.returncode == 0, added.stderr
    users = pcli("users", "list", home=fresh, extra=target)
    assert "analyst1" in users.stdout and "viewer1" in users.stdout
    _assert_intact(pcli, fresh, target)
    listed = pcli("audit", "list", "--json", home=fresh, extra=target)
    actions = [json.loads(line)["action"] for line in listed.stdout.splitlines() if line.strip()]
    assert {"backup.restore", "user.create", "testimony.create", "keys.init"} <= set(actions)


def _assert_intact(pcli: Any, home: Path, env: dict[str, str]) -> None:
    verified = pcli("verify", home=home, extra=env)
    assert verified.returncode == 0 and "BROKEN" not in verified.stdout, verified.stdout + verified.stderr
    audited = pcli("audit", "verify", home=home, extra=env)
    assert audited.returncode == 0, audited.stdout + audited.stderr
