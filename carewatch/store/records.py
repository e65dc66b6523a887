"""Database steps of intake: capture an original's reports, then record the pipeline outcome.

Called by ``carewatch.intake.service`` after the bytes are preserved. Each step is one
transaction with its custody events, so a killed process leaves either nothing or a complete
``captured`` record that the next run picks up; never half a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from django.db import transaction

from carewatch.errors import CarewatchError
from carewatch.store import custody
from carewatch.store.models import Original, Report, ReportStatus


class RecordLike(Protocol):
    """What intake's readers return for each report in a file (``intake.files.Record``)."""

    text: str
    media_type: str
    title: str | None
    url: str | None
    published: str | None
    encoding: str | None


@dataclass
class Captured:
    """Reports of one original after capture, and which of them still need the pipeline."""

    original: Original
    reports: list[Report]
    todo: list[Report] = field(default_factory=list)
    seen_again: bool = False


def capture(*, sha256: str, size: int, media_type: str, source: str, actor: str,
            records: Sequence[RecordLike] | None, error: CarewatchError | None) -> Captured:
    """Create the Original and its Reports (or note the bytes were seen again), with custody."""
    with transaction.atomic():
        custody.lock()
        original, _created = Original.objects.get_or_create(
            sha256=sha256, defaults={"size": size, "media_type": media_type})
        existing = list(original.reports.order_by("part"))
        if existing:
            custody.append("seen_again", sha256=sha256, actor=actor, detail={"source": source})
            todo = [r for r in existing if r.status == ReportStatus.CAPTURED]
            return Captured(original, existing, todo, seen_again=True)
        reports = _create_reports(original, source=source, actor=actor, records=records or [])
        if error is not None or not reports:
            failed = reports[0] if reports else _new_report(original, 0, source, actor, None)
            _mark_failed(failed, error or CarewatchError("no report found in the file", code="CW207"),
                         actor)
            return Captured(original, reports or [failed], [])
        return Captured(original, reports, list(reports))


def finish(report: Report, *, actor: str, results: dict[str, Any] | None,
           error: CarewatchError | None, only_if_captured: bool = True) -> bool:
    """Store pipeline results (or the failure) on a report; False when another run did it first.

    The stored row is updated; the ``report`` object passed in is left as it was.
    """
    with transaction.atomic():
        custody.lock()
        current = Report.objects.select_related("original").get(pk=report.pk)
        if only_if_captured and current.status != ReportStatus.CAPTURED:
            return False
        if error is not None:
            _mark_failed(current, error, actor)
        else:
            for key, value in (results or {}).items():
                setattr(current, key, value)
            current.status = ReportStatus.PROCESSED
            current.error_code = current.error_message = current.error_hint = ""
            current.save()
            custody.append("processed", sha256=current.original.sha256, actor=actor, report=current,
                           detail={"versions": current.versions})
        return True


def recapture(original: Original, *, actor: str, records: Sequence[RecordLike] | None,
              error: CarewatchError | None, failed_only: bool) -> list[Report]:
    """Reset an original's reports from freshly decoded records, for ``reprocess``."""
    with transaction.atomic():
        custody.lock()
        reports = {r.part: r for r in original.reports.order_by("part")}
        source = next(iter(reports.values())).source if reports else ""
        todo: list[Report] = []
        for part, rec in enumerate(records or []):
            report = reports.get(part) or _new_report(original, part, source, actor, rec)
            if failed_only and report.status == ReportStatus.PROCESSED:
                continue
            _fill(report, rec)
            report.status = ReportStatus.CAPTURED
            report.error_code = report.error_message = report.error_hint = ""
            report.save()
            custody.append("reprocessed", sha256=original.sha256, actor=actor, report=report)
            todo.append(report)
        if error is not None:
            first = reports.get(0) or _new_report(original, 0, source, actor, None)
            custody.append("reprocessed", sha256=original.sha256, actor=actor, report=first)
            _mark_failed(first, error, actor)
        return todo


def _create_reports(original: Original, *, source: str, actor: str,
                    records: Sequence[RecordLike]) -> list[Report]:
    reports = []
    for part, rec in enumerate(records):
        report = _new_report(original, part, source, actor, rec)
        reports.append(report)
    return reports


def _new_report(original: Original, part: int, source: str, actor: str,
                rec: RecordLike | None) -> Report:
    report = Report(original=original, part=part, source=source, captured_by=actor,
                    captured_at=datetime.now(UTC), media_type=original.media_type)
    if rec is not None:
        _fill(report, rec)
    report.save()
    custody.append("captured", sha256=original.sha256, actor=actor, report=report,
                   detail={"source": source, "part": part, "size": original.size})
    return report


def _storable(value: str | None) -> str:
    """Text a database column can hold: NUL becomes U+FFFD, one character for one, so every
    evidence offset into the stored text stays valid (PostgreSQL refuses NUL in text)."""
    return (value or "").replace("\x00", "\ufffd")


def _fill(report: Report, rec: RecordLike) -> None:
    report.text = _storable(rec.text)
    report.media_type = rec.media_type or report.media_type
    report.title = _storable(rec.title)
    report.url = _storable(rec.url)
    report.published = _storable(rec.published)
    report.encoding = rec.encoding or ""


def _mark_failed(report: Report, error: CarewatchError, actor: str) -> None:
    report.status = ReportStatus.FAILED
    report.error_code = error.code
    report.error_message = error.message
    report.error_hint = error.hint
    report.save()
    custody.append("failed", sha256=report.original.sha256, actor=actor, report=report,
                   detail={"error": error.to_dict()})
