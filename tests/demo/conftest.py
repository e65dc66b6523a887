"""Fixtures for the demo-corpus tests: every report's text, read independently of carewatch.intake.

The corpus is checked with plain stdlib/pypdf/python-docx readers so that a bug in the intake
cannot hide a broken demo file (and vice versa).
"""

from __future__ import annotations

import csv
import email
import io
import json
from email.message import EmailMessage
from email.policy import default as default_policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from carewatch.demo import corpus_path, load_gold

LEGACY = {"cp1251": "cp1251", "koi8r": "koi8-r", "utf16": "utf-16"}


class _TextOnly(HTMLParser):
    """Collects text outside <script>/<style>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def decode_txt(path: Path) -> str:
    """Plain text: UTF-8 unless the file name names a legacy encoding."""
    raw = path.read_bytes()
    for hint, codec in LEGACY.items():
        if hint in path.name:
            return raw.decode(codec)
    return raw.decode("utf-8")


def html_text(raw: str) -> str:
    parser = _TextOnly()
    parser.feed(raw)
    return "\n".join(parser.parts)


def eml_texts(path: Path) -> list[str]:
    msg = email.message_from_bytes(path.read_bytes(), policy=default_policy)
    assert isinstance(msg, EmailMessage)
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    texts = [str(body.get_content())]
    for att in msg.iter_attachments():
        content = att.get_content()
        texts.append(content.decode("utf-8") if isinstance(content, bytes) else str(content))
    return texts


def read_texts(path: Path) -> list[str]:
    """Texts of the reports in one corpus file, in part order."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return [decode_txt(path)]
    if suffix == ".html":
        return [html_text(path.read_text(encoding="utf-8"))]
    if suffix == ".eml":
        return eml_texts(path)
    if suffix == ".pdf":
        return ["\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)]
    if suffix == ".docx":
        return ["\n".join(p.text for p in docx.Document(str(path)).paragraphs)]
    if suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [str(json.loads(line)["text"]) for line in lines if line.strip()]
    if suffix == ".csv":
        rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
        return [row["text"] for row in rows]
    raise AssertionError(f"unexpected corpus file type: {path.name}")


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(p for p in corpus_path().iterdir() if p.is_file())


@pytest.fixture(scope="session")
def gold() -> list[dict[str, Any]]:
    return load_gold()


@pytest.fixture(scope="session")
def texts(corpus_files: list[Path]) -> dict[tuple[str, int], str]:
    """(file name, part) -> report text, for every report in the corpus."""
    out: dict[tuple[str, int], str] = {}
    for path in corpus_files:
        for part, text in enumerate(read_texts(path)):
            out[(path.name, part)] = text
    return out
