"""``carewatch backup`` / ``restore``: one encrypted, integrity-checked archive of a store.

The archive (a tar sealed by ``sealed_stream``) holds the database — for SQLite a consistent
copy made with SQLite's online backup API, for PostgreSQL a lossless JSON Lines dump of every
table (``dbdump``, read back by ``loaddata``) — the preserved originals, and a manifest with
each member's SHA-256. The master key is never inside: restoring needs it (or, for a passphrase
backup, the passphrase plus the master key to read sealed personal data). Plaintext working
files live in a private temporary folder under ``CAREWATCH_HOME/tmp`` and are shredded
afterwards (and by ``carewatch lock``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from carewatch import config
from carewatch.errors import CarewatchError, IntegrityError
from carewatch.protection import keys, sealed_stream


@contextmanager
def private_tmp() -> Iterator[Path]:
    """A 0700 scratch folder under CAREWATCH_HOME/tmp, shredded on the way out."""
    base = config.load().home / "tmp"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=base))
    try:
        yield folder
    finally:
        wipe_tree(folder)


def wipe_tree(folder: Path) -> int:
    """Shred every file under ``folder`` and remove it; returns how many files."""
    count = 0
    if not folder.exists():
        return 0
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o600)
            keys.shred(path)
            count += 1
    shutil.rmtree(folder, ignore_errors=True)
    return count


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _dump_database(cfg: config.Settings, work: Path) -> Path:
    if not cfg.is_postgres:
        target = work / "carewatch.sqlite3"
        with sqlite3.connect(cfg.sqlite_path) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target
    from carewatch.protection import dbdump

    target = work / dbdump.DUMP_NAME
    dbdump.dump(target)
    return target


def create(output: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Write the encrypted archive to ``output``; returns its manifest."""
    from carewatch.store import db

    db.setup(migrate=True)
    cfg = config.load()
    version, master = (None, None) if passphrase else keys.master()
    header = sealed_stream.new_header(passphrase=bool(passphrase), master_version=version)
    key = sealed_stream.derive(header, master=master, passphrase=passphrase)
    with private_tmp() as work:
        database = _dump_database(cfg, work)
        members = {f"db/{database.name}": database}
        if cfg.originals_dir.is_dir():
            for path in sorted(cfg.originals_dir.rglob("*")):
                if path.is_file() and "incoming" not in path.parts:
                    members[f"originals/{path.relative_to(cfg.originals_dir).as_posix()}"] = path
        manifest = {"created": datetime.now(UTC).isoformat(), "backend": "postgresql" if cfg.is_postgres
                    else "sqlite", "files": {name: _file_hash(p) for name, p in members.items()}}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        tar_path = work / "archive.tar"
        with tarfile.open(tar_path, "w") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            for name, path in members.items():
                tar.add(path, arcname=name)
        output.parent.mkdir(parents=True, exist_ok=True)
        sealed_stream.write(tar_path, output, header, key)
    return manifest


def _decrypt_to(archive: Path, target: Path, passphrase: str | None) -> None:
    with archive.open("rb") as fh:
        header, digest = sealed_stream.read_header(fh)
        master = None
        if header["kdf"] == "master":
            master = keys.master(int(header["master_version"]))[1]
        key = sealed_stream.derive(header, master=master, passphrase=passphrase)
        with target.open("wb") as out:
            for chunk in sealed_stream.chunks(fh, digest, key):
                out.write(chunk)


def _check_empty(cfg: config.Settings) -> None:
    used = cfg.originals_dir.is_dir() and any(cfg.originals_dir.iterdir())
    if not used and cfg.is_postgres:
        from carewatch.protection import dbdump
        from carewatch.store import db

        db.setup(migrate=True)  # creates the tables of a brand-new database; data stays untouched
        used = dbdump.has_rows()
    if used or (not cfg.is_postgres and cfg.sqlite_path.exists()):
        raise CarewatchError(f"{cfg.home} is not empty", code="CW625",
                             hint="restore into a new, empty CAREWATCH_HOME")


def restore(archive: Path, *, passphrase: str | None = None) -> dict[str, Any]:
    """Bring an archive back into an empty CAREWATCH_HOME; every file's hash is checked."""
    cfg = config.load()
    _check_empty(cfg)
    cfg.home.mkdir(parents=True, exist_ok=True)
    with private_tmp() as work:
        tar_path = work / "archive.tar"
        _decrypt_to(archive, tar_path, passphrase)
        with tarfile.open(tar_path, "r") as tar:
            tar.extractall(work / "x", filter="data")
        manifest: dict[str, Any] = json.loads((work / "x" / "manifest.json").read_text(encoding="utf-8"))
        for name, digest in manifest["files"].items():
            if _file_hash(work / "x" / name) != digest:
                raise IntegrityError(f"{name} in the backup does not match its hash", code="CW626",
                                     hint="use another copy of the backup")
        _restore_database(cfg, work / "x" / "db", manifest["backend"])
        if (work / "x" / "originals").is_dir():
            shutil.copytree(work / "x" / "originals", cfg.originals_dir, dirs_exist_ok=True)
    return manifest


def _restore_database(cfg: config.Settings, folder: Path, backend: str) -> None:
    from carewatch.store import db

    if backend == "sqlite" and not cfg.is_postgres:
        shutil.copyfile(folder / "carewatch.sqlite3", cfg.sqlite_path)
        db.setup(migrate=True)
        return
    if backend == "sqlite":  # moving to PostgreSQL: dump the copy first
        raise CarewatchError("a SQLite backup restores into SQLite only", code="CW627",
                             hint="unset CAREWATCH_DATABASE_URL, restore, then migrate with dumpdata/loaddata")
    db.setup(migrate=True)
    from carewatch.protection import dbdump

    dumps = sorted(folder.glob("dump.json*"))  # dump.jsonl; dump.json from older versions
    if not dumps:
        raise IntegrityError("the backup holds no database dump", code="CW626", hint="use another copy of the backup")
    dbdump.load(dumps[0])
