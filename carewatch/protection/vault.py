"""Per-record data keys: create, unwrap, and re-wrap under a new master key (rotation).

Sits between ``keys`` (the master key, outside the database) and the protectdb models. Each
testimony gets its own AES-256 data key; the database keeps it only wrapped by the master key,
with the master version it used. Rotation adds master version N+1, re-wraps every data key in
small transactions (old and new versions both readable meanwhile, so no downtime), then
removes the old master key files once no data key refers to them.
"""

from __future__ import annotations

from collections.abc import Callable

from carewatch.protection import crypto, keys

WRAP_AAD = b"carewatch:datakey:v1"
_plain: dict[int, bytes] = {}


def new_data_key() -> tuple[object, bytes]:
    """A fresh data key, saved wrapped; returns ``(DataKey row, plaintext key)``."""
    from carewatch.store.protectdb.models import DataKey

    version, master = keys.master()
    plain = crypto.new_key()
    row = DataKey.objects.create(master_version=version, wrapped=crypto.seal(master, plain, WRAP_AAD))
    _plain[int(row.pk)] = plain
    return row, plain


def unwrap(data_key_id: int) -> bytes:
    """The plaintext data key of row ``data_key_id`` (cached until :func:`forget` or a lock)."""
    if keys.locked():
        forget()
        keys.master()  # raises the "locked" error
    if data_key_id not in _plain:
        from carewatch.store.protectdb.models import DataKey

        row = DataKey.objects.get(pk=data_key_id)
        _, master = keys.master(row.master_version)
        _plain[data_key_id] = crypto.open_sealed(master, bytes(row.wrapped), WRAP_AAD)
    return _plain[data_key_id]


def forget() -> None:
    """Drop unwrapped data keys and master keys from this process's memory."""
    _plain.clear()
    keys.forget()


def rotate(*, batch: int = 200, on_progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Re-wrap every data key under a new master version; returns ``(version, re-wrapped)``.

    Safe to interrupt: rows record their own version, and running rotate again finishes the
    job (any version still referenced keeps its key file until nothing needs it).
    """
    from django.db import transaction

    from carewatch.store.protectdb.models import DataKey

    old_versions = set(keys.key_files())
    new_version = max(old_versions) + 1 if old_versions else 1
    keys.add_version(new_version)
    _, new_master = keys.master(new_version)
    done = 0
    while True:
        with transaction.atomic():
            rows = list(DataKey.objects.select_for_update().exclude(master_version=new_version)
                        .order_by("id")[:batch])
            for row in rows:
                _, old = keys.master(row.master_version)
                plain = crypto.open_sealed(old, bytes(row.wrapped), WRAP_AAD)
                row.wrapped = crypto.seal(new_master, plain, WRAP_AAD)
                row.master_version = new_version
                row.save(update_fields=["wrapped", "master_version"])
        done += len(rows)
        if on_progress is not None:
            on_progress(done)
        if len(rows) < batch:
            break
    _retire(old_versions)
    return new_version, done


def _retire(versions: set[int]) -> None:
    from carewatch.store.protectdb.models import DataKey

    external = keys.external_file()
    for version in versions:
        path = keys.key_files().get(version)
        if path is None or DataKey.objects.filter(master_version=version).exists():
            continue
        if external is not None and path == external:
            continue  # never delete a file the operator manages outside CAREWATCH_HOME
        keys.remove_version(version)
