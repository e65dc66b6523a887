"""Names of sources that are not in the registry: people, witnesses, small outlets.

Used by the ``attribution`` stage for origins the registry cannot know: a named person with
a role ("головний лікар Олена Приходько"), the author of a testimony ("Меня зовут ..."), a
local outlet in quotes ("издание «Приморка City»"), or an English "X said" subject. Each
finder returns ``(start, end, name)`` with the name in its dictionary (nominative) form.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from carewatch.model.origins import analyzers

Span = tuple[int, int, str]

_CAP = r"[A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё'’-]+"
_CAP_RX = re.compile(_CAP)
_PERSON = rf"(?:{_CAP}|[A-ZА-ЯІЇЄҐ]\.)(?:\s+{_CAP}){{1,2}}"
_TESTIMONY = re.compile(
    rf"(?im)(?:^\s*(?:full\s+name|name|witness|applicant|signature|signed|піб|свідок|свідка|"
    rf"заявник|заявниця|підпис|фио|имя|свидетель|заявитель|подпись)\s*:\s*"
    rf"|(?:меня\s+зовут|мене\s+звати|my\s+name\s+is|^\s*я)\s+)(?-i:(?P<name>{_PERSON}))")
_QUOTED = re.compile(r"(?i:издани[ея]|видання|газет[аыи]|паблик|телеграм-канал|telegram-канал|"
                     r"канал[уа]?|outlet|newspaper|channel)\s+[«\"“](?P<name>[^»\"”\n]{2,40})[»\"”]")
_EN_WORD = r"(?:[A-Z][\w'’-]*)"
_EN_NAME = rf"(?P<name>(?:The\s+)?{_EN_WORD}(?:\s+(?:of\s+)?{_EN_WORD}){{0,4}})"
_EN_SUBJECT = re.compile(rf"{_EN_NAME},?\s+(?:has\s+|had\s+)?(?:said|says|told|reported|stated|"
                         r"wrote|warned|documented|found|noted|announced|claimed)\b")
_EN_OBJECT = re.compile(rf"(?:according\s+to|said|told|reported\s+by|cited)\s+(?:the\s+)?{_EN_NAME}")
_EN_STOP = frozenset({
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "He", "She", "They", "We", "I",
    "This", "That", "These", "Those", "Russian", "Russia", "Ukraine", "Ukrainian", "Officials",
    "Residents", "Witnesses", "Doctors", "Report", "One", "Some", "Many", "Moscow", "Kyiv",
    "Earlier", "Later", "Local", "Occupied", "Sources", "There", "Where", "When", "Also",
    "Air", "Force", "Forces", "Army", "Navy", "Kremlin", "Defence", "Defense", "Armed",
})


def testimony_authors(text: str) -> list[Span]:
    """The person a testimony is from: "Name: ...", "Меня зовут ...", "Я ...,"."""
    return [(m.start("name"), m.end("name"), m["name"]) for m in _TESTIMONY.finditer(text)]


def quoted_outlets(sentence: str, offset: int) -> list[Span]:
    """Small outlets named in quotes after "издание"/"видання"/"channel"."""
    return [(offset + m.start("name"), offset + m.end("name"), m["name"].strip())
            for m in _QUOTED.finditer(sentence)]


def english_sources(sentence: str, offset: int) -> list[Span]:
    """Subjects of "X said" and objects of "according to X" that look like proper names."""
    out: list[Span] = []
    for rx in (_EN_SUBJECT, _EN_OBJECT):
        for m in rx.finditer(sentence):
            name = _trim_english(m["name"])
            if name:
                start = offset + m.start("name") + m["name"].index(name)
                out.append((start, start + len(name), name))
    return out


def _trim_english(name: str) -> str:
    words = name.split()
    while words and words[0] in _EN_STOP and not (words[0] == "The" and len(words) > 2):
        words = words[1:]
    if len(words) < 2 or any(w in _EN_STOP - {"The"} for w in words):
        return ""
    return " ".join(words)


def slavic_people(sentence: str, offset: int, language: str | None) -> list[Span]:
    """Person names (first name, optional patronymic, surname) found by pymorphy3 tags."""
    morph = _CachedMorph("ru" if language == "ru" else "uk")
    tokens = list(_CAP_RX.finditer(sentence))
    out: list[Span] = []
    i = 0
    while i < len(tokens) - 1:
        first = _tagged(morph, tokens[i].group(), "Name")
        if first is None:
            i += 1
            continue
        j = i + 1
        patr = _tagged(morph, tokens[j].group(), "Patr")
        if patr is not None and j + 1 < len(tokens) and _adjacent(sentence, tokens[j], tokens[j + 1]):
            j += 1
        if not _adjacent(sentence, tokens[j - 1], tokens[j]):
            i += 1
            continue
        last = _surname(morph, tokens[j].group(), first) or _unknown(morph, tokens[j].group())
        if last is None:
            i += 1
            continue
        words = [_nominative(first, tokens[i].group()), _nominative(last, tokens[j].group())]
        out.append((offset + tokens[i].start(), offset + tokens[j].end(), " ".join(words)))
        i = j + 1
    return out


class _CachedMorph:
    """One analyzer's ``parse``, cached: capitalised words repeat across a report's sentences."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def parse(self, word: str) -> tuple[Any, ...]:
        return _parse(self.lang, word)


@lru_cache(maxsize=50_000)
def _parse(lang: str, word: str) -> tuple[Any, ...]:
    uk, ru = analyzers()
    return tuple((ru if lang == "ru" else uk).parse(word))


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return text[a.end():b.start()].strip() == ""


def _tagged(morph: Any, word: str, grammeme: str) -> Any:
    return next((p for p in morph.parse(word) if grammeme in p.tag), None)


def _surname(morph: Any, word: str, first: Any) -> Any:
    """A surname parse agreeing in gender with the first name's parse, when there is one."""
    parses = [p for p in morph.parse(word) if "Surn" in p.tag]
    same = [p for p in parses if p.tag.gender == first.tag.gender]
    return (same or parses or [None])[0]


def _unknown(morph: Any, word: str) -> Any:
    parses = morph.parse(word)
    return parses[0] if parses and not parses[0].is_known else None


def _nominative(parse: Any, surface: str) -> str:
    form = parse.inflect({"nomn"})
    word = form.word if form is not None else parse.normal_form
    if "ё" not in surface.lower():
        word = word.replace("ё", "е")
    return str(word).capitalize()
