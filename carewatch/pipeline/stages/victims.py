"""Stage ``victims``: which groups of people a report says were harmed (HIV-positive people,
children, health workers, ...), each with the words that name them.

Runs after ``violations``; a report without violations gets no victim groups. The groups and
their uk/ru/en cues live in ``vocab/victim_groups.yaml``; a group the text does not name may be
implied by a violation's definition (``implied_by``), supported by that violation's evidence.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from carewatch.model import vocab
from carewatch.model.evidence import Evidence
from carewatch.model.labels import VictimLabel
from carewatch.model.vocab import CuedTerm
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage
from carewatch.pipeline.rules.cued import find_cued, lexicon_of
from carewatch.pipeline.rules.matcher import Lexicon
from carewatch.pipeline.stages.violations import reported


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return lexicon_of(vocab.victim_groups())


def _implied(doc: Document, term: CuedTerm) -> list[Evidence]:
    """Evidence for a group implied by a violation: that violation's first span, re-labelled."""
    for label in doc.labels.get("violations", []):
        if label.code in term.implied_by and label.evidence:
            ev = replace(label.evidence[0], rule=f"victim.implied_by.{label.code}")
            doc.explain.append({"label": f"victim:{term.code}", "rule": ev.rule,
                                "sentence": ev.sentence, "evidence": ev.to_dict()})
            return [ev]
    return []


@stage("victims", version="v2", requires=("clean_text", "sentences", "language", "violations"),
       provides=("victim_groups",))
def victims(doc: Document) -> None:
    terms = vocab.victim_groups()
    hits = find_cued(doc, terms, _lexicon(), kind="victim", reports=reported(doc))
    found = {h.code: list(h.evidence) for h in hits}
    for code, term in terms.items():
        if code not in found and term.implied_by:
            implied = _implied(doc, term)
            if implied:
                found[code] = implied
    doc.labels["victim_groups"] = [VictimLabel(code, found[code]) for code in terms if code in found]
