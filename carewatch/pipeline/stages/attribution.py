"""The ``attribution`` stage: who first made each claim (origin) and who relayed it (via).

A registry origin (``vocab/origins.yaml``) counts when it sits in a sentence with a reporting
cue, or heads/signs a statement it published itself. Outlets (``vocab/outlets.yaml``) in the
same sentence become ``via``, in text order ("пише X, посилаючись на Y": via X, origin Y); the
outlet in the page's own masthead is the publisher and is never a relay. Sources outside the
registry (people, witnesses, small outlets) come from ``pipeline/attribution/names.py``.
A person who speaks for a registry institution (an OVA head) is one origin with it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from carewatch.model.evidence import Evidence
from carewatch.model.labels import Attribution
from carewatch.model.origins import Entry, Found, origins, outlets
from carewatch.pipeline.attribution.cues import CUE, has_cue, split_sentences
from carewatch.pipeline.attribution.names import (
    english_sources,
    quoted_outlets,
    slavic_people,
    testimony_authors,
)
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage

_HEADING_CHARS = 90  # a first or last line this short naming an origin is its masthead/signature
_MAX_EVIDENCE = 3
_WORD = re.compile(r"\w")


@dataclass
class _Item:
    origin: str
    origin_id: str | None
    org: str | None = None
    via: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class _Collector:
    doc: Document
    items: dict[str, _Item] = field(default_factory=dict)

    def add(self, key: str, item: _Item, span: tuple[int, int], via: list[str], rule: str,
            *, original: bool = False) -> None:
        """Record a source; ``span`` is in clean text, or in the original when ``original``."""
        key = self._same_person(key, item)
        have = self.items.setdefault(key, item)
        have.via += [v for v in via if v not in have.via]
        if len(have.evidence) < _MAX_EVIDENCE:
            have.evidence.append(self._evidence(span, rule, original))

    def _evidence(self, span: tuple[int, int], rule: str, original: bool) -> Evidence:
        if not original:
            return self.doc.evidence(span[0], span[1], rule=rule)
        text = self.doc.text
        start, end = span
        line_end = text.find("\n", end)
        line = text[text.rfind("\n", 0, start) + 1:len(text) if line_end < 0 else line_end]
        return Evidence(start, end, text[start:end], line.strip(), rule)

    def _same_person(self, key: str, item: _Item) -> str:
        """An unknown name that shares a word with one already found is the same source."""
        if item.origin_id is not None:
            return key
        words = _words(item.origin)
        return next((k for k, i in self.items.items()
                     if i.origin_id is None and words & _words(i.origin)), key)

    def result(self) -> list[Attribution]:
        spoken_for = {i.org for i in self.items.values() if i.org}
        return [Attribution(i.origin, i.origin_id, i.via, i.evidence) for key, i in self.items.items()
                if key not in spoken_for]


@stage("attribution", version="v1", requires=("clean_text", "language"), provides=("attribution",))
def attribution(doc: Document) -> None:
    """Label the origins of the claims in ``doc`` and the outlets that relayed them."""
    if "violations" in doc.labels and not doc.labels["violations"]:
        doc.labels["attribution"] = []  # nothing reported happened: no claim to attribute
        return
    text = doc.clean_text
    found = origins().find(text)
    relays = outlets().find(text)
    masthead = _edge_lines(text)
    publisher = {r.entry.id for r in relays if masthead and masthead[0][0] <= r.start < masthead[0][1]}
    collect = _Collector(doc)
    for f in found:
        if any(s <= f.start < e for s, e in masthead) or _labels_line(text, f):
            collect.add(f.entry.id, _registry_item(f.entry, doc.language), (f.start, f.end), [],
                        "attribution.self_published")
    for s, e in _signature_lines(doc.text):
        for f in origins().find(doc.text[s:e]):
            collect.add(f.entry.id, _registry_item(f.entry, doc.language),
                        (s + f.start, s + f.end), [], "attribution.masthead", original=True)
    for s, e in _cue_sentences(text, doc.sentences or split_sentences(text)):
        _sentence(collect, doc, (s, e), found, relays, publisher)
    for start, end, name in testimony_authors(text):
        collect.add(_key(name), _Item(name, None), (start, end), [], "attribution.testimony")
    doc.labels["attribution"] = collect.result()


def _sentence(collect: _Collector, doc: Document, span: tuple[int, int], found: list[Found],
              relays: list[Found], publisher: set[str]) -> None:
    s, e = span
    via = [r.entry.display("en") for r in relays if s <= r.start < e and r.entry.id not in publisher]
    via = list(dict.fromkeys(via))
    taken = [(f.start, f.end) for f in [*found, *relays] if s <= f.start < e]
    for f in found:
        if s <= f.start < e:
            collect.add(f.entry.id, _registry_item(f.entry, doc.language), (f.start, f.end), via,
                        "attribution.cue")
    for start, end, name in _unknown(doc, s, e):
        if not any(a < end and start < b for a, b in taken):
            collect.add(_key(name), _Item(name, None), (start, end), via, "attribution.unknown")


def _cue_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans for which ``has_cue(text[s:e])`` holds, with one scan of the whole text.

    A cue found inside a span settles it; a span that no cue overlaps and whose edges border
    no word character cannot hold one; anything else (a cue across an edge) is checked alone.
    """
    cues = [(m.start(), m.end()) for m in CUE.finditer(text)]
    starts = [c[0] for c in cues]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        k = bisect.bisect_left(starts, s)
        inside = k < len(cues) and cues[k][1] <= e
        crosses = (k > 0 and cues[k - 1][1] > s) or (k < len(cues) and cues[k][0] < e < cues[k][1])
        walled = not (s > 0 and _WORD.match(text, s - 1)) and not _WORD.match(text, e)
        if inside or ((crosses or not walled) and has_cue(text[s:e])):
            out.append((s, e))
    return out


def _unknown(doc: Document, s: int, e: int) -> list[tuple[int, int, str]]:
    sentence = doc.clean_text[s:e]
    out = quoted_outlets(sentence, s)
    if re.search(r"[а-яіїєґ]", sentence, re.IGNORECASE):
        out += slavic_people(sentence, s, doc.language)
    else:
        out += english_sources(sentence, s)
    return out


def _registry_item(entry: Entry, language: str | None) -> _Item:
    return _Item(entry.display(language), entry.id, entry.org)


def _key(name: str) -> str:
    return "name:" + name.casefold()


def _words(name: str) -> set[str]:
    """Words of a name that identify it ("С. Ковальчук" and "Ковальчук Сергій" share one)."""
    return {w for w in re.findall(r"\w+", name.casefold()) if len(w) > 2}


def _labels_line(text: str, f: Found) -> bool:
    """"NRC: ..." opening a line, or "... — АТЕШ" closing one: the line is the origin's claim."""
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    line_end = len(text) if line_end < 0 else line_end
    opens = len(text[line_start:f.start].strip()) <= 12 and text[f.end:f.end + 1] == ":"
    closes = (re.search(r"\s[—–-]\s*(?:\w+\s+){0,3}$", text[line_start:f.start]) is not None
              and not text[f.end:line_end].strip(" .)"))
    return opens or closes


_COPYRIGHT = re.compile(r"(?im)^[^\n]*(?:©|\(c\)|copyright|всі права захищені|все права защищены)"
                        r"[^\n]*$")


def _signature_lines(original: str) -> list[tuple[int, int]]:
    """Masthead, last line and copyright lines of the original, which cleaning may drop."""
    spans = _edge_lines(original)
    spans += [(m.start(), m.end()) for m in _COPYRIGHT.finditer(original)
              if m.end() - m.start() <= 2 * _HEADING_CHARS]
    return spans


def _edge_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the first and last non-empty lines when they look like a masthead/signature:
    short, not the only line, and not themselves a reported sentence."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    if len(lines) < 2:
        return []
    return [(s, e) for s, e in (lines[0], lines[-1])
            if e - s <= _HEADING_CHARS and not has_cue(text[s:e])]
