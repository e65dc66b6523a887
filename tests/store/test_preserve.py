"""Preservation: content addressing, read-only atomic storage, re-hash verification."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from carewatch.intake import preserve


def test_bytes_are_stored_once_under_their_hash(tmp_path: Path) -> None:
    raw = "Лікарня в Мелітополі: лише з паспортом РФ.\x00\xff".encode("utf-8", "surrogatepass")
    first = preserve.preserve_bytes(raw, tmp_path)
    sha = hashlib.sha256(raw).hexdigest()
    assert first.sha256 == sha and not first.existed
    assert first.path == tmp_path / sha[:2] / sha[2:4] / sha
    assert first.path.read_bytes() == raw
    assert not first.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    again = preserve.preserve_bytes(raw, tmp_path)
    assert again.existed and again.path == first.path
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [sha]


def test_streamed_copy_matches_in_memory_hash(tmp_path: Path) -> None:
    source = tmp_path / "big input.bin"
    source.write_bytes(os.urandom(3 * preserve.CHUNK + 17))
    kept = preserve.preserve_file(source, tmp_path / "originals")
    assert kept.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert kept.size == source.stat().st_size
    assert kept.path.read_bytes() == source.read_bytes()
    assert preserve.preserve_file(source, tmp_path / "originals").existed
    leftovers = [p for p in (tmp_path / "originals" / "incoming").iterdir()]
    assert leftovers == []


def test_verify_detects_change_and_loss(tmp_path: Path) -> None:
    a = preserve.preserve_bytes(b"report A", tmp_path)
    b = preserve.preserve_bytes("звіт Б".encode(), tmp_path)
    assert preserve.verify(tmp_path, a.sha256) == "ok"
    a.path.chmod(0o644)
    data = bytearray(a.path.read_bytes())
    data[0] ^= 1
    a.path.write_bytes(bytes(data))
    b.path.unlink()
    assert preserve.verify(tmp_path, a.sha256) == "changed"
    assert preserve.verify(tmp_path, b.sha256) == "missing"


def test_empty_input_is_preserved_too(tmp_path: Path) -> None:
    kept = preserve.preserve_bytes(b"", tmp_path)
    assert kept.size == 0
    assert preserve.read_original(tmp_path, kept.sha256) == b""
