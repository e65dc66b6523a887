"""``carewatch extract report:ID`` extracts from a stored report's preserved text."""

from __future__ import annotations

from pathlib import Path

from carewatch.cli.extract import extract_one, is_stored_ref
from carewatch.intake import service


def test_stored_report_is_extracted_by_id(store: Path, tmp_path: Path) -> None:
    from carewatch.store.models import Report

    folder = tmp_path / "in"
    folder.mkdir()
    text = ("Окупанти у Мелітополі відмовляють у лікуванні людям без російського паспорта, "
            "повідомив Центр національного спротиву.\n")
    (folder / "uk.txt").write_text(text, encoding="utf-8")
    service.ingest_paths([folder], stages=())
    report = Report.objects.get()
    item = extract_one(Path(f"report:{report.pk}"))
    assert item["error"] is None and item["relevant"] is True
    assert {v["code"] for v in item["violations"]} == {"care_denied_documents"}
    for v in item["violations"]:
        for ev in v["evidence"]:
            assert report.text[ev["start"]:ev["end"]] == ev["text"]
    missing = extract_one(Path("report:999999"))
    assert missing["error"]["code"] == "CW404"


def test_refs_are_told_from_paths() -> None:
    assert is_stored_ref("report:12") and is_stored_ref("#7")
    assert not is_stored_ref("12") and not is_stored_ref("report:x") and not is_stored_ref("a.txt")
