"""Kill ``carewatch ingest`` with SIGKILL midway, run it again: every file ends with one report."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
N_FILES = 300
LINES = ("У лікарні Мелітополя відмовили пацієнтові без паспорта РФ, випадок {i}.",
         "В Каховке ВИЧ-положительному предложили терапию за контракт, случай {i}.",
         "A clinic in Nova Kakhovka demanded an OMS policy, case {i}.")


def _make_files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(N_FILES):
        text = LINES[i % 3].format(i=i)
        if i % 5 == 0:
            path = folder / f"r{i:04d}.html"
            path.write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
        else:
            path = folder / f"r{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _preserved(home: Path) -> int:
    originals = home / "originals"
    if not originals.exists():
        return 0
    return sum(1 for p in originals.glob("??/??/*") if not p.name.startswith("."))


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path: Path, cli: Any, cli_env: dict[str, str]) -> None:
    files = _make_files(tmp_path / "many")
    home = Path(cli_env["CAREWATCH_HOME"])
    proc = subprocess.Popen([str(BIN / "carewatch"), "ingest", str(tmp_path / "many")], env=cli_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _preserved(home) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL, "ingest finished before it could be killed"
    killed_at = _preserved(home)
    assert 0 < killed_at < N_FILES

    again = cli("ingest", str(tmp_path / "many"))
    assert again.returncode == 0, again.stdout + again.stderr
    rows = [json.loads(x) for x in cli("reports", "list", "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == N_FILES
    assert sorted(r["source"] for r in rows) == sorted(str(p.resolve()) for p in files)
    assert len({r["sha256"] for r in rows}) == N_FILES
    assert {r["status"] for r in rows} == {"processed"}
    assert _preserved(home) == N_FILES
    assert cli("verify").returncode == 0
