"""``carewatch demo --no-serve`` on the bundled corpus, in a fresh data directory."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest


def _corpus_files() -> int:
    corpus = resources.files("carewatch.demo").joinpath("corpus")
    assert corpus.is_dir(), "the demo corpus must ship inside the package"
    return sum(1 for item in corpus.iterdir() if item.is_file() and not item.name.startswith("."))


@pytest.mark.slow
def test_demo_ingests_the_bundled_corpus(cli: Any) -> None:
    n_files = _corpus_files()
    out = cli("demo", "--no-serve", "--stages", "intake")
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"demo corpus: {n_files} files" in out.stdout
    assert "reports by status" in out.stdout and "reports by language" in out.stdout
    assert "web app" not in out.stdout  # --no-serve: nothing about serving
    rows = [json.loads(x) for x in cli("reports", "list", "--format", "jsonl").stdout.splitlines()]
    assert len({r["sha256"] for r in rows}) == n_files
    assert {r["language"] for r in rows if r["status"] == "processed"} <= {"uk", "ru", "en", None}
