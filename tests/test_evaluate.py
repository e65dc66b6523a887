"""Unit tests for the gold-set scorer, with tiny hand-made predictions."""

from __future__ import annotations

from typing import Any

import pytest

from carewatch.pipeline import evaluate as ev

TEXT = "У Мелітополі лікарня відмовила без паспорта РФ."
NRC = ["Центр національного спротиву", "National Resistance Center", "ЦНС", "NRC"]


def _pred(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"file": "/abs/tests/gold/docs/uk-01.txt", "relevant": True, "violations": [],
                            "places": [], "event_dates": [], "victim_groups": [], "attribution": []}
    return base | kw


def _gold(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "uk-01", "file": "docs/uk-01.txt", "relevant": True, "violations": [],
                            "oblasts": [], "origins": [], "event_dates": [], "victim_groups": []}
    return base | kw


def test_normalise_folds_case_apostrophes_and_punctuation() -> None:
    assert ev.normalise("  Центр  Національного—Спротиву! ") == "центр національного спротиву"
    assert ev.normalise("Кам’янка") == ev.normalise("кам'янка")


@pytest.mark.parametrize(("pred", "ok"), [
    ("National Resistance Center", True),
    ("Ukraine's National Resistance Center", True),   # contains an alias as whole words
    ("центр національного спротиву україни", True),
    ("ЦНС", True),
    ("ЦНСУ", False),                                   # short alias: exact only
    ("Resistance", True),                              # contained in an alias, whole word
    ("Resist", False),                                 # not a whole word
    ("", False),
])
def test_origin_matches(pred: str, ok: bool) -> None:
    assert ev.origin_matches(pred, NRC) is ok


def test_date_matches_by_prefix() -> None:
    assert ev.date_matches("2023-08-14", "2023-08")
    assert ev.date_matches("2023", "2023")
    assert not ev.date_matches("2023", "2023-08")
    assert not ev.date_matches("2024-08", "2023-08")


def test_perfect_prediction_scores_one() -> None:
    start = TEXT.index("Мелітополі")
    place = {"oblast": "UA-23", "evidence": [{"start": start, "end": start + 10, "text": "Мелітополі"}]}
    pred = _pred(violations=[{"code": "care_denied_documents", "evidence": []}], places=[place],
                 event_dates=[{"value": "2024-01-15"}], attribution=[{"origin": "ЦНС", "via": []}])
    gold = _gold(violations=["care_denied_documents"], oblasts=["UA-23"], origins=[NRC],
                 event_dates=["2024-01"])
    figs = ev.score([pred], [gold], {"docs/uk-01.txt": TEXT}).figures()
    assert all(figs[f"{k}.f1"] == 1.0 for k in ev.FIELDS)
    assert figs["relevance_accuracy"] == 1.0 and figs["evidence_valid"] == 1.0


def test_counts_false_positives_and_negatives() -> None:
    pred = _pred(violations=[{"code": "forced_conscription"}, {"code": "medicine_shortage"}],
                 places=[{"oblast": "UA-65"}, {"oblast": None}])
    gold = _gold(violations=["medicine_shortage", "care_denied_documents"], oblasts=["UA-23"])
    s = ev.score([pred], [gold], {})
    v, o = s.fields["violations"], s.fields["oblasts"]
    assert (v.tp, v.fp, v.fn) == (1, 1, 1)
    assert (o.tp, o.fp, o.fn) == (0, 1, 1)
    assert s.per_code["forced_conscription"].f1 == 0.0
    assert s.per_code["medicine_shortage"].f1 == 1.0


def test_origins_match_one_to_one() -> None:
    assert ev.origin_counts(["NRC", "National Resistance Center"], [NRC]) == (1, 1, 0)
    assert ev.origin_counts([], [NRC, ["Reuters"]]) == (0, 0, 2)
    assert ev.origin_counts(["Reuters", "ЦНС"], [NRC, ["Reuters"]]) == (2, 0, 0)


def test_dates_count_unmatched_predictions() -> None:
    assert ev.date_counts(["2023-08-01", "2022"], ["2023-08", "2024"]) == (1, 1, 1)


def test_invalid_and_hostile_evidence_spans() -> None:
    spans = [
        {"start": 0, "end": 1, "text": "У"},           # valid
        {"start": 2, "end": 5, "text": "xyz"},         # wrong text
        {"start": 40, "end": 400, "text": "РФ."},      # out of range
        {"start": "0", "end": 1, "text": "У"},         # wrong type
        {"start": 3, "end": 3, "text": ""},            # empty
    ]
    pred = _pred(violations=[{"code": "care_denied_documents", "evidence": spans}])
    s = ev.score([pred], [_gold()], {"docs/uk-01.txt": TEXT})
    assert s.spans == 5 and s.spans_ok == 1
    assert s.figures()["evidence_valid"] == 0.2


def test_missing_prediction_counts_as_empty_and_irrelevant() -> None:
    gold = [_gold(violations=["care_denied_documents"]), _gold(id="en-02", file="docs/en-02.txt", relevant=False)]
    s = ev.score([], gold, {})
    assert s.missing == 2 and s.relevance_accuracy == 0.5
    assert s.fields["violations"].recall == 0.0
    assert s.evidence_valid == 0.0


def test_pair_matches_whole_path_parts() -> None:
    preds = [{"file": "/x/docs/uk-011.txt"}, {"file": "/x/docs/uk-01.txt"}]
    assert ev.pair(preds, "docs/uk-01.txt") is preds[1]
    assert ev.pair(preds, "docs/ru-01.txt") is None


def test_below_floors_reports_only_failures() -> None:
    figs = {"violations.f1": 0.5, "oblasts.f1": 0.9}
    assert ev.below_floors(figs, {"violations.f1": 0.6, "oblasts.f1": 0.9, "origins.f1": 0.1}) == {
        "violations.f1": (0.5, 0.6), "origins.f1": (0.0, 0.1)}
