"""Normalised keys and token n-gram lookup: how written text meets the gazetteer's surface forms.

The build script stores every inflected form under ``norm(form)``; at run time the text is split
into word tokens and n-grams of them are looked up in that dict, so no morphology runs per token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "′": "'", "‘": "'", "ё": "е", "Ё": "е",
                              "\u00ad": None})
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`‘-][^\W\d_]+)*")
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Lookup key: NFC, casefolded, one kind of apostrophe, ё as е, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return _SPACE.sub(" ", text).strip()


class Token(NamedTuple):
    start: int
    end: int
    key: str
    upper: bool  # first letter is a capital


def _key(word: str) -> str:
    """``norm`` for one word, without the whole-text work (a token has no spaces)."""
    key = word.translate(_APOSTROPHES).lower()
    return key if key.isascii() or unicodedata.is_normalized("NFC", key) else norm(word)


def tokenize(text: str) -> list[Token]:
    """Word tokens with their spans; an English possessive "'s" is left out of the span."""
    out: list[Token] = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        if len(word) > 3 and word[-2] in "'’ʼ" and word[-1] in "sS":
            end -= 2
            word = word[:-2]
        out.append(Token(start, end, _key(word), word[0].isupper()))
    return out


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    ids: tuple[int, ...]


_W = r"[^\W\d_]+(?:['’ʼ`‘-][^\W\d_]+)*"
_CHUNK = re.compile(rf"(?<![\w'’ʼ`‘-])(?=[^\W\d_])(?=\w)(?:(?=[A-ZА-ЯЁІЇЄҐ])|(?=[^\W\d_a-zа-яёіїєґ])){_W}"
                    rf"(?:[ \t\u00a0]{{1,2}}{_W}){{0,3}}")


def find(text: str, forms: Mapping[str, Sequence[int]], max_words: int = 4) -> Iterator[Hit]:
    """Longest gazetteer forms in ``text`` starting at a capitalised word, left to right.

    The regex jumps from one capitalised word to the next (with up to three words after it),
    so lowercase prose costs almost nothing.
    """
    pos = 0
    while True:
        m = _CHUNK.search(text, pos)
        if m is None:
            return
        toks = tokenize(m.group())[:max_words]
        base = m.start()
        step_end = base + toks[0].end if toks else m.end()
        for n in range(len(toks), 0, -1):
            ids = forms.get(" ".join(t.key for t in toks[:n]))
            if ids:
                yield Hit(base + toks[0].start, base + toks[n - 1].end, tuple(ids))
                step_end = base + toks[n - 1].end
                break
        else:
            if toks:
                yield from _hyphen_parts(Token(base + toks[0].start, base + toks[0].end, toks[0].key,
                                               True), text, forms)
        pos = max(step_end, m.start() + 1)


def _hyphen_parts(tok: Token, text: str, forms: Mapping[str, Sequence[int]]) -> Iterator[Hit]:
    """'Херсон-Мелітополь': parts of an unmatched hyphenated token, each looked up alone."""
    if "-" not in tok.key:
        return
    pos = tok.start
    for part in text[tok.start:tok.end].split("-"):
        ids = forms.get(norm(part))
        if ids and part[:1].isupper():
            yield Hit(pos, pos + len(part), tuple(ids))
        pos += len(part) + 1
