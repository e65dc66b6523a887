"""``carewatch extract`` on bad input and with ``--explain``: always valid JSON, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from carewatch.cli.main import app

runner = CliRunner()


def extract(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["extract", *args])
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, [json.loads(line) for line in lines]


def assert_not_relevant_or_error(item: dict[str, object]) -> None:
    assert item["relevant"] is False or item["error"] is not None
    if item["error"] is not None:
        err = item["error"]
        assert isinstance(err, dict) and err["code"].startswith("CW") and err["message"]


@pytest.mark.parametrize(("name", "content"), [
    ("empty.txt", ""),
    ("german.txt", "Das Wetter in Berlin ist heute sonnig. Morgen regnet es wieder in ganz Deutschland."),
    ("one_line.txt", "окупанти паспорт лікарня повістка " * 30_000),  # ~1 MB, one line
    ("no_punct.txt", "\n".join(["слова без жодних розділових знаків тут"] * 3000)),
    ("binary.txt", "\x00\x01\x02 garbage \x7f"),
])
def test_bad_input_gives_valid_json(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, items = extract("--format", "jsonl", str(path))
    assert code == 0
    assert len(items) == 1 and items[0]["file"] == str(path)
    if name in ("empty.txt", "german.txt"):
        assert_not_relevant_or_error(items[0])


def test_missing_file_is_an_error_object_and_strict_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, items = extract(str(missing))
    assert code == 0 and items[0]["error"]["code"].startswith("CW")
    code, _ = extract("--strict", str(missing))
    assert code == 1


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Звичайний текст про погоду в Києві.", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--format", "json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0
    assert [i["file"] for i in json.loads(result.stdout)] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert runner.invoke(app, ["extract", "--format", "xml", str(path)]).exit_code == 2


def test_explain_shows_sentence_and_rule_for_every_label(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("У серпні 2023 року в окупованому Мелітополі лікарня відмовила в лікуванні пенсіонерці "
                    "без російського паспорта, повідомив Центр національного спротиву.", encoding="utf-8")
    code, items = extract("--explain", str(path))
    assert code == 0
    item = items[0]
    assert item["relevant"] is True
    text = path.read_text(encoding="utf-8")
    for key in ("violations", "victim_groups"):
        for label in item[key]:
            for ev in label["evidence"]:
                assert ev["sentence"] and ev["rule"]
                assert text[ev["start"]:ev["end"]] == ev["text"]
    fired = {e["label"] for e in item["explain"]}
    assert "violation:care_denied_documents" in fired
