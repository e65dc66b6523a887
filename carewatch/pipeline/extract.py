"""Assemble a Document's stage outputs into the document-level :class:`Extraction`."""

from __future__ import annotations

from typing import Any

from carewatch.model.labels import Extraction
from carewatch.pipeline.document import Document


def headline(clean_text: str, limit: int = 160) -> str | None:
    """A title for a text that has none: its first line that is not repeated.

    Repeated lines are banners (a site name, a 'fictional example' marker at top and bottom).
    """
    lines = [ln.strip() for ln in clean_text.splitlines() if ln.strip()]
    first = next((ln for ln in lines if lines.count(ln) == 1), None)
    if not first:
        return None
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def to_extraction(doc: Document, *, file: str | None = None) -> Extraction:
    labels: dict[str, Any] = doc.labels
    return Extraction(
        file=file if file is not None else doc.source,
        language=doc.language,
        relevant=bool(labels.get("relevant", bool(labels.get("violations")))),
        reported_date=labels.get("reported_date") or doc.published,
        title=doc.title or labels.get("title") or headline(doc.clean_text),
        violations=list(labels.get("violations", [])),
        places=list(labels.get("places", [])),
        event_dates=list(labels.get("event_dates", [])),
        victim_groups=list(labels.get("victim_groups", [])),
        actors=list(labels.get("actors", [])),
        attribution=list(labels.get("attribution", [])),
        pipeline=dict(doc.versions),
    )
