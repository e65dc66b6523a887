"""A lossless JSON Lines dump of a PostgreSQL store, for ``carewatch backup`` and ``restore``.

Django's ``dumpdata`` writes datetimes at millisecond precision, but the custody and audit
chains hash their timestamps to the microsecond, so a restored chain would no longer verify.
This module writes the same fixture format (``loaddata`` reads it back, keeps every primary key
and resets the sequences) with an encoder that keeps microseconds. Foreign keys to permissions
and content types are written by natural key, because those rows are re-created by ``migrate``
with ids that need not match the source database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

EXCLUDE = ("contenttypes", "auth.permission", "sessions", "admin.logentry")
DUMP_NAME = "dump.jsonl"


class PreciseEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without the millisecond truncation of datetimes and times."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _excluded(model: Any) -> bool:
    meta = model._meta
    return meta.app_label in EXCLUDE or meta.label_lower in EXCLUDE


def dumped_models() -> list[Any]:
    """Every concrete, managed model that a backup carries, parents before children."""
    from django.apps import apps
    from django.core import serializers

    wanted = [(cfg, [m for m in cfg.get_models() if not _excluded(m)]) for cfg in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(wanted, allow_cycles=True)
    return [m for m in ordered if m._meta.managed and not m._meta.proxy]


def dump(target: Path) -> int:
    """Write every carried row to ``target`` (JSON Lines); returns how many rows."""
    from django.core import serializers
    from django.db import connection, transaction

    count, outermost = 0, not connection.in_atomic_block
    with transaction.atomic(), target.open("w", encoding="utf-8") as fh:
        if outermost and connection.vendor == "postgresql":  # every table from one snapshot
            with connection.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in dumped_models():
            rows = model._default_manager.order_by(model._meta.pk.name)
            count += rows.count()
            serializers.serialize("jsonl", rows.iterator(chunk_size=2000), stream=fh, cls=PreciseEncoder,
                                  ensure_ascii=True, use_natural_foreign_keys=True)
    return count


def load(path: Path) -> None:
    """Load a dump (``dump.jsonl`` or an older ``dump.json``) into the current database."""
    from django.core.management import call_command

    call_command("loaddata", str(path), verbosity=0)


def has_rows() -> bool:
    """Whether the current database already holds rows a restore would overwrite or mix with."""
    return any(model._default_manager.exists() for model in dumped_models())
