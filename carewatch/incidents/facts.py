"""The facts of one report that incident building compares (a flat view of an Extraction)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any
from urllib.parse import urlparse

_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?:[ \u00a0]\d{3})*(?![\d.,])")


@dataclass
class ReportFacts:
    report_id: int | str
    text: str = ""
    title: str | None = None
    source: str | None = None
    language: str | None = None
    violations: set[str] = field(default_factory=set)
    oblasts: set[str] = field(default_factory=set)
    settlements: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)
    origins: list[tuple[str, str | None]] = field(default_factory=list)  # (name, registry id)
    chains: list[list[str]] = field(default_factory=list)  # via outlets per attribution
    victim_groups: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    kind: str = "report"  # report | testimony
    signature: bytes | None = None  # stored MinHash hash values
    embedding: bytes | None = None  # stored float32 e5 vector of ``lead()``
    places: list[dict[str, Any]] = field(default_factory=list)  # PlaceLabel dicts, no evidence
    actors: set[str] = field(default_factory=set)
    published: str | None = None

    @property
    def publisher(self) -> str | None:
        """Who published this report: the host of a URL, else the file's folder name."""
        if not self.source:
            return None
        parsed = urlparse(self.source)
        if parsed.scheme in ("http", "https") and parsed.hostname:
            return parsed.hostname.removeprefix("www.")
        return None

    def lead(self, limit: int = 300) -> str:
        """Title and opening of the text: what cross-lingual similarity embeds."""
        body = " ".join(self.text.split())[:limit]
        return f"{self.title}. {body}" if self.title and self.title not in body else body

    @classmethod
    def from_extraction(cls, report_id: int | str, extraction: dict[str, Any], *, text: str = "",
                        source: str | None = None, kind: str = "report") -> ReportFacts:
        """Build facts from ``Extraction.to_dict()`` output."""
        places = extraction.get("places") or []
        attribution = extraction.get("attribution") or []
        return cls(
            report_id=report_id,
            text=text,
            title=extraction.get("title"),
            source=source or extraction.get("file"),
            language=extraction.get("language"),
            violations={v["code"] for v in extraction.get("violations") or []},
            oblasts={p["oblast"] for p in places if p.get("oblast")},
            settlements={p["settlement"] for p in places if p.get("settlement")},
            dates=sorted({d["value"] for d in extraction.get("event_dates") or [] if d.get("value")}),
            origins=[(a.get("origin") or "", a.get("origin_id")) for a in attribution if a.get("origin")],
            chains=[list(a.get("via") or []) for a in attribution],
            victim_groups={v["code"] for v in extraction.get("victim_groups") or []},
            numbers=set(_NUMBER.findall(text)),
            kind=kind,
            places=[{k: v for k, v in p.items() if k != "evidence"} for p in places],
            actors={a["role"] for a in extraction.get("actors") or [] if a.get("role")},
            published=extraction.get("reported_date"),
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-able facts for storage (signature and embedding are stored as bytes apart)."""
        out = {k: v for k, v in asdict(self).items() if k not in ("signature", "embedding", "text")}
        for key in ("violations", "oblasts", "settlements", "victim_groups", "numbers", "actors"):
            out[key] = sorted(out[key])
        out["origins"] = [list(o) for o in self.origins]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], *, text: str = "", signature: bytes | None = None,
                  embedding: bytes | None = None) -> ReportFacts:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        for key in ("violations", "oblasts", "settlements", "victim_groups", "numbers", "actors"):
            kw[key] = set(kw.get(key) or [])
        kw["origins"] = [(o[0], o[1]) for o in kw.get("origins") or []]
        return cls(**{**kw, "text": text, "signature": signature, "embedding": embedding})
