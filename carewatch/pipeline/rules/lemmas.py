"""Tokens with lemmas, cached: the input the cue matcher works on.

Ukrainian and Russian words are lemmatised with pymorphy3 (one analyzer per language, built
lazily); English gets lowercase plus light suffix stripping. Lemmas are cached per (language,
word) because news text repeats the same few thousand words and pymorphy3 is the slow part.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*")
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")
MAX_PARSES = 4  # pymorphy3 may rank an adjective reading first (лікарів -> лікарів)
_EN_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


class Token(NamedTuple):
    """A word: a tuple, because sentences make thousands of them and tuples are cheap."""

    start: int  # offset in the text the tokens were taken from
    end: int
    keys: tuple[str, ...]  # lowercase surface form first, then lemma(s)


@lru_cache(maxsize=2)
def _analyzer(lang: str) -> Any:
    import pymorphy3  # heavy: loaded on first use only

    return pymorphy3.MorphAnalyzer(lang=lang)


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _langs(word: str, doc_lang: str | None) -> tuple[str, ...]:
    """Analyzers to ask: the one the letters prove, else both, the document's language first."""
    letters = set(word)
    if letters & _UK_LETTERS:
        return ("uk",)
    if letters & _RU_LETTERS:
        return ("ru",)
    return ("ru", "uk") if doc_lang == "ru" else ("uk", "ru")


def english_stem(word: str) -> str:
    """Strip one common inflectional suffix so 'refused'/'refuses' meet 'refus'."""
    for suf in _EN_SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


@lru_cache(maxsize=200_000)
def word_keys(word: str, doc_lang: str | None) -> tuple[str, ...]:
    """Lowercase surface form plus its lemma(s); cached because it is the hot path."""
    low = word.lower().replace("’", "'").replace("ʼ", "'")
    if not _is_cyrillic(low):
        stem = english_stem(low)
        return (low, stem) if stem != low else (low,)
    keys = [low]
    for lang in _langs(low, doc_lang):
        for p in _analyzer(lang).parse(low)[:MAX_PARSES]:
            if p.normal_form not in keys:
                keys.append(p.normal_form)
    return tuple(keys)


def tokenize(text: str, doc_lang: str | None = None, *, offset: int = 0) -> list[Token]:
    """Word tokens of ``text`` with offsets shifted by ``offset`` (a sentence's start)."""
    return [Token(m.start() + offset, m.end() + offset, word_keys(m.group(), doc_lang))
            for m in _TOKEN.finditer(text)]
