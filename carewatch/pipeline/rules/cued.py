"""Label a document with cued terms (victim groups, actor roles) found near its violations.

Shared by the ``victims`` and ``actors`` stages: both look only in documents that report a
violation, skip guarded sentences (denials, hypotheticals), and keep the first few pieces of
evidence per term so a reviewer sees where each one comes from. A term with ``within`` is read
only near a sentence reporting a violation (of ``only_with`` codes, when given): a doctor
quoted as a source, or one who refuses care, is not a harmed health worker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def _reach(codes: Sequence[frozenset[str]], term: CuedTerm) -> set[int] | None:
    """Indexes of sentences where ``term`` may be read; None: everywhere."""
    if term.within is None:
        return None
    want = frozenset(term.only_with)
    hot = [i for i, c in enumerate(codes) if (c & want if want else c)]
    return {j for i in hot for j in range(i - term.within, i + term.within + 1)}


def find_cued(doc: Document, terms: Mapping[str, CuedTerm], lexicon: Lexicon, *, kind: str,
              reports: Sequence[frozenset[str]] | None = None) -> list[CuedHit]:
    """Terms of ``terms`` found in unguarded sentences, in vocabulary order, with evidence.

    ``reports`` gives, per sentence, the violation codes it reports; terms with ``within`` set
    are read only that close to such a sentence (without ``reports``: anywhere).
    """
    if not doc.labels.get("violations"):
        return []
    sents = list(sentences(doc, lexicon))
    reach = {code: None if reports is None else _reach(reports, term) for code, term in terms.items()}
    found: dict[str, list[Evidence]] = {}
    for i, sent in enumerate(sents):
        if sent.guarded:
            continue
        for code in terms:
            spans, allowed = sent.found.get(code), reach[code]
            if not spans or len(found.get(code, ())) >= MAX_EVIDENCE or (allowed is not None and i not in allowed):
                continue
            ev = doc.evidence(*spans[0], rule=f"{kind}.cue.{code}")
            found.setdefault(code, []).append(ev)
            doc.explain.append({"label": f"{kind}:{code}", "rule": ev.rule,
                                "sentence": ev.sentence, "evidence": ev.to_dict()})
    return [CuedHit(code, tuple(found[code])) for code in terms if code in found]
