"""Preservation: keep every input's exact bytes once, addressed by their SHA-256.

First step of intake, before any decoding (Berkeley Protocol: authenticity and persistence).
Files live at ``<home>/originals/ab/cd/<sha256>``; they are written atomically (temporary file
in the same directory, fsync, rename), made read-only, and never modified afterwards.
``verify`` re-hashes a stored original so tampering or loss is detected later.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

CHUNK = 1024 * 1024
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH

VerifyState = Literal["ok", "changed", "missing"]


@dataclass(frozen=True)
class Preserved:
    """Where an input's bytes were kept, and whether they were already there."""

    sha256: str
    size: int
    path: Path
    existed: bool


def sha256_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def sha256_file(path: Path) -> str:
    """Hash a file in chunks, so a huge input never sits in memory whole."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def original_path(originals_dir: Path, sha256: str) -> Path:
    """Content address of ``sha256`` (two levels of fan-out keep directories small)."""
    return originals_dir / sha256[:2] / sha256[2:4] / sha256


def preserve_bytes(raw: bytes, originals_dir: Path) -> Preserved:
    """Store ``raw`` under its hash unless an identical copy is already there."""
    sha = sha256_bytes(raw)
    target = original_path(originals_dir, sha)
    if target.exists():
        return Preserved(sha, len(raw), target, True)
    _atomic_write(target, [raw])
    return Preserved(sha, len(raw), target, False)


def preserve_file(source: Path, originals_dir: Path) -> Preserved:
    """Store the file at ``source`` by streaming it (hash and copy in one pass)."""
    target_dir = originals_dir / "incoming"
    target_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target_dir, prefix=".part-")
    tmp = Path(tmp_name)
    try:
        size = 0
        with os.fdopen(fd, "wb") as out, source.open("rb") as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        target = original_path(originals_dir, sha)
        if target.exists():
            return Preserved(sha, size, target, True)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, READ_ONLY)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return Preserved(sha, size, target, False)
    finally:
        tmp.unlink(missing_ok=True)


def read_original(originals_dir: Path, sha256: str) -> bytes:
    """The preserved bytes of ``sha256`` (raises FileNotFoundError when they vanished)."""
    return original_path(originals_dir, sha256).read_bytes()


def verify(originals_dir: Path, sha256: str) -> VerifyState:
    """Re-hash one stored original: ``ok``, ``changed`` or ``missing``."""
    path = original_path(originals_dir, sha256)
    try:
        actual = sha256_file(path)
    except FileNotFoundError:
        return "missing"
    return "ok" if actual == sha256 else "changed"


def _atomic_write(target: Path, chunks: list[bytes]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, READ_ONLY)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (a crash right after must not lose the entry)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
