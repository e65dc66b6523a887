"""The incident record: the one JSON shape that pages, CLI, exports, API and dashboard share.

Built from an incident's member reports (their stored ``ReportFacts`` and report metadata).
Facts are unioned where that is safe (violation codes, places, victim groups) and kept side
by side with who said them where sources may disagree (counts, dates): ``claims``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from carewatch.incidents.facts import ReportFacts
from carewatch.incidents.independence import SourceGraph, build_graph, suggest_certainty


@dataclass
class Member:
    """One report of an incident as the record needs it."""

    facts: ReportFacts
    sha256: str = ""
    title: str = ""
    source: str = ""


def _is_year(value: str) -> bool:
    digits = value.replace(" ", "").replace("\u00a0", "")
    return len(digits) == 4 and 1900 <= int(digits) <= 2100


def _places(members: Sequence[Member]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for m in members:
        for p in m.facts.places:
            key = p.get("katottg") or p.get("name") or ""
            entry = out.setdefault(key, {**p, "reports": []})
            if m.facts.report_id not in entry["reports"]:
                entry["reports"].append(m.facts.report_id)
    rank = {"settlement": 0, "raion": 1, "oblast": 2, "country": 3}
    return sorted(out.values(), key=lambda p: (rank.get(p.get("precision") or "", 4), p.get("name") or ""))


def _claims(members: Sequence[Member], attr: str) -> list[dict[str, Any]]:
    """Each value a report states, with the reports (and publishers) that state it."""
    out: dict[str, dict[str, Any]] = {}
    for m in members:
        values = getattr(m.facts, attr)
        for v in sorted(values):
            if attr == "numbers" and _is_year(v):
                continue
            entry = out.setdefault(v, {"value": v, "reports": [], "sources": []})
            entry["reports"].append(m.facts.report_id)
            who = m.facts.publisher or m.source
            if who and who not in entry["sources"]:
                entry["sources"].append(who)
    return sorted(out.values(), key=lambda c: c["value"])


def _path_like(value: str) -> bool:
    """File paths are no titles (and may name a witness); see Redactor.outward_source."""
    return value.startswith(("/", "\\", "file:")) or (len(value) > 2 and value[1:3] == ":\\")


def title_of(members: Sequence[Member], graph: SourceGraph) -> str:
    origins = [m for m in members if graph.roles.get(m.facts.report_id) == "origin"]
    for m in [*origins, *members]:
        title = m.title or m.facts.title
        if title and not _path_like(title):
            return title[:200]
    lead = members[0].facts.lead(120) if members else ""
    return lead or "untitled incident"


def build(members: Sequence[Member], *, dup_group: dict[int | str, Any] | None = None) -> dict[str, Any]:
    """Everything in the record that follows from the member reports (no reviewer state)."""
    facts = [m.facts for m in members]
    graph = build_graph(facts, dup_group=dup_group)
    level, reason = suggest_certainty(graph)
    dates = sorted({d for f in facts for d in f.dates})
    oblasts = sorted({o for f in facts for o in f.oblasts})
    return {
        "title": title_of(members, graph),
        "violations": sorted({v for f in facts for v in f.violations}),
        "places": _places(members),
        "oblasts": oblasts,
        "first_date": dates[0] if dates else None,
        "last_date": max(dates, key=lambda d: d.ljust(10, "~")) if dates else None,
        "dates": dates,
        "victim_groups": sorted({v for f in facts for v in f.victim_groups}),
        "perpetrators": sorted({a for f in facts for a in f.actors}),
        "reports": [{
            "id": m.facts.report_id, "source": m.source or m.facts.source, "title": m.title or m.facts.title,
            "language": m.facts.language, "role": graph.roles.get(m.facts.report_id, "origin"),
            "sha256": m.sha256, "published": m.facts.published,
            "origins": [o for o, _ in m.facts.origins], "via": sorted({v for c in m.facts.chains for v in c}),
        } for m in members],
        "independent_origins": graph.independent_origins,
        "origin_count": len(graph.origins),
        "chain": graph.describe(),
        "suggested_certainty": level,
        "suggested_reason": reason,
        "claims": {"numbers": _claims(members, "numbers"), "dates": _claims(members, "dates")},
        "persons": [],
    }
