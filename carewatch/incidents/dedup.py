"""Group near-duplicate reports (reprints, syndicated copies) with MinHash LSH.

The LSH index gives candidate pairs in sub-linear time; each candidate is confirmed with the
signature's Jaccard estimate, and groups are the connected components (union-find).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from carewatch.incidents.fingerprint import NUM_PERM

DEFAULT_THRESHOLD = 0.6


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())


class NearDuplicateIndex:
    """Incremental near-duplicate grouping; ``add`` returns the keys it duplicates."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[Hashable, LeanMinHash] = {}
        self.uf = UnionFind()

    def add(self, key: Hashable, sig: LeanMinHash) -> list[Hashable]:
        dups = [k for k in self.lsh.query(sig) if self.sigs[k].jaccard(sig) >= self.threshold]
        self.lsh.insert(key, sig)
        self.sigs[key] = sig
        self.uf.find(key)
        for k in dups:
            self.uf.union(k, key)
        return dups

    def add_many(self, items: Iterable[tuple[Hashable, LeanMinHash]]) -> None:
        for key, sig in items:
            self.add(key, sig)

    def group_of(self, key: Hashable) -> Hashable:
        return self.uf.find(key)

    def groups(self) -> list[list[Hashable]]:
        return self.uf.groups()


def exact_pairs(items: list[tuple[Hashable, LeanMinHash]], threshold: float) -> set[frozenset[Hashable]]:
    """Baseline: compare every pair (quadratic, vectorised per row) — what LSH is measured against."""
    out: set[frozenset[Hashable]] = set()
    if not items:
        return out
    keys = [k for k, _ in items]
    matrix = np.stack([np.asarray(s.hashvalues) for _, s in items])
    for i in range(len(items) - 1):
        similar = (matrix[i + 1:] == matrix[i]).mean(axis=1) >= threshold
        out.update(frozenset((keys[i], keys[i + 1 + j])) for j in np.flatnonzero(similar))
    return out
