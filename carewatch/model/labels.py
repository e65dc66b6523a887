"""What extraction says about one report: each label with the evidence behind it.

These are plain dataclasses so the same results move between the CLI, the web app, the store
and a Dask worker; ``to_dict`` gives the JSON shape of ``carewatch extract``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from carewatch.model.evidence import Evidence


def _ev(evidence: list[Evidence], explain: bool) -> list[dict[str, Any]]:
    return [e.to_dict(explain=explain) for e in evidence]


@dataclass
class ViolationLabel:
    code: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"code": self.code, "confidence": round(self.confidence, 3),
                "evidence": _ev(self.evidence, explain)}


@dataclass
class PlaceLabel:
    name: str
    oblast: str | None
    precision: str  # settlement | raion | oblast | country
    settlement: str | None = None
    raion: str | None = None
    katottg: str | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"name": self.name, "settlement": self.settlement, "raion": self.raion,
                "oblast": self.oblast, "katottg": self.katottg, "lat": self.lat, "lon": self.lon,
                "precision": self.precision, "evidence": _ev(self.evidence, explain)}


@dataclass
class DateLabel:
    value: str  # partial ISO date: 2023, 2023-08, 2023-08-14
    precision: str  # year | month | day
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "evidence": _ev(self.evidence, explain)}


@dataclass
class VictimLabel:
    code: str
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"code": self.code, "evidence": _ev(self.evidence, explain)}


@dataclass
class ActorLabel:
    role: str
    name: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "evidence": _ev(self.evidence, explain)}


@dataclass
class Attribution:
    origin: str
    origin_id: str | None = None
    via: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {"origin": self.origin, "origin_id": self.origin_id, "via": list(self.via),
                "evidence": _ev(self.evidence, explain)}


@dataclass
class Extraction:
    """The document-level coding of one report."""

    file: str | None = None
    language: str | None = None
    relevant: bool = False
    reported_date: str | None = None
    title: str | None = None
    violations: list[ViolationLabel] = field(default_factory=list)
    places: list[PlaceLabel] = field(default_factory=list)
    event_dates: list[DateLabel] = field(default_factory=list)
    victim_groups: list[VictimLabel] = field(default_factory=list)
    actors: list[ActorLabel] = field(default_factory=list)
    attribution: list[Attribution] = field(default_factory=list)
    pipeline: dict[str, str] = field(default_factory=dict)  # stage name -> versioned name
    error: dict[str, str] | None = None

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        return {
            "file": self.file,
            "language": self.language,
            "relevant": self.relevant,
            "reported_date": self.reported_date,
            "title": self.title,
            "violations": [v.to_dict(explain=explain) for v in self.violations],
            "places": [p.to_dict(explain=explain) for p in self.places],
            "event_dates": [d.to_dict(explain=explain) for d in self.event_dates],
            "victim_groups": [v.to_dict(explain=explain) for v in self.victim_groups],
            "actors": [a.to_dict(explain=explain) for a in self.actors],
            "attribution": [a.to_dict(explain=explain) for a in self.attribution],
            "pipeline": dict(self.pipeline),
            "error": self.error,
        }
