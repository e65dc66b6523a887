"""Walk a Document's sentences with the concepts each one holds.

The three rule stages (violations, victims, actors) share this walk: sentences are tokenised
with cached lemmas, over-long "sentences" (a page with no punctuation) are cut into windows so
one rule can never span a whole megabyte, and sentences caught by a guard (a denial, a
hypothetical, Ukraine's own measures) are flagged so no label is read from them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from carewatch.model import vocab
from carewatch.pipeline.document import Document
from carewatch.pipeline.rules.lemmas import Token, tokenize
from carewatch.pipeline.rules.matcher import Lexicon, Span

MAX_WINDOW = 1200


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
    for start, end in windows(doc.clean_text, doc.sentences):
        text = doc.clean_text[start:end]
        tokens = tokenize(text, doc.language, offset=start)
        if tokens:
            found = base.find(tokens)
            out.append((Sentence(start, end, text, found, is_guarded(found)), tokens))
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
    spans = [found[n][0] for n in names if n in found]
    return min(s for s, _ in spans), max(e for _, e in spans)
