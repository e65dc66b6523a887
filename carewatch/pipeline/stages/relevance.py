"""Stage ``relevance``: the last stage; a report is relevant when it documents a violation.

An irrelevant report keeps its attribution (who said it is still worth knowing) but loses its
places and event dates, which would otherwise put noise on maps and timelines.
"""

from __future__ import annotations

from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage


@stage("relevance", version="v1", requires=("violations", "places", "event_dates", "attribution"),
       provides=("relevant",))
def relevance(doc: Document) -> None:
    relevant = bool(doc.labels.get("violations"))
    doc.labels["relevant"] = relevant
    if not relevant:
        doc.labels["places"] = []
        doc.labels["event_dates"] = []
        doc.explain[:] = [e for e in doc.explain
                          if not str(e.get("label", "")).startswith(("place:", "date:"))]
