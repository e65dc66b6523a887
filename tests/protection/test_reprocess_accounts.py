"""``reprocess --all`` never decodes a sealed testimony as text; account creation is audited.

Both run on SQLite and PostgreSQL (the ``keyed_store`` fixture).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import NAME, PHONE


def _testimony_report(sample: dict[str, Any]) -> tuple[int, str]:
    from carewatch.protection.testimony import add_testimony
    from carewatch.store.models import Report

    tid = add_testimony(user=None, data=sample, join_incidents=False)
    report = Report.objects.get(testimonies__id=tid)
    return int(report.pk), report.text


def _ingest_plain(folder: Path) -> None:
    from carewatch.intake import service

    folder.mkdir()
    (folder / "ru.txt").write_text("В Херсоне больному ВИЧ предложили лекарства в обмен на контракт.\n",
                                   encoding="utf-8")
    (folder / "en.txt").write_bytes(b"In Berdiansk a clinic refused care without a Russian passport.\xff\n")
    assert service.ingest_paths([folder]).failed == 0


def test_reprocess_all_reextracts_testimony_through_its_service(keyed_store: Path, tmp_path: Path,
                                                                sample: dict[str, Any]) -> None:
    from carewatch.intake import service
    from carewatch.review import audit
    from carewatch.store import custody
    from carewatch.store.models import Report

    rid, masked = _testimony_report(sample)
    _ingest_plain(tmp_path / "corpus")
    summary = service.reprocess(failed_only=False)
    assert summary.ok and summary.files == 3, summary.failures
    report = Report.objects.get(pk=rid)
    assert report.status == "processed" and report.text == masked  # not ciphertext decoded as text
    assert NAME not in report.text and PHONE not in report.text and "Мелітопол" in report.text
    extraction = report.extraction or {}
    assert extraction.get("violations") and NAME not in str(extraction)
    assert [e["target"] for e in audit.recent(action="testimony.reprocess")] == ["testimony:1"]
    assert custody.check_chain() == [] and audit.verify() == []
    assert Report.objects.filter(status="processed").count() == 3


def test_reprocess_failed_only_leaves_testimony_alone(keyed_store: Path, sample: dict[str, Any]) -> None:
    from carewatch.intake import service
    from carewatch.review import audit

    _testimony_report(sample)
    summary = service.reprocess(failed_only=True)
    assert summary.files == 0 and audit.recent(action="testimony.reprocess") == []


def test_reprocess_without_key_keeps_masked_report(keyed_store: Path, sample: dict[str, Any]) -> None:
    from carewatch.intake import service
    from carewatch.protection import panic
    from carewatch.store.models import Report

    rid, masked = _testimony_report(sample)
    before = Report.objects.get(pk=rid).extraction
    panic.lock(force=True)
    summary = service.reprocess(failed_only=False)
    assert not summary.ok and summary.failures[0].error is not None
    after = Report.objects.get(pk=rid)
    assert after.status == "processed" and after.text == masked and after.extraction == before


def test_user_creation_is_audited(keyed_store: Path) -> None:
    from carewatch.errors import CarewatchError
    from carewatch.review import audit
    from carewatch.review.accounts import create_user

    create_user(username="olena", role="investigator", password="a-long-password-1")
    create_user(username="Ірина", role="viewer", password="ще-один-довгий-пароль", actor="admin1")
    with pytest.raises(CarewatchError):
        create_user(username="x", role="superuser", password="a-long-password-1")
    with pytest.raises(CarewatchError):
        create_user(username="olena", role="viewer", password="a-long-password-1")
    events = audit.recent(action="user.create")
    assert [(e["actor"], e["target"], e["detail"]) for e in events] == [
        ("admin1", "Ірина", {"role": "viewer"}), ("tester", "olena", {"role": "investigator"})]
    assert "a-long-password" not in str(audit.recent()) and audit.verify() == []


def test_cli_users_add_is_audited(tmp_path: Path, pcli: Any) -> None:
    home = tmp_path / "home"
    added = pcli("users", "add", "reviewer", "--role", "analyst", "--password-stdin", home=home,
                 stdin="a-long-password-9\n")
    assert added.returncode == 0, added.stderr
    listed = pcli("audit", "list", "--action", "user.", home=home)
    assert "user.create" in listed.stdout and "reviewer" in listed.stdout and "cli-tester" in listed.stdout
