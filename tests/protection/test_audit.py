"""The hash-chained audit log: tampering is found and named; sign-ins are recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _events(n: int) -> list[int]:
    from carewatch.review import audit
    from carewatch.store.protectdb.models import AuditEvent

    for i in range(n):
        audit.record(actor=f"user{i}", action="report.read", target=f"report:{i}",
                     detail={"i": i, "note": "перевірка ✓"}, ip="127.0.0.1")
    return list(AuditEvent.objects.order_by("id").values_list("id", flat=True))


def test_intact_chain_verifies(keyed_store: Path) -> None:
    from carewatch.review import audit

    _events(5)
    assert audit.verify() == []


def test_edited_row_is_named(keyed_store: Path) -> None:
    from django.db import connection

    from carewatch.review import audit

    ids = _events(5)
    with connection.cursor() as cur:  # behind the ORM's back, as an insider with DB access would
        cur.execute("UPDATE protectdb_auditevent SET actor = %s WHERE id = %s", ["mallory", ids[2]])
    problems = audit.verify()
    assert problems and problems[0].startswith(f"audit event {ids[2]}:") and "edited" in problems[0]


def test_deleted_row_is_named(keyed_store: Path) -> None:
    from django.db import connection

    from carewatch.review import audit

    ids = _events(5)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM protectdb_auditevent WHERE id = %s", [ids[1]])
    problems = audit.verify()
    assert problems and problems[0].startswith(f"audit event {ids[2]}:") and "removed" in problems[0]


def test_swapped_rows_are_named(keyed_store: Path) -> None:
    from django.db import connection

    from carewatch.review import audit
    from carewatch.store.protectdb.models import AuditEvent

    ids = _events(5)
    a, b = (AuditEvent.objects.get(pk=i) for i in (ids[1], ids[3]))
    with connection.cursor() as cur:
        for row, other in ((a, b), (b, a)):
            cur.execute("UPDATE protectdb_auditevent SET actor = %s, target = %s, detail = %s WHERE id = %s",
                        [other.actor, other.target, json.dumps({"i": other.detail["i"], "note": "x"}), row.pk])
    problems = audit.verify()
    assert problems and problems[0].startswith(f"audit event {ids[1]}:")


def test_sign_in_and_failures_are_audited(keyed_store: Path) -> None:
    from django.test import Client

    from carewatch.review import audit
    from carewatch.review.accounts import create_user

    create_user(username="inv", role="investigator", password="a-long-password-1")
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post("/accounts/login/", {"username": "inv", "password": "wrong-password"})
    assert client.post("/accounts/login/", {"username": "inv", "password": "a-long-password-1"}).status_code == 302
    events = audit.recent(action="auth.")
    assert [(e["action"], e["actor"], e["ip"]) for e in events[:2]] == [
        ("auth.login", "inv", "10.1.2.3"), ("auth.login_failed", "inv", "10.1.2.3")]
    assert "wrong-password" not in str(events)
    assert audit.verify() == []


def test_cli_verify_exit_codes(tmp_path: Path, pcli: Any) -> None:
    import sqlite3

    home = tmp_path / "home"
    assert pcli("keys", "init", home=home).returncode == 0
    ok = pcli("audit", "verify", home=home)
    assert ok.returncode == 0, ok.stderr
    with sqlite3.connect(home / "carewatch.sqlite3") as db:
        first = db.execute("SELECT min(id) FROM protectdb_auditevent").fetchone()[0]
        db.execute("UPDATE protectdb_auditevent SET actor = 'mallory' WHERE id = ?", [first])
    out = pcli("audit", "verify", home=home)
    assert out.returncode == 1 and f"audit event {first}:" in out.stderr
