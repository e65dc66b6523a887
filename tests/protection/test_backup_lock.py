"""Encrypted backup round trip through the real CLI, tamper detection, and the panic lock."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import NAME, PHONE, PROBE, SAMPLE, clean_env

pytestmark = pytest.mark.slow  # real CLI subprocesses: about a minute in all


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One store with reports, a testimony and an exported key; tests work on copies."""
    base = tmp_path_factory.mktemp("seeded")

    def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", PROBE, *args], env=clean_env(home), text=True,
                              capture_output=True, timeout=300, check=False)

    key = _seed(run, base / "home", base)
    return base / "home", key


@pytest.fixture
def copy(seeded: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    home, key = seeded
    shutil.copytree(home, tmp_path / "home", symlinks=True)
    shutil.copyfile(key, tmp_path / "master.key")
    return tmp_path / "home", tmp_path / "master.key"


def _seed(pcli: Any, home: Path, tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "uk.txt").write_text("У Мелітополі лікарня відмовила хворій жінці в інсуліні без "
                                   "російського паспорта.\n", encoding="utf-8")
    (corpus / "ru.txt").write_bytes("В Херсоне больному ВИЧ предложили лекарства в обмен на контракт.\n"
                                    .encode("cp1251"))
    (tmp_path / "t.json").write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")
    assert pcli("keys", "init", home=home).returncode == 0
    assert pcli("ingest", str(corpus), home=home).returncode == 0
    added = pcli("testimony", "add", str(tmp_path / "t.json"), home=home)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip().isdigit()
    key = tmp_path / "usb" / "master.key"
    key.parent.mkdir()
    assert pcli("keys", "export", "-o", str(key), home=home).returncode == 0
    return key


def test_backup_round_trip_and_tamper(pcli: Any, tmp_path: Path, copy: tuple[Path, Path]) -> None:
    (home, key), fresh, archive = copy, tmp_path / "fresh", tmp_path / "cw.backup"
    made = pcli("backup", "-o", str(archive), home=home)
    assert made.returncode == 0, made.stderr
    raw = archive.read_bytes()
    assert NAME.encode() not in raw and b"SQLite format" not in raw and "Мелітопол".encode() not in raw
    assert archive.stat().st_mode & 0o077 == 0
    assert pcli("restore", str(archive), home=home).returncode == 1  # never over a live store

    with_key = {"CAREWATCH_MASTER_KEY_FILE": str(key)}
    restored = pcli("restore", str(archive), home=fresh, extra=with_key)
    assert restored.returncode == 0, restored.stderr
    verified = pcli("verify", home=fresh, extra=with_key)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert pcli("audit", "verify", home=fresh, extra=with_key).returncode == 0
    shown = pcli("testimony", "show", "1", home=fresh, extra=with_key)
    assert shown.returncode == 0 and json.loads(shown.stdout)["persons"][0]["phone"] == PHONE

    broken = bytearray(raw)
    broken[len(broken) // 2] ^= 0x01
    (tmp_path / "bad.backup").write_bytes(bytes(broken))
    failed = pcli("restore", str(tmp_path / "bad.backup"), home=tmp_path / "other", extra=with_key)
    assert failed.returncode == 1 and "CW511" in failed.stderr


def test_passphrase_backup(pcli: Any, tmp_path: Path, copy: tuple[Path, Path]) -> None:
    (home, key), archive = copy, tmp_path / "p.backup"
    phrase = "коректний кінь батарейка скоба\n"
    assert pcli("backup", "-o", str(archive), "--passphrase-stdin", home=home, stdin=phrase).returncode == 0
    extra = {"CAREWATCH_MASTER_KEY_FILE": str(key)}
    wrong = pcli("restore", str(archive), "--passphrase-stdin", home=tmp_path / "a", stdin="wrong passphrase!\n",
                 extra=extra)
    assert wrong.returncode == 1
    ok = pcli("restore", str(archive), "--passphrase-stdin", home=tmp_path / "b", stdin=phrase, extra=extra)
    assert ok.returncode == 0, ok.stderr


def test_lock_refuses_unexported_then_wipes(pcli: Any, tmp_path: Path, copy: tuple[Path, Path]) -> None:
    home = copy[0]
    for marker in (home / "keys").glob("exported-v*"):
        marker.unlink()  # as if the key had never been exported
    scratch = home / "tmp" / "work"
    scratch.mkdir(parents=True)
    (scratch / "decrypted.txt").write_text(NAME, encoding="utf-8")

    refused = pcli("lock", home=home)
    assert refused.returncode == 1 and "CW630" in refused.stderr
    assert list((home / "keys").glob("master-v*.key"))
    key = tmp_path / "usb.key"
    assert pcli("keys", "export", "-o", str(key), home=home).returncode == 0
    locked = pcli("lock", home=home)
    assert locked.returncode == 0, locked.stderr
    assert not list((home / "keys").glob("master-v*.key")) and not scratch.exists()
    assert pcli("testimony", "show", "1", home=home).returncode == 1

    extra = {"CAREWATCH_MASTER_KEY_FILE": str(key)}
    assert pcli("testimony", "show", "1", home=home, extra=extra).returncode == 1  # still locked
    assert pcli("keys", "unlock", home=home, extra=extra).returncode == 0
    shown = pcli("testimony", "show", "1", home=home, extra=extra)
    assert shown.returncode == 0 and NAME in shown.stdout
