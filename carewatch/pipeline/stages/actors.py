"""Stage ``actors``: who the report says did it (occupation administration, recruiters, FSB,
...), each role with the words that name it.

Runs after ``violations``; a report without violations gets no actors, and a role counts only
in or next to a sentence that reports one. Roles and cues live in ``vocab/actors.yaml``.
``name`` keeps the report's own wording of the first mention.
"""

from __future__ import annotations

from functools import lru_cache

from carewatch.model import vocab
from carewatch.model.labels import ActorLabel
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage
from carewatch.pipeline.rules.cued import find_cued, lexicon_of
from carewatch.pipeline.rules.matcher import Lexicon
from carewatch.pipeline.stages.violations import reported


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return lexicon_of(vocab.actor_roles())


@stage("actors", version="v2", requires=("clean_text", "sentences", "language", "violations"),
       provides=("actors",))
def actors(doc: Document) -> None:
    hits = find_cued(doc, vocab.actor_roles(), _lexicon(), kind="actor", reports=reported(doc))
    doc.labels["actors"] = [ActorLabel(h.code, h.evidence[0].text, list(h.evidence)) for h in hits]
