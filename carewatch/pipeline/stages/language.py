"""The ``language`` stage: uk / ru / en / other for the document and for each paragraph.

Runs right after ``clean``; later stages pick dictionaries and patterns by these codes.
lingua decides among Ukrainian, Russian and English plus a few "decoy" languages (German,
French, Polish, ...) whose only job is to catch foreign text, which is reported as "other"
instead of being forced into English. lingua costs about a millisecond per paragraph on one
core, so a paragraph is first tried against unambiguous signs (``text.script``): Cyrillic with
letters only Ukrainian has (і ї є ґ) and none only Russian has (ы э ъ ё), or the reverse, or
Latin text full of English function words. Paragraphs with too few letters to judge (a place
name, a date line) take the document's language, the dominant one by letters.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage
from carewatch.pipeline.text import script

OTHER = "other"
MIN_PARAGRAPH_LETTERS = 25  # below this a paragraph is too ambiguous; it inherits
MIN_DOCUMENT_LETTERS = 10  # below this the document is "other" (nothing to judge)
SAMPLE_CHARS = 3000  # lingua sees at most this much of a paragraph: enough, and bounded time

_NON_LETTER = re.compile(r"[\W\d_]+")
_CODES = {"UKRAINIAN": "uk", "RUSSIAN": "ru", "ENGLISH": "en"}
_DECOYS = ("GERMAN", "FRENCH", "SPANISH", "ITALIAN", "POLISH", "BELARUSIAN", "BULGARIAN")


@lru_cache(maxsize=1)
def detector() -> Any:
    """The lingua detector, built once on first use (its models load lazily per language)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in (*_CODES, *_DECOYS)]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect(text: str) -> str | None:
    """uk/ru/en/other for ``text``, or None when lingua cannot decide."""
    found = detector().detect_language_of(text[:SAMPLE_CHARS])
    if found is None:
        return None
    return _CODES.get(found.name, OTHER)


def letters(text: str) -> int:
    return len(_NON_LETTER.sub("", text))


@stage("language", version="v1", requires=("clean_text", "paragraphs"),
       provides=("language", "paragraph_languages"))
def language(doc: Document) -> None:
    """Set ``doc.language`` and one code per paragraph in ``doc.paragraph_languages``."""
    per_para: list[str | None] = []
    weight: Counter[str] = Counter()
    for start, end in doc.paragraphs:
        chunk = doc.clean_text[start:end]
        n = letters(chunk[: SAMPLE_CHARS * 4])
        code = None
        if n >= MIN_PARAGRAPH_LETTERS:
            code = script.quick_language(chunk[:SAMPLE_CHARS]) or detect(chunk)
        per_para.append(code)
        if code is not None:
            weight[code] += letters(chunk) if n >= SAMPLE_CHARS else n
    doc.language = _document_language(doc.clean_text, weight)
    doc.paragraph_languages = [code or doc.language for code in per_para]


def _document_language(text: str, weight: Counter[str]) -> str:
    if weight:
        return weight.most_common(1)[0][0]
    if letters(text[: SAMPLE_CHARS * 4]) < MIN_DOCUMENT_LETTERS:
        return OTHER
    return detect(text) or OTHER
