"""Helpers for incident tests: the corpus labels and storing processed reports as ingest does."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"


def labels() -> dict[str, dict[str, Any]]:
    return dict(sorted(json.loads((CORPUS / "labels.json").read_text(encoding="utf-8")).items()))


def clear_incident_tables() -> None:
    from carewatch.store.incidentdb import models as m

    for model in (m.Policy, m.Decision, m.Incident, m.ReportFacts):
        model.objects.all().delete()


def add_report(item: dict[str, Any], *, name: str) -> int:
    """Store one processed report as ingest would (Original + processed Report)."""
    from carewatch.store.models import Original, Report

    raw = item["text"].encode()
    original = Original.objects.create(sha256=hashlib.sha256(raw).hexdigest(), size=len(raw),
                                       media_type="text/plain")
    report = Report.objects.create(
        original=original, source=name, url=item["source"], title=item["title"], media_type="text/plain",
        captured_at=datetime.now(UTC), captured_by="tester", status="processed", text=item["text"],
        clean_text=item["clean_text"], language=item["language"], offsets=item["offsets"],
        extraction=item["extraction"], versions=item["versions"])
    return int(report.pk)
