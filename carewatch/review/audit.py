"""The audit log: who did what, to what, when and from where, in a hash-chained table.

Services call :func:`record` for every create, read of personal data, change, export and
sign-in (the sign-in signals are connected by the protectdb app). Each event's hash covers its
content and the previous event's hash, so editing, deleting or reordering rows is found by
:func:`verify` (``carewatch audit verify``). Details must never hold personal data itself:
name the record (``person:<ref>``), not the person.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
_LOCK_KEY = 0x61756469  # PostgreSQL advisory lock id ("audi")


def event_hash(*, prev_hash: str, at: datetime, actor: str, action: str, target: str,
               detail: dict[str, Any], ip: str | None) -> str:
    """Hash of one event; canonical JSON so SQLite and PostgreSQL agree byte for byte."""
    body = {"prev": prev_hash, "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor, "action": action, "target": target, "detail": detail, "ip": ip}
    canon = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _lock() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def record(*, actor: str, action: str, target: str = "", detail: dict[str, Any] | None = None,
           ip: str | None = None) -> None:
    """Append one event at the end of the chain (serialised against concurrent writers)."""
    from carewatch.store import db

    db.setup()
    from django.db import transaction

    from carewatch.store.protectdb.models import AuditEvent

    info = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))
    with transaction.atomic():
        _lock()
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
        at = datetime.now(UTC)
        actor, target = (actor or "system")[:150], target[:200]
        digest = event_hash(prev_hash=prev, at=at, actor=actor, action=action, target=target,
                            detail=info, ip=ip)
        AuditEvent.objects.create(at=at, actor=actor, action=action[:64], target=target, detail=info,
                                  ip=ip, prev_hash=prev, hash=digest)


def verify() -> list[str]:
    """Problems found walking the whole chain, first one first; empty means intact."""
    from carewatch.store import db

    db.setup()
    from carewatch.store.protectdb.models import AuditEvent

    problems: list[str] = []
    prev = GENESIS
    rows = AuditEvent.objects.order_by("id").values_list(
        "id", "at", "actor", "action", "target", "detail", "ip", "prev_hash", "hash")
    for eid, at, actor, action, target, detail, ip, prev_hash, stored in rows.iterator(chunk_size=2000):
        if prev_hash != prev:
            problems.append(f"audit event {eid}: does not follow the previous event "
                            "(an event before it was removed, inserted or moved)")
        digest = event_hash(prev_hash=prev_hash, at=at, actor=actor, action=action, target=target,
                            detail=detail or {}, ip=ip)
        if digest != stored:
            problems.append(f"audit event {eid}: content does not match its hash (edited)")
        prev = stored
    return problems


def recent(*, limit: int = 50, action: str = "", actor: str = "") -> list[dict[str, Any]]:
    """The latest events, newest first, for ``carewatch audit list`` and the admin pages."""
    from carewatch.store import db

    db.setup()
    from carewatch.store.protectdb.models import AuditEvent

    qs = AuditEvent.objects.order_by("-id")
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor=actor)
    return [{"id": e.pk, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
             "target": e.target, "detail": e.detail, "ip": e.ip} for e in qs[:limit]]
