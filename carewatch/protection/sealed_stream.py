"""Chunked AES-GCM file format for backups: authenticated, truncation- and reorder-proof.

Layout: a magic line, a JSON header line (how the key is derived, chunk size), then chunks of
``4-byte length + sealed bytes``. Each chunk's associated data is the header's hash, the chunk
number and a last-chunk flag, so reordering, dropping, truncating or editing anything fails.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from io import BufferedReader
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from carewatch.errors import IntegrityError
from carewatch.protection import crypto

MAGIC = b"CAREWATCH-BACKUP-1\n"
CHUNK = 1024 * 1024
SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def derive(header: dict[str, Any], *, master: bytes | None, passphrase: str | None) -> bytes:
    """The archive key: HKDF of the master key, or scrypt of a passphrase."""
    salt = base64.b64decode(header["salt"])
    if header["kdf"] == "scrypt":
        if not passphrase:
            raise IntegrityError("this backup is protected by a passphrase", code="CW620",
                                 hint="pass --passphrase-stdin")
        return Scrypt(salt=salt, length=32, n=header["n"], r=header["r"], p=header["p"]).derive(
            passphrase.encode("utf-8"))
    if master is None:
        raise IntegrityError("this backup needs the master key", code="CW621",
                             hint=f"install master key version {header.get('master_version')}")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"carewatch backup v1").derive(master)


def new_header(*, passphrase: bool, master_version: int | None) -> dict[str, Any]:
    header: dict[str, Any] = {"kdf": "scrypt" if passphrase else "master", "chunk": CHUNK,
                              "salt": base64.b64encode(os.urandom(16)).decode()}
    if passphrase:
        header.update(SCRYPT)
    else:
        header["master_version"] = master_version
    return header


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + struct.pack(">Q?", index, last)


def write(source: Path, target: Path, header: dict[str, Any], key: bytes) -> None:
    """Encrypt file ``source`` into ``target`` (created 0600)."""
    line = json.dumps(header, sort_keys=True).encode() + b"\n"
    digest = hashlib.sha256(MAGIC + line).digest()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        out.write(MAGIC + line)
        index, chunk = 0, src.read(CHUNK)
        while True:
            following = src.read(CHUNK)
            sealed = crypto.seal(key, chunk, _aad(digest, index, not following))
            out.write(struct.pack(">I", len(sealed)) + sealed)
            if not following:
                break
            index, chunk = index + 1, following
        out.flush()
        os.fsync(out.fileno())


def read_header(fh: BufferedReader) -> tuple[dict[str, Any], bytes]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise IntegrityError("not a carewatch backup", code="CW622", hint="check the file name")
    line = fh.readline(4096)
    try:
        header: dict[str, Any] = json.loads(line)
    except ValueError as exc:
        raise IntegrityError("the backup header is damaged", code="CW623", hint="use another copy") from exc
    return header, hashlib.sha256(MAGIC + line).digest()


def chunks(fh: BufferedReader, digest: bytes, key: bytes) -> Iterator[bytes]:
    """Decrypted chunks in order; raises when anything was changed, dropped or cut off."""
    index = 0
    while True:
        size_raw = fh.read(4)
        if len(size_raw) < 4:
            raise IntegrityError("the backup is truncated", code="CW624", hint="use another copy")
        blob = fh.read(struct.unpack(">I", size_raw)[0])
        last = fh.peek(1)[:1] == b""
        yield crypto.open_sealed(key, blob, _aad(digest, index, last))
        if last:
            return
        index += 1
