"""Ingest service: files and folders in, preserved originals and processed reports out.

The flow per file: read the bytes, preserve them first (``intake.preserve``), capture the
Original/Report records and custody in one transaction (``store.records``), then run the intake
pipeline stages and mark each report processed or failed. Bad input never stops a batch; a
killed run is finished by running it again. Called by the CLI, later by the web app.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carewatch import config
from carewatch.errors import CarewatchError, IntakeError, PipelineError
from carewatch.intake import files, preserve
from carewatch.pipeline import registry
from carewatch.pipeline.document import Document
from carewatch.pipeline.extract import to_extraction
from carewatch.pipeline.runner import DEFAULT_STAGES, INTAKE_STAGES, run


@dataclass
class FileOutcome:
    """What happened to one input file (passed to the progress callback)."""

    path: str
    size: int
    status: str  # processed | failed | seen_again
    sha256: str | None = None
    reports: int = 0
    error: dict[str, str] | None = None


@dataclass
class IngestSummary:
    """Totals for a batch; ``ok`` is what the CLI's exit code reflects."""

    files: int = 0
    bytes: int = 0
    processed: int = 0
    failed: int = 0
    seen_again: int = 0
    reports: int = 0
    failures: list[FileOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def add(self, outcome: FileOutcome) -> None:
        self.files += 1
        self.bytes += outcome.size
        self.reports += outcome.reports
        if outcome.status == "failed":
            self.failed += 1
            self.failures.append(outcome)
        elif outcome.status == "seen_again":
            self.seen_again += 1
        else:
            self.processed += 1


Progress = Callable[[FileOutcome], None]


def available_stages(wanted: Sequence[str] = INTAKE_STAGES) -> tuple[str, ...]:
    """The wanted stages that are registered now (stage modules arrive independently)."""
    known = set(registry.names())
    return tuple(name for name in wanted if name in known)


def resolve_stages(spec: str) -> tuple[str, ...]:
    """Stage list from the CLI: ``intake``, ``all``, ``none`` or comma-separated names."""
    if spec == "intake":
        return available_stages(INTAKE_STAGES)
    if spec == "all":
        return available_stages(DEFAULT_STAGES)
    if spec == "none":
        return ()
    return tuple(s.strip() for s in spec.split(",") if s.strip())


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under ``paths`` in a stable order; hidden files inside folders are skipped."""
    for path in paths:
        if not path.exists():
            raise IntakeError(f"no such file or folder: {path}", code="CW220",
                              hint="check the path and run the command again")
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file())
            yield from sorted(p for p in found if not _hidden(p.relative_to(path)))
        else:
            yield path


def ingest_paths(paths: Iterable[Path], *, on_progress: Progress | None = None,
                 csv_columns: dict[str, str] | None = None,
                 stages: Sequence[str] | None = None) -> IngestSummary:
    """Ingest every file under ``paths``; see the module docstring for the steps."""
    from carewatch.store import db

    db.setup(migrate=True)
    cfg = config.load()
    todo_stages = available_stages() if stages is None else tuple(stages)
    summary = IngestSummary()
    for path in iter_files(paths):
        outcome = _ingest_one(path, cfg, todo_stages, csv_columns)
        summary.add(outcome)
        if on_progress is not None:
            on_progress(outcome)
    return summary


def reprocess(*, failed_only: bool = True, on_progress: Progress | None = None,
              csv_columns: dict[str, str] | None = None,
              stages: Sequence[str] | None = None) -> IngestSummary:
    """Decode the preserved bytes again and re-run the stages (failed or stuck reports only)."""
    from carewatch.store import db

    db.setup(migrate=True)
    from carewatch.protection.testimony import SEALED_MEDIA_TYPE
    from carewatch.store import records
    from carewatch.store.models import Original, ReportStatus

    cfg = config.load()
    todo_stages = available_stages() if stages is None else tuple(stages)
    originals = Original.objects.order_by("id")
    if failed_only:
        stuck = [ReportStatus.FAILED, ReportStatus.CAPTURED]
        originals = originals.filter(reports__status__in=stuck).distinct()
    summary = IngestSummary()
    for original in originals:
        if original.media_type == SEALED_MEDIA_TYPE:  # ciphertext: never decode it as text
            summary.add(_reprocess_sealed(original, cfg.operator, failed_only))
            continue
        recs, error = _decode_preserved(cfg, original.sha256, _source_of(original), csv_columns)
        todo = records.recapture(original, actor=cfg.operator, records=recs, error=error,
                                 failed_only=failed_only)
        outcome = FileOutcome(_source_of(original), original.size, "processed", original.sha256)
        outcome.reports = len(todo)
        _finish_all(todo, todo_stages, cfg.operator, outcome)
        _settle(outcome, original)
        summary.add(outcome)
        if on_progress is not None:
            on_progress(outcome)
    return summary


def _reprocess_sealed(original: Any, actor: str, failed_only: bool) -> FileOutcome:
    """A sealed testimony goes through the testimony service, which decrypts and masks it."""
    from carewatch.protection import testimony

    outcome = FileOutcome(_source_of(original), original.size, "processed", original.sha256)
    reports = original.reports.order_by("part")
    if failed_only:
        reports = reports.exclude(status="processed")
    for report in reports:
        try:
            outcome.reports += testimony.reextract(report_id=report.pk, actor=actor)
        except CarewatchError as exc:  # e.g. no master key: the stored masked report stays as it is
            outcome.status, outcome.error = "failed", exc.to_dict()
    return outcome


def _ingest_one(path: Path, cfg: config.Settings, stages: tuple[str, ...],
                csv_columns: dict[str, str] | None) -> FileOutcome:
    from carewatch.store import records

    source = str(path.resolve())
    outcome = FileOutcome(source, 0, "processed")
    try:
        kept, recs, error = _preserve_and_read(path, cfg, csv_columns)
    except OSError as exc:  # unreadable: nothing could be preserved, so nothing is stored
        outcome.status = "failed"
        outcome.error = IntakeError(f"could not read the file: {exc.strerror or exc}", code="CW221",
                                    hint="check the file's permissions and run ingest again").to_dict()
        return outcome
    outcome.size, outcome.sha256 = kept.size, kept.sha256
    media = recs[0].media_type if recs else _guess_media(path)
    captured = records.capture(sha256=kept.sha256, size=kept.size, media_type=media, source=source,
                               actor=cfg.operator, records=list(recs or []), error=error)
    outcome.reports = 0 if captured.seen_again else len(captured.reports)
    _finish_all(captured.todo, stages, cfg.operator, outcome)
    _settle(outcome, captured.original)
    if captured.seen_again and outcome.status != "failed":
        outcome.status = "seen_again"
    return outcome


def _preserve_and_read(path: Path, cfg: config.Settings, csv_columns: dict[str, str] | None,
                       ) -> tuple[preserve.Preserved, list[files.Record] | None, CarewatchError | None]:
    """Preserve first, decode second: a file that fails to decode is still kept."""
    if path.stat().st_size > cfg.max_file_bytes:
        kept = preserve.preserve_file(path, cfg.originals_dir)
        return kept, None, _oversize(kept.size, cfg.max_file_bytes)
    raw = path.read_bytes()
    kept = preserve.preserve_bytes(raw, cfg.originals_dir)
    try:
        return kept, _read(raw, path.name, cfg.max_file_bytes, csv_columns), None
    except CarewatchError as exc:
        return kept, None, exc


def _decode_preserved(cfg: config.Settings, sha256: str, source: str,
                      csv_columns: dict[str, str] | None) -> tuple[list[files.Record] | None,
                                                                    CarewatchError | None]:
    path = preserve.original_path(cfg.originals_dir, sha256)
    try:
        size = path.stat().st_size
        if size > cfg.max_file_bytes:
            return None, _oversize(size, cfg.max_file_bytes)
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, CarewatchError("the preserved original has vanished", code="CW501",
                                    hint="restore it from a backup; run `carewatch verify`")
    try:
        return _read(raw, Path(source).name, cfg.max_file_bytes, csv_columns), None
    except CarewatchError as exc:
        return None, exc


def _read(raw: bytes, name: str, max_bytes: int, csv_columns: dict[str, str] | None) -> list[files.Record]:
    return files.read_bytes(raw, name=name, max_bytes=max_bytes, csv_columns=csv_columns or None)


def _finish_all(todo: list[Any], stages: tuple[str, ...], actor: str, outcome: FileOutcome) -> None:
    from carewatch.store import records

    for report in todo:
        results, error = _run_stages(report, stages)
        records.finish(report, actor=actor, results=results, error=error)


def _run_stages(report: Any, stages: tuple[str, ...]) -> tuple[dict[str, Any] | None, CarewatchError | None]:
    """Run the stages on one report; any failure becomes a recorded error, never a crash."""
    doc = Document(text=report.text, media_type=report.media_type, source=report.source,
                   title=report.title or None, published=report.published or None)
    try:
        run(doc, stages)
    except CarewatchError as exc:
        return None, exc
    except Exception as exc:  # a stage bug must not stop the batch; the report records it
        return None, PipelineError(f"a pipeline stage crashed: {type(exc).__name__}: {exc}",
                                   code="CW309", hint="report this bug; then `carewatch reprocess --failed`")
    return {
        "clean_text": doc.clean_text,
        "language": doc.language or "",
        "offsets": doc.offsets.to_list(),
        "versions": dict(doc.versions),
        "extraction": to_extraction(doc, file=report.source).to_dict(explain=True),
    }, None


def _settle(outcome: FileOutcome, original: Any) -> None:
    """The file's status is failed when any of its reports failed."""
    failed = original.reports.filter(status="failed").order_by("part").first()
    if failed is not None:
        outcome.status = "failed"
        outcome.error = failed.error()


def _oversize(size: int, limit: int) -> IntakeError:
    return IntakeError(f"the file is {size / 1048576:.1f} MB, over the {limit / 1048576:.1f} MB limit",
                       code="CW205", hint="raise CAREWATCH_MAX_FILE_MB, then `carewatch reprocess --failed`")


def _guess_media(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _source_of(original: Any) -> str:
    first = original.reports.order_by("part").first()
    return str(first.source) if first is not None else str(original.sha256)


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)
