"""The master key: where it lives, how it is created, found, exported and wiped.

The master key never enters the database. It lives in ``CAREWATCH_MASTER_KEY_FILE`` (for
example on removable media) or in ``CAREWATCH_HOME/keys/master-v<N>.key`` (file 0600, folder
0700), made by ``carewatch keys init``. It only wraps per-record data keys (``vault``); each
wrapped key records the master version it was wrapped with, so rotation can run while old and
new versions both exist. Unwrapped keys are cached in this process until :func:`forget`.
"""

from __future__ import annotations

import base64
import os
import re
import stat
from pathlib import Path

from carewatch import config
from carewatch.errors import ConfigError
from carewatch.protection import crypto

HEADER = "carewatch-master"
_NAME = re.compile(r"^master-v(\d+)\.key$")
_cache: dict[tuple[str, int], bytes] = {}  # (keys folder, version) -> key


def keys_dir() -> Path:
    return config.load().keys_dir


def external_file() -> Path | None:
    value = os.environ.get("CAREWATCH_MASTER_KEY_FILE", "").strip()
    return Path(value).expanduser() if value else None


def _encode(version: int, key: bytes) -> str:
    return f"{HEADER} v{version} {base64.b64encode(key).decode()}\n"


def _decode(path: Path) -> tuple[int, bytes]:
    parts = path.read_text(encoding="ascii").split()
    if len(parts) != 3 or parts[0] != HEADER or not parts[1].startswith("v"):
        raise ConfigError(f"{path} is not a carewatch master key file", code="CW150",
                          hint="point CAREWATCH_MASTER_KEY_FILE at a file made by `carewatch keys init`")
    key = base64.b64decode(parts[2])
    if len(key) != crypto.KEY_BYTES:
        raise ConfigError(f"{path} holds a key of the wrong size", code="CW151", hint="restore the key file")
    return int(parts[1][1:]), key


def _write_private(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only, atomically (no window with looser mode)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def key_files() -> dict[int, Path]:
    """Every master key file present, by version (the external file included)."""
    found: dict[int, Path] = {}
    folder = keys_dir()
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                found[int(match.group(1))] = path
    ext = external_file()
    if ext is not None and ext.is_file():
        found[_decode(ext)[0]] = ext
    return found


def current_version() -> int:
    """The newest master key version present; raises when there is none."""
    files = key_files()
    if not files:
        raise ConfigError("no master key is installed", code="CW152",
                          hint="run `carewatch keys init`, or set CAREWATCH_MASTER_KEY_FILE")
    return max(files)


def master(version: int | None = None) -> tuple[int, bytes]:
    """The master key of ``version`` (default: current) as ``(version, key)``."""
    if locked():
        forget()
        raise ConfigError("carewatch is locked: local keys were wiped", code="CW155",
                          hint="install the exported master key, then run `carewatch keys unlock`")
    wanted = current_version() if version is None else version
    slot = (str(keys_dir()), wanted)
    if slot not in _cache:
        path = key_files().get(wanted)
        if path is None:
            raise ConfigError(f"master key version {wanted} is not installed", code="CW153",
                              hint="install the exported key file (CAREWATCH_MASTER_KEY_FILE) and retry")
        _cache[slot] = _decode(path)[1]
    return wanted, _cache[slot]


def init(*, exist_ok: bool = True) -> tuple[int, Path]:
    """Create master key version 1 unless one is installed already."""
    files = key_files()
    if files:
        if not exist_ok:
            raise ConfigError("a master key exists already", code="CW154", hint="use `carewatch keys rotate`")
        version = max(files)
        return version, files[version]
    return 1, add_version(1)


def add_version(version: int) -> Path:
    """Write a new random master key of ``version`` into the keys folder."""
    path = keys_dir() / f"master-v{version}.key"
    _write_private(path, _encode(version, crypto.new_key()))
    return path


def remove_version(version: int) -> None:
    path = keys_dir() / f"master-v{version}.key"
    _cache.pop((str(keys_dir()), version), None)
    if path.exists():
        _shred(path)


def export(target: Path) -> int:
    """Copy the current master key to ``target`` (0600) and note that it was exported."""
    version, key = master()
    _write_private(target, _encode(version, key))
    marker = keys_dir() / f"exported-v{version}"
    marker.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    marker.touch()
    return version


def lock_marker() -> Path:
    return keys_dir() / "LOCKED"


def locked() -> bool:
    return lock_marker().exists()


def unlock() -> None:
    if locked():
        lock_marker().unlink()


def exported(version: int) -> bool:
    return (keys_dir() / f"exported-v{version}").exists()


def forget() -> None:
    """Drop every unwrapped key held in this process's memory."""
    for slot in list(_cache):
        _cache[slot] = b"\x00" * crypto.KEY_BYTES
    _cache.clear()


def mode_ok(path: Path) -> bool:
    """True when only the owner can read ``path``."""
    return not (path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def _shred(path: Path) -> None:
    """Overwrite then unlink (best effort: SSDs and journals may keep copies; see docs)."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.write(os.urandom(size))
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


def shred(path: Path) -> None:
    _shred(path)
