"""Stage ``violations``: which violation types a report describes, each with its evidence.

Runs after ``clean`` and ``language``. Per sentence, the rules in ``vocab/violations.yaml`` look
for combinations of cue concepts (care + refusal + the occupier's documents, ...) over lemmas;
sentences that deny, speculate, state the law or describe Ukraine's own measures are skipped.
The document-level label for a code gathers the evidence of every sentence that supports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from carewatch.model import vocab
from carewatch.model.evidence import Evidence
from carewatch.model.labels import ViolationLabel
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage
from carewatch.pipeline.rules.scan import Sentence, cover, sentences

MAX_CONFIDENCE = 0.99
MAX_EVIDENCE = 10  # per code: enough for a reviewer; every sentence still counts for confidence


@dataclass
class _Hits:
    strengths: list[float] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    explain: list[dict[str, Any]] = field(default_factory=list)
    standalone: bool = False  # some rule that fired names its perpetrator

    def confidence(self) -> float:
        """More independent supporting sentences make a code likelier (noisy-or of strengths)."""
        miss = 1.0
        for s in self.strengths:
            miss *= 1.0 - s
        return min(MAX_CONFIDENCE, 1.0 - miss)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, vocab.Rule, frozenset[str], frozenset[str]], ...]:
    """Every rule with its concept sets, compiled once (checked per sentence)."""
    return tuple((vt.code, r, frozenset(r.all), frozenset(r.none))
                 for vt in vocab.violations().types.values() for r in vt.rules)


# The last document's codes per sentence, for the victims and actors stages that follow
# (keyed like scan's cache: the clean text object and the sentence spans).
_reported: list[tuple[str, list[tuple[int, int]], list[frozenset[str]]]] = []


def reported(doc: Document) -> list[frozenset[str]]:
    """Per sentence of ``doc`` (in scan order), the codes it reports."""
    if not (_reported and _reported[0][0] is doc.clean_text and _reported[0][1] == doc.sentences):
        _walk(doc)
    return _reported[0][2]


def _fire(doc: Document, sent: Sentence, hits: dict[str, _Hits]) -> frozenset[str]:
    """Record the first rule per code that fires on ``sent``; return the codes that fired."""
    have = sent.found.keys()
    done: set[str] = set()
    for code, rule, need, block in _rules():
        if code in done or not need <= have or not block.isdisjoint(have):
            continue
        done.add(code)  # one piece of evidence per code and sentence
        bucket = hits.setdefault(code, _Hits())
        bucket.strengths.append(rule.strength)
        bucket.standalone |= rule.standalone
        if len(bucket.evidence) >= MAX_EVIDENCE:
            continue
        ev = doc.evidence(*cover(sent.found, rule.all), rule=f"violations.{rule.id}")
        bucket.evidence.append(ev)
        bucket.explain.append({"label": f"violation:{code}", "rule": ev.rule,
                               "sentence": ev.sentence, "evidence": ev.to_dict()})
    return frozenset(done)


def _walk(doc: Document) -> dict[str, _Hits]:
    """Fire the rules over every sentence; keep the codes per sentence for ``reported``."""
    hits: dict[str, _Hits] = {}
    seen: set[str] = set()
    per_sentence: list[frozenset[str]] = []
    for sent in sentences(doc):
        seen.update(sent.found)
        per_sentence.append(frozenset() if sent.guarded else _fire(doc, sent, hits))
    if not all(c in seen for c in vocab.violations().document_requires):
        hits = {code: h for code, h in hits.items() if h.standalone}
    kept = frozenset(hits)
    _reported[:] = [(doc.clean_text, list(doc.sentences), [c & kept for c in per_sentence])]
    return hits


def find_violations(doc: Document) -> list[ViolationLabel]:
    """Document-level violation labels, in vocabulary order."""
    hits = _walk(doc)
    out = []
    for code in vocab.violations().types:
        if code in hits:
            out.append(ViolationLabel(code, hits[code].confidence(), hits[code].evidence))
            doc.explain.extend(hits[code].explain)
    return out


@stage("violations", version="v2", requires=("clean_text", "sentences", "language"),
       provides=("violations",))
def violations(doc: Document) -> None:
    doc.labels["violations"] = find_violations(doc)
