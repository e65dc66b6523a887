"""AES-GCM primitives behind field encryption, key wrapping and encrypted backups.

Pure functions over bytes (no Django): ``keys`` wraps data keys with the master key,
``vault`` seals personal-data fields with data keys, ``backup`` seals archives. Every sealed
value carries a format byte and its own random nonce; the associated data binds a ciphertext to
its purpose (column, key wrap, backup) so one cannot be swapped in for another.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from carewatch.errors import IntegrityError

FORMAT = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt and authenticate ``plaintext``; the result is format byte, nonce, ciphertext."""
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Decrypt a value made by :func:`seal`; a wrong key or any changed byte raises."""
    if not blob or blob[:1] != FORMAT or len(blob) < 1 + NONCE_BYTES + 16:
        raise IntegrityError("an encrypted value is malformed", code="CW510",
                             hint="the stored value was damaged; restore it from a backup")
    nonce, body = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
    try:
        return AESGCM(key).decrypt(nonce, body, aad)
    except InvalidTag as exc:
        raise IntegrityError("an encrypted value does not match its key or was changed", code="CW511",
                             hint="check that the right master key is installed (`carewatch keys status`)") from exc


def seal_text(key: bytes, text: str | None, aad: str) -> bytes | None:
    """Seal a text field; None and "" stay None so empty fields cost nothing."""
    if not text:
        return None
    return seal(key, text.encode("utf-8"), aad.encode("utf-8"))


def open_text(key: bytes, blob: bytes | memoryview | None, aad: str) -> str:
    if blob is None:
        return ""
    return open_sealed(key, bytes(blob), aad.encode("utf-8")).decode("utf-8")
