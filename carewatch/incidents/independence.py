"""Independence of sources: who first said it, and who only repeated it.

Ten outlets repeating one National Resistance Center statement are one origin, not ten
confirmations. Each report contributes the origins it cites (registry id, else the
normalised name); a report citing nobody is its own origin, and near-duplicate copies of one
uncited text count once. Certainty is suggested from the count of independent origins.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from carewatch.incidents.facts import ReportFacts

_NON_WORD = re.compile(r"[^\w]+")

CERTAINTY_LEVELS = ("rumour", "possible", "probable", "confirmed")


def origin_key(name: str, origin_id: str | None) -> str:
    if origin_id:
        return f"id:{origin_id}"
    return "name:" + _NON_WORD.sub(" ", name.casefold()).strip()


@dataclass
class OriginInfo:
    key: str
    name: str
    reports: list[int | str] = field(default_factory=list)
    relays: list[str] = field(default_factory=list)


@dataclass
class SourceGraph:
    """The citation graph of one incident: report → via outlets → origin."""

    origins: dict[str, OriginInfo] = field(default_factory=dict)
    roles: dict[int | str, str] = field(default_factory=dict)  # report id -> origin|relay|witness
    report_count: int = 0

    @property
    def independent_origins(self) -> list[str]:
        return [o.name for o in self.origins.values()]

    def describe(self) -> str:
        """'3 reports, 1 origin (National Resistance Center), relayed by New York Post, ...'."""
        n = len(self.origins)
        names = ", ".join(o.name for o in self.origins.values())
        relays: list[str] = []
        for o in self.origins.values():
            relays += [r for r in o.relays if r not in relays]
        text = (f"{self.report_count} report{'s' if self.report_count != 1 else ''}, "
                f"{n} origin{'s' if n != 1 else ''}" + (f" ({names})" if names else ""))
        return text + (f", relayed by {', '.join(relays)}" if relays else "")


def build_graph(reports: Iterable[ReportFacts], *,
                dup_group: dict[int | str, Hashable] | None = None) -> SourceGraph:
    """Citation graph of ``reports``; ``dup_group`` maps a report id to its near-duplicate group."""
    graph = SourceGraph()
    for r in reports:
        graph.report_count += 1
        if r.kind == "testimony":
            _add(graph, f"witness:{r.report_id}", f"witness testimony #{r.report_id}", r.report_id, [])
            graph.roles[r.report_id] = "witness"
            continue
        if not r.origins:
            group = (dup_group or {}).get(r.report_id, r.report_id)
            label = r.publisher or r.title or f"report #{r.report_id}"
            _add(graph, f"self:{r.publisher or group}", label, r.report_id, [])
            graph.roles[r.report_id] = "origin"
            continue
        relayed = False
        for (name, oid), via in zip(r.origins, r.chains + [[]] * len(r.origins), strict=False):
            _add(graph, origin_key(name, oid), display_name(name, oid), r.report_id, via)
            relayed = relayed or bool(via) or not _is_self(r, name)
        graph.roles[r.report_id] = "relay" if relayed else "origin"
    return graph


def display_name(name: str, origin_id: str | None) -> str:
    """A registry origin is shown by its English name, whatever language cited it."""
    if origin_id:
        from carewatch.model.origins import by_id

        entry = by_id(origin_id)
        if entry is not None:
            return entry.display("en")
    return name


def _is_self(r: ReportFacts, origin: str) -> bool:
    pub = (r.publisher or "").split(".")[0]
    return bool(pub) and pub in origin.casefold().replace(" ", "")


def _add(graph: SourceGraph, key: str, name: str, report_id: int | str, via: list[str]) -> None:
    info = graph.origins.setdefault(key, OriginInfo(key, name))
    if report_id not in info.reports:
        info.reports.append(report_id)
    for v in via:
        if v not in info.relays:
            info.relays.append(v)


def suggest_certainty(graph: SourceGraph) -> tuple[str, str]:
    """WHO SSA-style certainty from independent origins (never from the number of articles)."""
    n = len(graph.origins)
    if n == 0:
        return "rumour", "no identifiable origin"
    if n == 1:
        origin = graph.independent_origins[0]
        return "possible", f"one origin ({origin}); {graph.report_count} report(s) repeat it"
    if n == 2:
        return "probable", "two independent origins: " + ", ".join(graph.independent_origins)
    return "confirmed", f"{n} independent origins: " + ", ".join(graph.independent_origins)
