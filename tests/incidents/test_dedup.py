"""MinHash near-duplicate grouping against the exact pairwise baseline."""

import random

from carewatch.incidents import fingerprint
from carewatch.incidents.dedup import NearDuplicateIndex, exact_pairs

BASE = ("Окупаційна влада у Мелітополі відмовляє в медичній допомозі людям без російського паспорта. "
        "У лікарнях вимагають поліс ОМС, а без нього не приймають навіть хворих на цукровий діабет. ")


def variants() -> list[str]:
    rng = random.Random(7)
    words = BASE.split()
    out = [BASE * 3]
    for _ in range(4):  # reprints: a few words changed, boilerplate added
        w = list(words * 3)
        for _ in range(3):
            w[rng.randrange(len(w))] = "змінено"
        out.append("Новини регіону. " + " ".join(w) + " Підписуйтесь на канал.")
    out.append("Central bank keeps the key rate at 13 percent, citing inflation expectations. " * 3)
    out.append("Ukraine's parliament passed a law on mobilisation of its own citizens today. " * 3)
    return out


def test_reprints_group_and_unrelated_stay_apart() -> None:
    texts = variants()
    index = NearDuplicateIndex(0.6)
    for i, sig in enumerate(fingerprint.signatures(texts)):
        index.add(i, sig)
    groups = sorted(sorted(g) for g in index.groups())
    assert [0, 1, 2, 3, 4] in groups
    assert [5] in groups and [6] in groups


def test_lsh_finds_what_exact_comparison_finds() -> None:
    texts = variants()
    sigs = list(enumerate(fingerprint.signatures(texts)))
    exact = exact_pairs(sigs, 0.6)
    index = NearDuplicateIndex(0.6)
    found: set[frozenset[int]] = set()
    for key, sig in sigs:
        found |= {frozenset((key, d)) for d in index.add(key, sig)}
    assert exact and exact <= found | exact and found <= exact


def test_signature_round_trips_through_bytes() -> None:
    sig = fingerprint.signature(BASE)
    again = fingerprint.from_bytes(fingerprint.to_bytes(sig))
    assert again.jaccard(sig) == 1.0
    assert fingerprint.signature("").jaccard(fingerprint.signature("")) == 1.0
