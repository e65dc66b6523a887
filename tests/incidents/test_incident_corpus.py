"""The synthetic corpus through the real pipeline clusters into its events (pure Python)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from incident_metrics import pairwise_f1

from carewatch.incidents.clustering import cluster
from carewatch.incidents.facts import ReportFacts
from carewatch.incidents.independence import build_graph, suggest_certainty

ORIGINS = {"E1": 1, "E2": 1, "E3": 1, "E4": 1, "E5": 1, "E6": 1, "E7": 1, "E8": 2, "E9": 1}


def _facts(processed: dict[str, dict[str, Any]]) -> list[ReportFacts]:
    out = []
    for name, item in processed.items():
        f = ReportFacts.from_extraction(name, item["extraction"], text=item["clean_text"], source=item["source"])
        if f.violations:
            out.append(f)
    return out


@pytest.fixture(scope="module")
def clusters(processed: dict[str, dict[str, Any]]) -> list[Any]:
    return cluster(_facts(processed))


def test_corpus_is_big_enough(processed: dict[str, dict[str, Any]]) -> None:
    events = {i["event"] for i in processed.values() if i["event"]}
    assert len(processed) >= 30 and len(events) >= 8
    assert {i["language"] for i in processed.values()} >= {"uk", "ru", "en"}


def test_pairwise_f1(processed: dict[str, dict[str, Any]], clusters: list[Any]) -> None:
    gold: dict[str, list[str]] = defaultdict(list)
    for name, item in processed.items():
        gold[item["event"] or f"none:{name}"].append(name)
    predicted = [c.report_ids for c in clusters]
    assert pairwise_f1(predicted, gold.values()) >= 0.9
    clustered = {r for c in clusters for r in c.report_ids}
    assert not any(n.startswith("x") for n in clustered), "distractors must not form incidents"


def test_same_type_same_oblast_a_year_apart_stay_apart(clusters: list[Any]) -> None:
    of = {r: i for i, c in enumerate(clusters) for r in c.report_ids}
    assert of["e1-uk-nrc.txt"] != of["e9-uk-nrc.txt"]
    assert of["e9-uk-nrc.txt"] == of["e9-en-relay.txt"]


def test_independence_per_event(processed: dict[str, dict[str, Any]], clusters: list[Any]) -> None:
    for c in clusters:
        events = {processed[r]["event"] for r in c.report_ids}
        assert len(events) == 1
        graph = build_graph(c.members)
        assert len(graph.origins) == ORIGINS[events.pop()], graph.describe()


def test_relays_stay_possible_until_corroborated(clusters: list[Any]) -> None:
    by_first = {sorted(c.report_ids)[0]: c for c in clusters}
    e1 = by_first["e1-en-kyivind.txt"]
    assert len(e1.members) == 4
    assert suggest_certainty(build_graph(e1.members))[0] == "possible"
    e8 = next(c for c in clusters if "e8-en-hrw.txt" in c.report_ids)
    assert suggest_certainty(build_graph(e8.members))[0] == "probable"


def test_policy_stage_finds_the_oms_rule(processed: dict[str, dict[str, Any]]) -> None:
    for name in ("e3-uk-ova.txt", "e3-ru-relay.txt", "e3-en-relay.txt"):
        item = processed[name]
        policies = item["policies"]
        assert [p["requirement"] for p in policies] == ["oms_policy"]
        assert policies[0]["effective_date"] == "2026-01-01"
        assert policies[0]["territory"] == ["UA-23"]
        ev = policies[0]["evidence"][0]
        assert item["text"][ev["start"]:ev["end"]] == ev["text"]
    assert not processed["e2-uk-ova.txt"]["policies"]
