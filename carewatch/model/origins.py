"""The origin and outlet registries (``vocab/origins.yaml``, ``vocab/outlets.yaml``) and a
matcher that finds their names in uk/ru/en text whatever the grammatical case.

Used by the ``attribution`` stage. Matching compares pymorphy3 lemmas token by token, so
"Центру національного спротиву" and "Центра национального сопротивления" both find ``nrc``;
all-capital short names (ЦНС, NRC, AP) match only as written, so "ap" or "Ап" never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from carewatch.errors import ConfigError

_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*")
_CYRILLIC = re.compile(r"[а-яіїєґ]")


@dataclass(frozen=True)
class Entry:
    """One organisation, person or outlet with its names per language."""

    id: str
    kind: str
    description: str
    names: dict[str, tuple[str, ...]]
    org: str | None = None

    def display(self, language: str | None) -> str:
        """The name to show for this entry in a document written in ``language``."""
        for lang in (language or "en", "en", "uk", "ru"):
            if self.names.get(lang):
                return self.names[lang][0]
        return self.id


@dataclass(frozen=True)
class Found:
    """A registry name found in text: ``[start, end)`` offsets and the entry."""

    start: int
    end: int
    entry: Entry


@dataclass
class Matcher:
    """Longest-match lemma matcher over a list of entries."""

    entries: list[Entry]
    _index: dict[str, list[tuple[tuple[frozenset[str], ...], Entry]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for names in entry.names.values():
                for name in names:
                    toks = _TOKEN.findall(name)
                    exact = _is_acronym(name) or (len(toks) == 1 and name.isascii())
                    keys = tuple(_keys(t, exact=exact) for t in toks)
                    if keys:
                        for first in keys[0]:
                            self._index.setdefault(first, []).append((keys, entry))

    def find(self, text: str) -> list[Found]:
        """Registry names in ``text``, longest first, not overlapping."""
        tokens, token_keys = _tokens(text)
        first = self._index.keys()
        out: list[Found] = []
        i = 0
        while i < len(tokens):
            if first.isdisjoint(token_keys[i]):  # most words start no name: skip cheaply
                i += 1
                continue
            best = self._longest(token_keys, i)
            if best is None:
                i += 1
                continue
            n, entry = best
            out.append(Found(tokens[i][0], tokens[i + n - 1][1], entry))
            i += n
        return out

    def _longest(self, token_keys: list[frozenset[str]], i: int) -> tuple[int, Entry] | None:
        best: tuple[int, Entry] | None = None
        candidates = {id(c): c for k in token_keys[i] for c in self._index.get(k, [])}
        for keys, entry in candidates.values():
            n = len(keys)
            if i + n > len(token_keys) or (best and n <= best[0]):
                continue
            if all(keys[j] & token_keys[i + j] for j in range(n)):
                best = (n, entry)
        return best


@lru_cache(maxsize=4)  # origins and outlets scan the same text one after the other
def _tokens(text: str) -> tuple[list[tuple[int, int]], list[frozenset[str]]]:
    """Token spans of ``text`` and each token's keys (itself, lowercase form, lemmas)."""
    spans: list[tuple[int, int]] = []
    keys: list[frozenset[str]] = []
    for m in _TOKEN.finditer(text):
        spans.append(m.span())
        keys.append(_text_keys(m.group()))
    return spans, keys


@lru_cache(maxsize=200_000)
def _text_keys(token: str) -> frozenset[str]:
    return _keys(token) | {token}


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


@lru_cache(maxsize=1)
def analyzers() -> tuple[Any, Any]:
    """The pymorphy3 analyzers for Ukrainian and Russian, loaded once."""
    import pymorphy3  # imported lazily: loading the dictionaries takes about a second

    return pymorphy3.MorphAnalyzer(lang="uk"), pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def _keys(token: str, *, exact: bool = False) -> frozenset[str]:
    """Comparison keys of a token: itself if exact, else its lowercase form and lemmas."""
    if exact:
        return frozenset({token})
    low = token.lower().replace("’", "'").replace("ё", "е")
    if not _CYRILLIC.search(low):
        return frozenset({low})
    keys = {low}
    for morph in analyzers():
        for parse in morph.parse(low)[:2]:
            keys.add(parse.normal_form.replace("ё", "е"))
    return frozenset(keys)


def _load(name: str) -> list[Entry]:
    path = resources.files("carewatch.model") / "vocab" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read registry {name}: {exc}", code="CW110",
                          hint="reinstall carewatch or fix the YAML file") from exc
    return [Entry(str(d["id"]), str(d.get("kind", "")), str(d.get("description", "")),
                  {lang: tuple(str(n) for n in (names or [])) for lang, names in d["names"].items()},
                  d.get("org")) for d in data]


@lru_cache(maxsize=1)
def origins() -> Matcher:
    """Matcher over the origin registry (organisations and persons that make claims)."""
    return Matcher(_load("origins.yaml"))


@lru_cache(maxsize=1)
def outlets() -> Matcher:
    """Matcher over the outlet registry (media that relay claims)."""
    return Matcher(_load("outlets.yaml"))


def by_id(entry_id: str) -> Entry | None:
    """The origin entry with ``entry_id``, or None."""
    return next((e for e in origins().entries if e.id == entry_id), None)
