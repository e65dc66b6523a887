"""Ingest service against a real store, on SQLite and on PostgreSQL (same tests, both backends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from carewatch.intake import preserve, service


def _models():  # type: ignore[no-untyped-def]
    from carewatch.store.models import CustodyEvent, Original, Report

    return Original, Report, CustodyEvent


def test_ingest_is_idempotent(store: Path, corpus: dict[str, Path]) -> None:
    Original, Report, CustodyEvent = _models()
    folder = corpus["uk.txt"].parent
    first = service.ingest_paths([folder], stages=())
    assert (first.files, first.reports, first.failed, first.seen_again) == (5, 5, 1, 0)
    again = service.ingest_paths([folder], stages=())
    assert (again.files, again.reports, again.seen_again) == (5, 0, 4)
    assert again.failed == 1  # the empty file is still failed: the batch is not ok
    assert Original.objects.count() == 5 and Report.objects.count() == 5
    assert CustodyEvent.objects.filter(action="seen_again").count() == 5


def test_custody_log_records_each_step(store: Path, corpus: dict[str, Path]) -> None:
    _, Report, CustodyEvent = _models()
    from carewatch.store import custody

    service.ingest_paths([corpus["ru.txt"]], stages=())
    service.ingest_paths([corpus["ru.txt"]], stages=())
    report = Report.objects.get()
    actions = [e.action for e in custody.events_for(report)]
    assert actions == ["captured", "processed", "seen_again"]
    captured = CustodyEvent.objects.get(action="captured")
    assert captured.actor == "tester" and captured.sha256 == report.original.sha256
    assert captured.detail == {"source": str(corpus["ru.txt"].resolve()), "part": 0,
                               "size": corpus["ru.txt"].stat().st_size}
    assert report.captured_by == "tester" and report.captured_at.utcoffset().total_seconds() == 0
    assert custody.check_chain() == []


def test_edited_or_deleted_custody_rows_break_the_chain(store: Path, corpus: dict[str, Path]) -> None:
    _, _, CustodyEvent = _models()
    from carewatch.store import custody

    service.ingest_paths([corpus["uk.txt"].parent], stages=())
    events = list(CustodyEvent.objects.order_by("id"))
    CustodyEvent.objects.filter(pk=events[1].pk).update(actor="someone else")
    problems = custody.check_chain()
    assert [p.event_id for p in problems] == [events[1].pk]
    CustodyEvent.objects.filter(pk=events[1].pk).update(actor=events[1].actor)
    assert custody.check_chain() == []
    CustodyEvent.objects.filter(pk=events[3].pk).delete()
    assert [p.event_id for p in custody.check_chain()] == [events[4].pk]


def test_texts_are_decoded_and_offsets_kept(store: Path, corpus: dict[str, Path]) -> None:
    _, Report, _ = _models()
    stages = service.available_stages()
    service.ingest_paths([corpus["cp1251.txt"], corpus["uk.txt"]], stages=stages)
    cp = Report.objects.get(source=str(corpus["cp1251.txt"].resolve()))
    assert cp.status == "processed"
    assert "Енергодара" in cp.text
    assert set(cp.versions) == set(stages)
    if "language" in stages:
        assert Report.objects.get(source=str(corpus["uk.txt"].resolve())).language == "uk"


def test_bad_input_is_preserved_failed_and_reprocessed_after_fix(
        store: Path, corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    Original, Report, CustodyEvent = _models()
    monkeypatch.setenv("CAREWATCH_MAX_FILE_MB", "0.00001")  # about 10 bytes
    summary = service.ingest_paths([corpus["ru.txt"], corpus["empty.txt"]], stages=())
    assert summary.failed == 2 and not summary.ok
    codes = dict(Report.objects.values_list("source", "error_code"))
    assert codes[str(corpus["ru.txt"].resolve())] == "CW205"
    assert codes[str(corpus["empty.txt"].resolve())] == "CW201"
    for original in Original.objects.all():  # preserved even though they failed
        assert preserve.verify(store / "originals", original.sha256) == "ok"
    monkeypatch.delenv("CAREWATCH_MAX_FILE_MB")
    again = service.reprocess(failed_only=True, stages=())
    assert again.files == 2 and again.failed == 1  # the empty file stays failed
    fixed = Report.objects.get(source=str(corpus["ru.txt"].resolve()))
    assert fixed.status == "processed" and fixed.error() is None and "ВИЧ" in fixed.text
    assert CustodyEvent.objects.filter(report=fixed, action="reprocessed").count() == 1
    assert Report.objects.count() == 2


def test_stage_failure_is_recorded_and_batch_continues(store: Path, corpus: dict[str, Path]) -> None:
    _, Report, _ = _models()
    summary = service.ingest_paths([corpus["uk.txt"].parent], stages=("no-such-stage",))
    assert summary.files == 5 and summary.failed == 5
    errors = {r.error_code for r in Report.objects.all()}
    assert errors == {"CW302", "CW201"}
    again = service.reprocess(stages=())
    assert again.failed == 1
    assert Report.objects.filter(status="processed").count() == 4


def test_unfinished_reports_are_completed_by_the_next_run(store: Path, corpus: dict[str, Path]) -> None:
    _, Report, _ = _models()
    service.ingest_paths([corpus["en.html"]], stages=())
    Report.objects.update(status="captured")  # as if killed between capture and processing
    summary = service.ingest_paths([corpus["en.html"]], stages=())
    assert summary.ok and summary.seen_again == 1
    assert list(Report.objects.values_list("status", flat=True)) == ["processed"]


def test_folders_are_walked_and_hidden_files_skipped(store: Path, tmp_path: Path) -> None:
    _, Report, _ = _models()
    root = tmp_path / "in put"
    (root / "під папка" / ".git").mkdir(parents=True)
    (root / "під папка" / "звіт «1».txt").write_text("Звіт про відмову в лікуванні.", encoding="utf-8")
    (root / "під папка" / ".git" / "HEAD").write_text("ref: main")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "b.md").write_text("# [red]markup[/red] <script>alert(1)</script>\nRussian passport only.")
    summary = service.ingest_paths([root], stages=())
    assert summary.files == 2 and summary.ok
    assert sorted(Path(s).name for s in Report.objects.values_list("source", flat=True)) == [
        "b.md", "звіт «1».txt"]


def test_backends_agree(store: Path, corpus: dict[str, Path]) -> None:
    """Parity: the same input gives the same stored rows on SQLite and PostgreSQL."""
    _, Report, CustodyEvent = _models()
    service.ingest_paths([corpus["uk.txt"].parent], stages=())
    rows = sorted((Path(r.source).name, r.status, r.error_code, r.original.size, r.part)
                  for r in Report.objects.select_related("original"))
    assert rows == [("cp1251.txt", "processed", "", corpus["cp1251.txt"].stat().st_size, 0),
                    ("empty.txt", "failed", "CW201", 0, 0),
                    ("en.html", "processed", "", corpus["en.html"].stat().st_size, 0),
                    ("ru.txt", "processed", "", corpus["ru.txt"].stat().st_size, 0),
                    ("uk.txt", "processed", "", corpus["uk.txt"].stat().st_size, 0)]
    assert list(CustodyEvent.objects.values_list("action", flat=True)).count("captured") == 5


def test_custody_rows_cannot_be_rewritten_through_the_orm(store: Path, corpus: dict[str, Path]) -> None:
    _, _, CustodyEvent = _models()
    service.ingest_paths([corpus["uk.txt"]], stages=())
    event = CustodyEvent.objects.first()
    event.actor = "forger"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    assert CustodyEvent.objects.filter(actor="forger").count() == 0


def test_nul_bytes_in_text_are_stored_on_every_backend(store: Path, tmp_path: Path) -> None:
    from carewatch.store.models import Report

    folder = tmp_path / "nul"
    folder.mkdir()
    (folder / "nul.txt").write_text("У Мелітополі\x00 лікарня відмовила без паспорта РФ.\n", encoding="utf-8")
    summary = service.ingest_paths([folder], stages=())
    assert summary.failed == 0
    report = Report.objects.get()
    assert "\x00" not in report.text and report.text.index("лікарня") == 14  # offsets unchanged
