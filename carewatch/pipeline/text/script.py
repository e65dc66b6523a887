"""Unambiguous language signs in a paragraph, checked before the (slower) lingua detector.

Used by the ``language`` stage as a fast path: it answers only when the letters leave no doubt
and returns None otherwise, so lingua still decides every mixed or unusual paragraph.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэёЫЭЁ]")  # not ъ: Bulgarian has it too
_OTHER_CYRILLIC = re.compile(r"[ўЎјЈљЉњЊћЋђЂџЏқҚңҢүҮұҰһҺәӘөӨ]")
_WORD = re.compile(r"[a-zA-Z']+")
_EN_WORDS = ("the of and to in a is that for on was with by as at from are were be has have it this "
             "their they who which not or an been said but")
_EN_FUNCTION = frozenset(_EN_WORDS.split())
SHARE = 0.9  # the script must cover this share of letters
EN_FUNCTION_SHARE = 0.15  # English prose has about a quarter function words; German almost none


def quick_language(text: str) -> str | None:
    """uk, ru or en when the letters alone make it certain; otherwise None."""
    cyr = _CYRILLIC.subn("", text)[1]
    lat = _LATIN.subn("", text)[1]
    total = cyr + lat
    if total == 0:
        return None
    if cyr >= SHARE * total:
        return _cyrillic(text)
    if lat >= SHARE * total:
        return _english(text)
    return None


def _cyrillic(text: str) -> str | None:
    if _OTHER_CYRILLIC.search(text):
        return None
    uk = _UK_ONLY.search(text) is not None
    ru = _RU_ONLY.search(text) is not None
    if uk and not ru:
        return "uk"
    if ru and not uk:
        return "ru"
    return None


def _english(text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 5:
        return None
    share = sum(1 for w in words if w in _EN_FUNCTION) / len(words)
    return "en" if share >= EN_FUNCTION_SHARE else None
