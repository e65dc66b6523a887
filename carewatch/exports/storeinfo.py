"""What the evidence package reads from the store: report metadata and custody lines.

Used by ``exports.evidence`` (and mirrored by ``exports.importer``); needs Django set up
(``carewatch.store.db.setup``). Report rows are matched by id, then by original SHA-256, so a
record whose ids came from another installation still finds its bytes.
"""

from __future__ import annotations

from typing import Any

from carewatch.exports.base import Record

REPORT_FIELDS = ("part", "source", "title", "url", "published", "media_type", "encoding", "captured_by",
                 "status", "language", "versions", "extraction", "error_code", "error_message", "error_hint")


def report_info(report: Any) -> dict[str, Any]:
    """A report's metadata as one JSON-able line of ``reports.jsonl``."""
    info: dict[str, Any] = {"id": report.pk, "sha256": report.original.sha256, "size": report.original.size,
                            "original_media_type": report.original.media_type,
                            "captured_at": report.captured_at.isoformat()}
    for name in REPORT_FIELDS:
        info[name] = getattr(report, name)
    return info


def reports_of(record: Record) -> list[dict[str, Any]]:
    """Metadata of the stored reports an incident record cites."""
    from carewatch.store.models import Report

    out = []
    for ref in record.get("reports") or []:
        qs = Report.objects.select_related("original")
        report = qs.filter(pk=ref.get("id")).first() if isinstance(ref.get("id"), int) else None
        if report is None and ref.get("sha256"):
            report = qs.filter(original__sha256=ref["sha256"]).order_by("part").first()
        if report is None:
            out.append({"id": ref.get("id"), "sha256": ref.get("sha256") or "", "missing": True})
        else:
            out.append(report_info(report))
    return out


def custody_of(report_id: Any) -> list[dict[str, Any]]:
    """The custody events about a report (its own and those about its original's bytes)."""
    from carewatch.store.custody import events_for
    from carewatch.store.models import Report

    if not isinstance(report_id, int):
        return []
    report = Report.objects.select_related("original").filter(pk=report_id).first()
    if report is None:
        return []
    return [{"id": e.pk, "report": e.report_id, "sha256": e.sha256, "action": e.action,
             "at": e.at.isoformat(), "actor": e.actor, "detail": e.detail, "prev_hash": e.prev_hash,
             "hash": e.hash} for e in events_for(report)]
