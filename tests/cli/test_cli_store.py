"""The CLI contract scripts rely on: exit codes, jsonl fields, verify, reprocess (real executable)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from carewatch.intake import preserve


def _rows(cli: Any) -> list[dict[str, Any]]:
    out = cli("reports", "list", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_ingest_exit_codes_and_listing(cli: Any, corpus: dict[str, Path]) -> None:
    good = cli("ingest", str(corpus["uk.txt"]), str(corpus["ru.txt"]), "--stages", "none")
    assert good.returncode == 0, good.stderr
    assert "ingest summary" in good.stdout
    some_bad = cli("ingest", str(corpus["uk.txt"].parent), "--stages", "none")
    assert some_bad.returncode == 1
    assert "CW201" in some_bad.stdout and "empty.txt" in some_bad.stdout
    assert cli("ingest", str(corpus["uk.txt"].parent / "missing.txt")).returncode == 2
    assert cli("ingest").returncode == 2
    assert cli("reports", "list", "--format", "xml").returncode == 2

    rows = _rows(cli)
    assert len(rows) == 5
    for row in rows:
        assert {"id", "sha256", "status", "source", "language", "error"} <= set(row)
    empty = next(r for r in rows if r["source"].endswith("empty.txt"))
    assert empty["status"] == "failed" and set(empty["error"]) == {"code", "message", "hint"}
    assert all(r["error"] is None for r in rows if r is not empty)


def test_show_prints_metadata_custody_and_text(cli: Any, corpus: dict[str, Path]) -> None:
    assert cli("ingest", str(corpus["cp1251.txt"]), "--stages", "none").returncode == 0
    shown = cli("reports", "show", "1", "--text", "original")
    assert shown.returncode == 0, shown.stderr
    assert "captured" in shown.stdout and "processed" in shown.stdout
    assert "Енергодара" in shown.stdout and "cli-tester" in shown.stdout
    data = json.loads(cli("reports", "show", "1", "--format", "json").stdout)
    assert [e["action"] for e in data["custody"]] == ["captured", "processed"]
    missing = cli("reports", "show", "999")
    assert missing.returncode == 1 and "CW404" in missing.stderr


def test_verify_names_each_changed_or_vanished_original(cli: Any, cli_env: dict[str, str],
                                                        corpus: dict[str, Path]) -> None:
    assert cli("ingest", str(corpus["uk.txt"]), str(corpus["ru.txt"]), str(corpus["en.html"]),
               "--stages", "none").returncode == 0
    assert cli("verify").returncode == 0
    rows = {Path(r["source"]).name: r["sha256"] for r in _rows(cli)}
    originals = Path(cli_env["CAREWATCH_HOME"]) / "originals"
    changed = preserve.original_path(originals, rows["uk.txt"])
    changed.chmod(0o644)
    changed.write_bytes(changed.read_bytes().replace("Мелітополі".encode(), "Мелітополь".encode()))
    preserve.original_path(originals, rows["en.html"]).unlink()
    out = cli("verify")
    assert out.returncode == 1
    assert f"changed {rows['uk.txt']}" in out.stdout
    assert f"missing {rows['en.html']}" in out.stdout
    assert rows["ru.txt"] not in out.stdout


def test_reprocess_after_raising_the_size_limit(cli: Any, cli_env: dict[str, str],
                                                corpus: dict[str, Path]) -> None:
    small = {**cli_env, "CAREWATCH_MAX_FILE_MB": "0.00001"}
    first = cli("ingest", str(corpus["ru.txt"]), "--stages", "none", env=small)
    assert first.returncode == 1 and "CW205" in first.stdout
    still = cli("reprocess", "--failed", "--stages", "none", env=small)
    assert still.returncode == 1 and "CW205" in still.stdout
    fixed = cli("reprocess", "--failed", "--stages", "none")
    assert fixed.returncode == 0, fixed.stdout
    assert [r["status"] for r in _rows(cli)] == ["processed"]
    assert cli("verify").returncode == 0


def test_hostile_names_and_markup_are_printed_verbatim(cli: Any, tmp_path: Path) -> None:
    odd = tmp_path / "[bold]звіт $(rm -rf ~) «1».txt"
    odd.write_text("[red]Відмова[/red] в лікуванні без паспорта РФ.", encoding="utf-8")
    assert cli("ingest", str(odd), "--stages", "none").returncode == 0
    listed = cli("reports", "list")
    assert "[bold]звіт" in listed.stdout
    shown = cli("reports", "show", "1")
    assert "[red]Відмова[/red]" in shown.stdout
