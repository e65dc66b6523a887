"""Label a document with cued terms (victim groups, actor roles) found near its violations.

Shared by the ``victims`` and ``actors`` stages: both look only in documents that report a
violation, skip guarded sentences (denials, hypotheticals), and keep the first few pieces of
evidence per term so a reviewer sees where each one comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from carewatch.model.evidence import Evidence
from carewatch.model.vocab import CuedTerm
from carewatch.pipeline.document import Document
from carewatch.pipeline.rules.matcher import Lexicon
from carewatch.pipeline.rules.scan import sentences

MAX_EVIDENCE = 5


@dataclass(frozen=True)
class CuedHit:
    code: str
    evidence: tuple[Evidence, ...]


def lexicon_of(terms: Mapping[str, CuedTerm]) -> Lexicon:
    return Lexicon({code: term.cues for code, term in terms.items()})


def find_cued(doc: Document, terms: Mapping[str, CuedTerm], lexicon: Lexicon, *,
              kind: str) -> list[CuedHit]:
    """Terms of ``terms`` found in unguarded sentences, in vocabulary order, with evidence."""
    if not doc.labels.get("violations"):
        return []
    found: dict[str, list[Evidence]] = {}
    for sent in sentences(doc, lexicon):
        if sent.guarded:
            continue
        for code in terms:
            spans = sent.found.get(code)
            if not spans or len(found.get(code, ())) >= MAX_EVIDENCE:
                continue
            ev = doc.evidence(*spans[0], rule=f"{kind}.cue.{code}")
            found.setdefault(code, []).append(ev)
            doc.explain.append({"label": f"{kind}:{code}", "rule": ev.rule,
                                "sentence": ev.sentence, "evidence": ev.to_dict()})
    return [CuedHit(code, tuple(found[code])) for code in terms if code in found]
