"""Find cue concepts in tokenised sentences: the core of the rule stages.

A :class:`Lexicon` compiles cue lines from the vocabulary YAML once. Each distinct cue word
becomes a *unit*; a token's units are computed once per distinct (form, lemmas) key and cached,
so matching a sentence is a few dictionary look-ups per token.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from carewatch.pipeline.rules.lemmas import Token

Span = tuple[int, int]
_CACHE_LIMIT = 500_000


def parse_cues(lines: Iterable[str]) -> list[tuple[str, ...]]:
    """Cue lines to cues: spaces separate cues, ``_`` joins the words of one cue."""
    cues = []
    for line in lines:
        for cue in line.split():
            words = tuple(w for w in cue.lower().replace("’", "'").split("_") if w)
            if words:
                cues.append(words)
    return cues


class Lexicon:
    """Named concepts, each a set of cues, matched against tokens."""

    def __init__(self, concepts: Mapping[str, Iterable[str]]) -> None:
        self._unit_ids: dict[str, int] = {}
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._prefix: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._starts: dict[int, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
        self._cache: dict[tuple[str, ...], frozenset[int]] = {}
        self.names = tuple(concepts)
        for name, lines in concepts.items():
            for cue in parse_cues(lines):
                units = tuple(self._unit(w) for w in cue)
                self._starts[units[0]].append((name, units))

    def _unit(self, word: str) -> int:
        if word in self._unit_ids:
            return self._unit_ids[word]
        uid = len(self._unit_ids)
        self._unit_ids[word] = uid
        if word.endswith("*") and len(word) > 1:
            stem = word[:-1]
            self._prefix[stem[:2]].append((stem, uid))
        else:
            self._exact[word].append(uid)
        return uid

    def units(self, keys: tuple[str, ...]) -> frozenset[int]:
        """Cue-word units that a token with these keys matches (cached)."""
        hit = self._cache.get(keys)
        if hit is not None:
            return hit
        found: set[int] = set()
        for key in keys:
            found.update(self._exact.get(key, ()))
            for stem, uid in self._prefix.get(key[:2], ()):
                if key.startswith(stem):
                    found.add(uid)
        hit = frozenset(found)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[keys] = hit
        return hit

    def find(self, tokens: list[Token]) -> dict[str, list[Span]]:
        """Concept name -> spans (token offsets) of its cues in ``tokens``."""
        per_token = [self.units(t.keys) for t in tokens]
        n_tok = len(tokens)
        out: dict[str, list[Span]] = defaultdict(list)
        for i, units in enumerate(per_token):
            nxt = per_token[i + 1] if i + 1 < n_tok else frozenset()
            for uid in units:
                for name, cue in self._starts.get(uid, ()):
                    end = i + len(cue)
                    # the second word first: most multi-word cues ("не_...") fail there, cheaply
                    if end == i + 1 or (end <= n_tok and cue[1] in nxt
                                        and all(cue[j] in per_token[i + j] for j in range(2, len(cue)))):
                        out[name].append((tokens[i].start, tokens[end - 1].end))
        return dict(out)
