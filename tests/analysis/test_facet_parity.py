"""The facet-table aggregates give the dashboard the same figures as reading every JSON record.

A few hundred seeded incidents (uk/ru/en names, hostile strings, malformed places and
sources) are written both with ``save`` (the facet receiver) and with ``bulk_create`` (caught
up by ``facets.ensure``); the database aggregates must equal a per-record computation.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .world import reset

NAMES = ["Мелітополь", "Мелитополь", "Melitopol", "Токмак", "Скадовськ", "Олешки", "Алешки", "Генічеськ",
         "Robert'); DROP TABLE incidentdb_incident;--", "<img src=x onerror=alert(1)>", "名前", "", None]
RAIONS = ["Мелітопольський район", "Мелитопольский район", "Kherson raion", "", None, "R&D \"quoted\""]
OBLASTS = ["UA-23", "UA-65", "UA-09", "UA-14", "", None]
VIOLATIONS = ["care_denied_documents", "medicine_for_enlistment", "forced_passportization", "forced_conscription"]
SOURCES = ["https://www.ukrinform.ua/a", "https://ria.ru/x?y=1", "http://www.nypost.com/p", "Центр національного спротиву",
           "/tmp/свідок.txt", "Голос Приазовья", "   ", "<b>x</b>"]


def _place(rng: random.Random) -> Any:
    if rng.random() < 0.04:
        return rng.choice(["Мелітополь", 7, None, ["nested"]])  # not an object: counted, never named
    place: dict[str, Any] = {"name": "x", "precision": "settlement"}
    for key, pool in (("settlement", NAMES), ("raion", RAIONS), ("oblast", OBLASTS)):
        if rng.random() > 0.05:  # sometimes the key is missing altogether
            place[key] = rng.choice(pool)
    place["lat"] = rng.choice([46.8 + rng.random(), 47.25, "46.5", None, "", "inf"])
    place["lon"] = rng.choice([35.3 + rng.random(), 35.7, "35.1", None, "east"])
    return place


def _record(rng: random.Random) -> dict[str, Any]:
    places = [_place(rng) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    if rng.random() < 0.03:
        places = {"not": "a list"}  # type: ignore[assignment]
    origins: list[Any] = rng.sample(SOURCES, rng.choice([0, 1, 2]))
    origins += rng.choice([[], [""], [None], [origins[0]] if origins else []])
    reports = [{"id": i, "source": rng.choice([*SOURCES, "", None]), "role": rng.choice(["origin", "relay", "relay"])}
               for i in range(rng.choice([0, 1, 2, 4]))]
    reports += rng.choice([[], ["stray string"], [{"role": "relay"}]])
    return {"title": "t", "places": places, "independent_origins": origins, "reports": reports}


def _short(src: str) -> str:
    from carewatch.analysis.source import short_source

    return short_source(src)


def _coord(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) and not isinstance(v, bool) else None


def _text(v: Any) -> Any:
    return v if v is None or isinstance(v, str) else f"{v}"


def _reference(incidents: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The old path: every record read in Python, each incident counted once per bucket."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    by_violation: defaultdict[str, set[str]] = defaultdict(set)
    origins: Counter[str] = Counter()
    relays: Counter[str] = Counter()
    for i, (tags, rec) in enumerate(incidents):
        places = rec["places"] if isinstance(rec["places"], list) else []
        for p in places:
            p = p if isinstance(p, dict) else {}
            key = tuple(_text(p.get(k)) for k in ("settlement", "raion", "oblast"))
            g = groups.setdefault(key, {"ids": set(), "lat": [], "lon": []})
            g["ids"].add(i)
            g["lat"] += [c for c in [_coord(p.get("lat"))] if c is not None]
            g["lon"] += [c for c in [_coord(p.get("lon"))] if c is not None]
            if key[0]:
                for code in filter(None, tags.split("|")):
                    by_violation[code].add(f"{key[0]}|{key[2]}")
        origins.update({str(o) for o in rec["independent_origins"] if o})
        relay_sources = {r["source"] for r in rec["reports"]
                         if isinstance(r, dict) and r.get("role") == "relay" and r.get("source")}
        for src in relay_sources:
            relays[_short(src)] += 1
    places_out = [(k, len(g["ids"]), min(g["lat"], default=None), min(g["lon"], default=None))
                  for k, g in groups.items()]
    return {"places": places_out, "by_violation": dict(by_violation), "origins": origins, "relays": relays}


def _write(n: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    from carewatch.store.incidentdb.models import Incident

    rng = random.Random(seed)
    reset()
    written, bulk = [], []
    for k in range(n):
        rec = _record(rng)
        tags = "|" + "|".join(sorted(set(rng.sample(VIOLATIONS, rng.choice([1, 2]))))) + "|"
        row = Incident(title="t", violation_tags=tags, oblast_tags="|UA-23|", record=rec)
        if k % 3:
            row.save()
        else:
            bulk.append(row)
        written.append((tags, rec))
    Incident.objects.bulk_create(bulk)
    return written


def _as_sorted(agg: Any) -> list[tuple[Any, ...]]:
    return [((p["settlement"], p["raion"], p["oblast"]), p["n"], p["lat"], p["lon"]) for p in agg.places]


def _close(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> bool:
    def norm(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return sorted(((k, n, None if la is None else round(la, 9), None if lo is None else round(lo, 9))
                       for k, n, la, lo in rows), key=repr)
    return norm(a) == norm(b)


def test_facet_aggregates_equal_the_per_record_path(store: Path) -> None:
    from carewatch.analysis import source, stats

    written = _write(300, seed=11)
    agg = source.collect(user=None)
    ref = _reference(written)
    assert agg.total == 300
    assert _close(_as_sorted(agg), ref["places"])
    assert dict(agg.settlements_by_violation) == ref["by_violation"]
    assert agg.origins == ref["origins"]
    assert agg.relays == ref["relays"]
    assert "Robert'); DROP TABLE incidentdb_incident;--" in {p["settlement"] for p in agg.places}
    summ = stats.summary(agg, {})
    assert summ["patterns"]["settlements"] == len({(k[0], k[2] or "") for k, *_ in ref["places"] if k[0]})
    assert summ["independence"]["relays"] == len(ref["relays"])


def test_facets_follow_edits_and_deletes(store: Path) -> None:
    from carewatch.analysis import source
    from carewatch.store.incidentdb.models import Incident, IncidentPlace

    written = _write(40, seed=3)
    first = Incident.objects.order_by("pk").first()
    assert first is not None
    first.record = {"places": [{"settlement": "Нова Каховка", "oblast": "UA-65", "lat": 46.75, "lon": 33.37}],
                    "independent_origins": ["Новий джерело"], "reports": []}
    first.save(update_fields=["record"])
    written[1] = (first.violation_tags, first.record)  # rows 0, 3, 6... were bulk-created after the saves
    Incident.objects.filter(pk=Incident.objects.order_by("-pk").values("pk")[:1]).delete()
    del written[-1]  # the last bulk-created row is the highest id
    agg = source.collect(user=None)
    ref = _reference(written)
    assert _close(_as_sorted(agg), ref["places"])
    assert agg.origins == ref["origins"] and agg.relays == ref["relays"]
    assert IncidentPlace.objects.filter(incident=first).count() == 1


def test_filters_apply_to_facets(store: Path) -> None:
    from carewatch.analysis import source

    written = _write(120, seed=5)
    agg = source.collect(user=None, filters={"violation": "medicine_for_enlistment"})
    ref = _reference([(t, r) for t, r in written if "|medicine_for_enlistment|" in t])
    assert agg.total == sum("|medicine_for_enlistment|" in t for t, _ in written)
    assert _close(_as_sorted(agg), ref["places"])
    assert agg.origins == ref["origins"] and agg.relays == ref["relays"]


def test_rebuild_keeps_imported_incidents_without_reports(store: Path, monkeypatch: Any) -> None:
    from carewatch.incidents import sync
    from carewatch.store.incidentdb.models import Incident, IncidentSource

    monkeypatch.setenv("CAREWATCH_INCIDENT_EMBEDDINGS", "0")
    reset()
    imported = Incident.objects.create(title="imported", record={"independent_origins": ["Partner NGO"]})
    assert sync.rebuild() == 1
    assert Incident.objects.filter(pk=imported.pk, record__independent_origins=["Partner NGO"]).exists()
    assert IncidentSource.objects.filter(incident=imported, kind="origin", name="Partner NGO").exists()
