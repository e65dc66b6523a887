"""Pairwise precision/recall/F1 of a clustering against gold event labels."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import combinations


def pairs(groups: Iterable[Iterable[Hashable]]) -> set[frozenset[Hashable]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(g, key=str), 2)}


def pairwise_f1(predicted: Iterable[Iterable[Hashable]], gold: Iterable[Iterable[Hashable]]) -> float:
    p, g = pairs(predicted), pairs(gold)
    if not p and not g:
        return 1.0
    tp = len(p & g)
    precision = tp / len(p) if p else 0.0
    recall = tp / len(g) if g else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
