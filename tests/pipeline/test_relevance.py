"""The ``relevance`` stage: relevant iff a violation was found; irrelevant reports lose places
and dates but keep attribution."""

from __future__ import annotations

from carewatch.model.evidence import Evidence
from carewatch.model.labels import Attribution, DateLabel, PlaceLabel, ViolationLabel
from carewatch.pipeline.document import Document
from carewatch.pipeline.stages.relevance import relevance


def _doc(violations: list[ViolationLabel]) -> Document:
    doc = Document(text="x")
    doc.labels.update({
        "violations": violations,
        "places": [PlaceLabel("Мелітополь", "UA-23", "settlement")],
        "event_dates": [DateLabel("2023-08", "month")],
        "attribution": [Attribution("National Resistance Center")],
    })
    doc.explain.append({"label": "place:Мелітополь", "rule": "places.x", "sentence": "", "evidence": {}})
    return doc


def test_irrelevant_report_clears_places_and_dates_keeps_attribution() -> None:
    doc = _doc([])
    relevance(doc)
    assert doc.labels["relevant"] is False
    assert doc.labels["places"] == [] and doc.labels["event_dates"] == []
    assert len(doc.labels["attribution"]) == 1
    assert not doc.explain


def test_relevant_report_keeps_everything() -> None:
    doc = _doc([ViolationLabel("medicine_shortage", 0.8, [Evidence(0, 1, "x")])])
    relevance(doc)
    assert doc.labels["relevant"] is True
    assert len(doc.labels["places"]) == 1 and len(doc.labels["event_dates"]) == 1
