"""MinHash signatures of report texts, for near-duplicate detection (datasketch).

Signatures are computed once per report and stored as bytes, so an LSH index can be rebuilt
at start without re-reading texts (the datasketch index itself lives only in memory).
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash

NUM_PERM = 128
_PROBE = MinHash(num_perm=1)
SCHEME = _PROBE.scheme  # stored values only mean something under the scheme that made them
DTYPE = _PROBE.hashvalues.dtype
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word ``size``-grams of the case-folded text, as UTF-8 bytes."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> LeanMinHash:
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch(shingles(text))
    return LeanMinHash(mh)


def signatures(texts: list[str]) -> list[LeanMinHash]:
    """Many signatures at once (MinHash.bulk shares the permutation setup)."""
    batch = [list(shingles(t)) for t in texts]
    return [LeanMinHash(m) for m in MinHash.bulk(batch, num_perm=NUM_PERM)]


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype=DTYPE).tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(data, dtype=DTYPE), scheme=SCHEME)
