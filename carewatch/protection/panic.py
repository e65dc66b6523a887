"""``carewatch lock``: the panic procedure for a device about to be seized or lost.

In order: mark the store locked (every process, the web server included, refuses to unwrap
keys from then on and drops the keys it holds), sign every user out, shred decrypted working
files under ``CAREWATCH_HOME/tmp``, and shred the master key files in ``CAREWATCH_HOME/keys``.
The last step only runs when each key version was exported first (``carewatch keys export``)
or with ``force``; otherwise the data would be lost for good, not merely unreadable here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from carewatch import config
from carewatch.errors import CarewatchError
from carewatch.protection import backup, keys, vault


@dataclass
class LockResult:
    """What the lock did, for the CLI to print."""

    removed_keys: list[int] = field(default_factory=list)
    wiped_files: int = 0
    sessions_ended: int = 0


def lock(*, force: bool = False, actor: str = "") -> LockResult:
    """Run the panic procedure; raises CW630 before changing anything if keys are unexported."""
    cfg = config.load()
    local = {v: p for v, p in keys.key_files().items() if p.parent == cfg.keys_dir}
    missing = [v for v in local if not keys.exported(v)]
    if missing and not force:
        raise CarewatchError(f"master key version(s) {missing} were never exported", code="CW630",
                             hint="run `carewatch keys export -o FILE` to safe media first, or pass --force")
    _audit(actor or cfg.operator)
    result = LockResult()
    cfg.keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    keys.lock_marker().touch()
    vault.forget()
    result.sessions_ended = _end_sessions()
    result.wiped_files = backup.wipe_tree(cfg.home / "tmp")
    for version in sorted(local):
        keys.remove_version(version)
        result.removed_keys.append(version)
    return result


def _audit(actor: str) -> None:
    try:
        from carewatch.review import audit

        audit.record(actor=actor, action="keys.lock", target="master-key")
    except Exception:  # noqa: S110 - a broken database must never stop the panic procedure
        pass


def _end_sessions() -> int:
    try:
        from carewatch.store import db

        db.setup()
        from django.contrib.sessions.models import Session

        deleted, _ = Session.objects.all().delete()
        return int(deleted)
    except Exception:
        return 0
