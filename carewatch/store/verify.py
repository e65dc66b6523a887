"""Integrity check behind ``carewatch verify``: re-hash every original, walk the custody chain.

Each original checked gets a custody line (``verified_ok`` or ``verify_failed``), so the log
itself shows when the evidence was last known intact. The chain is checked before those lines
are added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from carewatch.intake import preserve
from carewatch.store import custody
from carewatch.store.models import Original


@dataclass
class VerifyResult:
    """What ``verify`` found; ``ok`` when every original matched and the chain is intact."""

    checked: int = 0
    bad: list[tuple[str, str, str]] = field(default_factory=list)  # (sha256, state, source)
    chain: list[custody.ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bad and not self.chain


def verify_store(originals_dir: Path, *, actor: str,
                 on_progress: Callable[[str, str], None] | None = None) -> VerifyResult:
    """Re-hash all stored originals and check the custody chain."""
    result = VerifyResult(chain=custody.check_chain())
    for original in Original.objects.order_by("id").iterator(chunk_size=500):
        state = preserve.verify(originals_dir, original.sha256)
        result.checked += 1
        if state != "ok":
            first = original.reports.order_by("part").first()
            result.bad.append((original.sha256, state, first.source if first else ""))
        with transaction.atomic():
            action = "verified_ok" if state == "ok" else "verify_failed"
            custody.append(action, sha256=original.sha256, actor=actor, detail={"state": state})
        if on_progress is not None:
            on_progress(original.sha256, state)
    return result
