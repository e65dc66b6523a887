"""Decode text bytes of unknown encoding, with Ukrainian and Russian legacy encodings in mind.

Used by every text-bearing reader in ``intake/``. UTF-8 (with or without BOM) and UTF-16/32
with a BOM are taken as they are. Otherwise charset-normalizer proposes candidates; because it
can misjudge short Cyrillic input (koi8-u read as cp932, cp1251 as mac_cyrillic), each
candidate and the usual Cyrillic code pages are re-scored with a small plausibility model:
Cyrillic letter frequencies, sane letter case inside words, and a penalty for symbols,
control characters and scripts that do not belong in uk/ru/en reports.
"""

from __future__ import annotations

import codecs
import itertools
import math
import re
import unicodedata

from charset_normalizer import from_bytes

from carewatch.intake.codes import fail

SAMPLE_BYTES = 64 * 1024
CYRILLIC_PAGES = ("cp1251", "koi8_u", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Rough per-mille frequencies of lowercase Cyrillic letters in Ukrainian and Russian prose
# (pooled); only the order of magnitude matters for telling code pages apart.
_FREQ = {
    "о": 100, "а": 80, "е": 75, "и": 70, "н": 65, "т": 58, "і": 45, "с": 50, "р": 46, "в": 45,
    "л": 42, "к": 35, "м": 31, "д": 30, "п": 28, "у": 27, "я": 20, "ь": 16, "ї": 8, "ы": 12,
    "г": 16, "з": 17, "б": 16, "ч": 14, "й": 11, "х": 9, "ж": 9, "ш": 7, "ю": 6, "ц": 5,
    "є": 4, "щ": 3, "ф": 2, "э": 2, "ъ": 0.4, "ё": 0.5, "ґ": 0.3,
}
_LETTER_SCORE = {ch: math.log2(max(f, 0.1) / 30.0) for ch, f in _FREQ.items()}
_OK_PUNCT = set("«»„“”‘’‚—–…№•·°€₴₽×§©®™\u00a0\u2009\u202f")
_COMMON_LATIN = set("éèêëàâäáãåçñóòôöõúùûüíìîïßæøœ")
_JUNK = -6.0
# Prior per encoding: cp1251 and UTF-16 are what uk/ru legacy files mostly use, KOI8 next;
# DOS, ISO and Mac pages and charset-normalizer's other guesses must win on evidence.
_PRIOR = {"cp1251": 0.0, "utf-16-le": 0.0, "utf-16-be": 0.0, "cp1252": 0.0, "koi8-u": -1.0, "koi8-r": -1.0}
_OTHER_PRIOR = -3.0
_WORD = re.compile(r"[^\W\d_]+")
_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f]")
_GLUED = re.compile(r"[•·°][^\W\d_]")


def _char_score(ch: str) -> float:
    """Plausibility of one character in a uk/ru/en report (higher is more plausible)."""
    if ch.isascii():
        return 0.0 if (ch.isprintable() or ch in "\t\n\r\f") else _JUNK
    low = ch.lower()
    if low in _LETTER_SCORE:
        return _LETTER_SCORE[low]
    if ch in _OK_PUNCT:
        return 0.0
    cat = unicodedata.category(ch)
    if low in _COMMON_LATIN:
        return -0.5
    if cat.startswith("L") and "LATIN" in unicodedata.name(ch, ""):
        return -1.5
    return _JUNK


def _word_penalty(text: str) -> float:
    """Penalty for shapes a wrong code page leaves inside words.

    A lower→upper switch ("мІКАРНЯ"), Latin and Cyrillic letters in one word ("cafИ"), or a
    bullet glued to a letter ("•анок").
    """
    penalty = 0.0
    for word in _WORD.findall(text):
        if any(a.islower() and b.isupper() and not b.isascii() for a, b in itertools.pairwise(word)):
            penalty -= 4.0
        if _CYR.search(word) and _LAT.search(word):
            penalty -= 6.0
    penalty -= 10.0 * len(_GLUED.findall(text))
    return penalty


def plausibility(text: str) -> float:
    """Score of decoded text as uk/ru/en prose; comparable between decodings of the same bytes."""
    return sum(_char_score(ch) for ch in text) + _word_penalty(text)


def junk_ratio(text: str) -> float:
    """Share of characters that are control codes or symbols no report would hold."""
    if not text:
        return 0.0
    return sum(1 for ch in text if _char_score(ch) == _JUNK) / len(text)


def _candidates(sample: bytes) -> list[str]:
    """Encodings worth trying: charset-normalizer's, then Cyrillic pages, then UTF-16."""
    names = [m.encoding for m in from_bytes(sample)]
    names += list(CYRILLIC_PAGES)
    if len(sample) % 2 == 0:
        names += ["utf_16_le", "utf_16_be"]
    seen: list[str] = []
    for n in names:
        key = codecs.lookup(n).name
        if key not in seen:
            seen.append(key)
    return seen


def _try(raw: bytes, enc: str) -> str | None:
    try:
        return raw.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _rank(raw: bytes) -> list[tuple[float, str]]:
    """Candidate encodings, best first, scored on a bounded sample of ``raw``."""
    sample = raw[:SAMPLE_BYTES]
    cut = len(sample) - (len(sample) % 4) if len(raw) > SAMPLE_BYTES else len(sample)
    ranked: list[tuple[float, str]] = []
    for i, enc in enumerate(_candidates(sample[:cut])):
        text = _try(sample[:cut], enc)
        if text is None and len(raw) > SAMPLE_BYTES:
            text = sample[:cut].decode(enc, errors="ignore")
        if text is None:
            continue
        bonus = 1.0 if i == 0 else 0.0  # charset-normalizer's own pick wins ties
        ranked.append((plausibility(text) + bonus + _PRIOR.get(enc, _OTHER_PRIOR), enc))
    ranked.sort(key=lambda pair: -pair[0])
    return ranked


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding name).

    Raises IntakeError CW211 when no encoding yields plausible text.
    """
    for bom, enc in BOMS:
        if raw.startswith(bom):
            text = _try(raw, enc)
            if text is not None:
                return text.lstrip("\ufeff") if enc != "utf-8-sig" else text, enc
    text = _try(raw, "utf-8")
    if text is not None and junk_ratio(text[:SAMPLE_BYTES]) < 0.05:
        return text, "utf-8"  # BOM-less UTF-16 of Cyrillic is valid UTF-8 full of control codes
    for _score, enc in _rank(raw):
        text = _try(raw, enc)
        if text is not None and junk_ratio(text[:SAMPLE_BYTES]) < 0.05:
            return text, enc
    fail("CW211", "no candidate encoding gives readable text")
