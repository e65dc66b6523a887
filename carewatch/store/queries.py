"""Read-side of the store: report listings, one report's record, and corpus summaries.

Used by ``carewatch reports``, ``carewatch demo`` and later the web views; returns plain dicts
so callers never touch the ORM.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from carewatch.errors import NotFoundError
from carewatch.store import custody
from carewatch.store.models import Report


def report_row(report: Report) -> dict[str, Any]:
    """The listing shape (``reports list --format jsonl``)."""
    return {
        "id": report.pk,
        "sha256": report.original.sha256,
        "part": report.part,
        "status": report.status,
        "source": report.source,
        "title": report.title or None,
        "media_type": report.media_type,
        "language": report.language or None,
        "captured_at": report.captured_at.isoformat(),
        "error": report.error(),
    }


def iter_reports(*, status: str | None = None) -> Iterator[dict[str, Any]]:
    """Every report in id order (optionally one status), streamed."""
    qs = Report.objects.select_related("original").order_by("id")
    if status:
        qs = qs.filter(status=status)
    for report in qs.iterator(chunk_size=500):
        yield report_row(report)


def get_report(report_id: int) -> Report:
    try:
        return Report.objects.select_related("original").get(pk=report_id)
    except Report.DoesNotExist:
        raise NotFoundError(f"no report with id {report_id}", code="CW404",
                            hint="list ids with `carewatch reports list`") from None


def report_detail(report_id: int) -> dict[str, Any]:
    """Metadata, custody log and both texts of one report (``reports show``)."""
    report = get_report(report_id)
    out = report_row(report)
    out.update({
        "url": report.url or None,
        "published": report.published or None,
        "encoding": report.encoding or None,
        "captured_by": report.captured_by,
        "size": report.original.size,
        "versions": report.versions,
        "text": report.text,
        "clean_text": report.clean_text,
        "extraction": report.extraction,
        "custody": [
            {"at": e.at.isoformat(), "action": e.action, "actor": e.actor, "report": e.report_id,
             "detail": e.detail, "hash": e.hash}
            for e in custody.events_for(report)
        ],
    })
    return out


def corpus_summary() -> dict[str, Counter[str]]:
    """Counts by status and language, and by violation type and oblast from extractions."""
    out: dict[str, Counter[str]] = {k: Counter() for k in ("status", "language", "violation", "oblast")}
    rows = Report.objects.order_by("id").values_list("status", "language", "extraction")
    for status, language, extraction in rows.iterator(chunk_size=500):
        out["status"][status] += 1
        out["language"][language or "unknown"] += 1
        data = extraction or {}
        for code in {v.get("code") for v in data.get("violations", []) if v.get("code")}:
            out["violation"][code] += 1
        for oblast in {p.get("oblast") for p in data.get("places", []) if p.get("oblast")}:
            out["oblast"][oblast] += 1
    return out
