"""The chain of custody: append hash-chained events and check the chain is unbroken.

Called by the intake service (captured, seen_again, processed, failed, reprocessed) and by
``carewatch verify`` (verified_ok, verify_failed). Each event's hash covers its content and the
previous event's hash, so editing or deleting any row breaks every later link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from carewatch.store.models import CustodyEvent, Report

GENESIS = "0" * 64
_LOCK_KEY = 0x63617265  # advisory-lock id for PostgreSQL ("care")


@dataclass(frozen=True)
class ChainProblem:
    """One broken link: which event, and what is wrong with it."""

    event_id: int
    reason: str


def event_hash(*, prev_hash: str, report_id: int | None, sha256: str, action: str,
               at: datetime, actor: str, detail: dict[str, Any]) -> str:
    """Hash of an event's content; canonical JSON so both database backends agree."""
    body = {
        "prev": prev_hash,
        "report": report_id,
        "sha256": sha256,
        "action": action,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "detail": detail,
    }
    canon = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def append(action: str, *, sha256: str, actor: str, report: Report | None = None,
           detail: dict[str, Any] | None = None) -> CustodyEvent:
    """Add one event at the end of the chain (serialised against concurrent writers)."""
    info = dict(detail or {})
    with transaction.atomic():
        lock()
        last = CustodyEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        prev = last or GENESIS
        at = datetime.now(UTC)
        digest = event_hash(prev_hash=prev, report_id=report.pk if report else None, sha256=sha256,
                            action=action, at=at, actor=actor, detail=info)
        return CustodyEvent.objects.create(report=report, sha256=sha256, action=action, at=at,
                                           actor=actor, detail=info, prev_hash=prev, hash=digest)


def check_chain() -> list[ChainProblem]:
    """Walk the whole log in order; an empty list means the chain is intact."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    rows = CustodyEvent.objects.order_by("id").values_list(
        "id", "report_id", "sha256", "action", "at", "actor", "detail", "prev_hash", "hash")
    for eid, rid, sha, action, at, actor, detail, prev_hash, stored in rows.iterator(chunk_size=2000):
        if prev_hash != prev:
            problems.append(ChainProblem(eid, "does not follow the previous event (row removed or moved)"))
        digest = event_hash(prev_hash=prev_hash, report_id=rid, sha256=sha, action=action, at=at,
                            actor=actor, detail=detail or {})
        if digest != stored:
            problems.append(ChainProblem(eid, "content does not match its hash (row edited)"))
        prev = stored
    return problems


def events_for(report: Report) -> list[CustodyEvent]:
    """Custody lines about a report: its own events and those about its original's bytes."""
    about_bytes = Q(sha256=report.original.sha256, report__isnull=True)
    return list(CustodyEvent.objects.filter(Q(report=report) | about_bytes).order_by("id"))


def lock() -> None:
    """Take the writer lock; SQLite already serialises writers (BEGIN IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
