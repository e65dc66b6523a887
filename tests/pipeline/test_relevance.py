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


def test_whole_pipeline_denials_and_questions_are_not_relevant() -> None:
    from carewatch.pipeline import DEFAULT_STAGES, run_text

    denial = ("Окупаційний «міністр охорони здоров'я» заявив, що жодному мешканцю не відмовили в "
              "лікуванні без полісу ОМС, а чутки про це — вкиди Києва.")
    question = "Could occupation authorities in Melitopol make hospital care conditional on Russian passports?"
    report = "В оккупированном Мелитополе больница отказывает в лечении людям без полиса ОМС."
    assert run_text(denial, names=DEFAULT_STAGES).labels["relevant"] is False
    assert run_text(question, names=DEFAULT_STAGES).labels["relevant"] is False
    assert run_text(report, names=DEFAULT_STAGES).labels["relevant"] is True
