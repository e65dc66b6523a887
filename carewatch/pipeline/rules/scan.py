"""Walk a Document's sentences with the concepts each one holds.

The three rule stages (violations, victims, actors) share this walk: sentences are tokenised
with cached lemmas, over-long "sentences" (a page with no punctuation) are cut into windows so
one rule can never span a whole megabyte, and sentences caught by a guard (a denial, a
hypothetical, Ukraine's own measures, a question) are flagged so no label is read from them.

Two kinds of derived concept let rules read a little context (names used in rules only):
``near.X`` holds when concept X is in this sentence or the one before ("The ambulance never
came. The dispatcher said crews go only to the insured."), and ``quoted.X`` when every cue of
X sits inside short scare quotes (told the drugs had "run out": a pretext, not a fact).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from carewatch.model import vocab
from carewatch.pipeline.document import Document
from carewatch.pipeline.rules.lemmas import Token, tokenize
from carewatch.pipeline.rules.matcher import Lexicon, Span

MAX_WINDOW = 1200
NEAR, QUOTED = "near.", "quoted."
_QUESTION = re.compile(r"\?[\s»\"”’')]*$")  # a question asks; it does not report
# A short quotation (at most ~6 words) inside a sentence: scare quotes around a claim.
_SHORT_QUOTE = re.compile(r"[«\"“„]([^«»\"“”„]{1,48})[»\"”“]")


@dataclass(frozen=True)
class Sentence:
    start: int  # clean-text offsets
    end: int
    text: str
    found: dict[str, list[Span]]
    guarded: bool


@lru_cache(maxsize=1)
def violation_lexicon() -> Lexicon:
    return Lexicon(vocab.violations().concepts)


def windows(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Sentence spans, with any longer than MAX_WINDOW cut at whitespace."""
    for start, end in spans or [(0, len(text))]:
        while end - start > MAX_WINDOW:
            cut = text.rfind(" ", start + MAX_WINDOW // 2, start + MAX_WINDOW)
            cut = cut if cut > start else start + MAX_WINDOW
            yield start, cut
            start = cut
        if end > start:
            yield start, end


@lru_cache(maxsize=1)
def derived() -> tuple[frozenset[str], frozenset[str]]:
    """Base concepts that rules ask about as ``near.X`` and as ``quoted.X``."""
    names = {n for vt in vocab.violations().types.values() for r in vt.rules for n in (*r.all, *r.none)}
    return (frozenset(n[len(NEAR):] for n in names if n.startswith(NEAR)),
            frozenset(n[len(QUOTED):] for n in names if n.startswith(QUOTED)))


def _quoted(text: str, start: int, found: dict[str, list[Span]], names: frozenset[str]) -> list[str]:
    """Concepts of ``names`` whose every cue lies inside a short quotation of ``text``."""
    quotes = [(m.start(1) + start, m.end(1) + start) for m in _SHORT_QUOTE.finditer(text)]
    if not quotes:
        return []
    return [n for n in names if n in found
            and all(any(qs <= s and e <= qe for qs, qe in quotes) for s, e in found[n])]


def _derive(found: dict[str, list[Span]], prev: dict[str, list[Span]], text: str,
            start: int) -> dict[str, list[Span]]:
    near, quoted = derived()
    out = dict(found)
    for n in near:
        if n in found or n in prev:
            out[NEAR + n] = found.get(n, [])  # spans only from this sentence, for evidence
    for n in _quoted(text, start, found, quoted):
        out[QUOTED + n] = found[n]
    return out


def is_guarded(found: dict[str, list[Span]]) -> bool:
    """True when a guard concept (denial, hypothetical, ...) holds and its exception does not."""
    for guard in vocab.violations().guards:
        if guard.concept in found and not any(u in found for u in guard.unless):
            return True
    return False


_Scanned = list[tuple[Sentence, list[Token]]]
# The stages run one after another on one document: keep its last scan so victims and actors
# reuse the tokens and violation concepts instead of redoing them. Keyed by the identity of the
# clean text object (held here, so the identity cannot be reused) and the sentence spans.
_last: list[tuple[str, list[tuple[int, int]], _Scanned]] = []


def _scan(doc: Document) -> _Scanned:
    if _last and _last[0][0] is doc.clean_text and _last[0][1] == doc.sentences:
        return _last[0][2]
    base = violation_lexicon()
    out: _Scanned = []
    prev: dict[str, list[Span]] = {}
    for start, end in windows(doc.clean_text, doc.sentences):
        text = doc.clean_text[start:end]
        tokens = tokenize(text, doc.language, offset=start)
        if tokens:
            found = base.find(tokens)
            guarded = is_guarded(found) or _QUESTION.search(text) is not None
            out.append((Sentence(start, end, text, _derive(found, prev, text, start), guarded), tokens))
            prev = found
    _last[:] = [(doc.clean_text, list(doc.sentences), out)]
    return out


def sentences(doc: Document, lexicon: Lexicon | None = None) -> Iterator[Sentence]:
    """Each sentence of ``doc`` with its concepts (violation concepts plus ``lexicon``'s)."""
    for sent, tokens in _scan(doc):
        if lexicon is None:
            yield sent
        else:
            yield Sentence(sent.start, sent.end, sent.text, {**sent.found, **lexicon.find(tokens)},
                           sent.guarded)


def cover(found: dict[str, list[Span]], names: Sequence[str]) -> Span:
    """The smallest span holding the first cue of each named concept."""
    spans = [found[n][0] for n in names if found.get(n)]
    return min(s for s, _ in spans), max(e for _, e in spans)
