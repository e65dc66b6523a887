"""The bundled demo corpus: fictional uk/ru/en reports plus their document-level truth.

It sits before the whole flow: ``carewatch ingest`` and ``carewatch extract`` can be tried on
it offline, and tests and benchmarks use it as a small, known input. Every report is invented
and says so on its first and last line; the files cover every intake format (plain text in
several encodings, HTML page dumps, e-mail with an attachment, PDF, DOCX, JSON Lines, CSV).
``gold.jsonl`` holds one line per report (``file`` + ``part`` for multi-record files) with the
violations, places, sources, dates, victim groups and an ``event_group`` shared by retellings.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

#: Markers that open and close every demo report, by language.
FICTION_MARKERS = {
    "uk": "ВИГАДАНИЙ ПРИКЛАД",
    "ru": "ВЫМЫШЛЕННЫЙ ПРИМЕР",
    "en": "FICTIONAL EXAMPLE",
}


def _package_dir() -> Path:
    """The installed package directory (the package ships as plain files, not a zip)."""
    return Path(str(resources.files(__name__)))


def corpus_path() -> Path:
    """Directory holding the demo report files."""
    return _package_dir() / "corpus"


def gold_path() -> Path:
    """Path of the gold file describing each demo report."""
    return _package_dir() / "gold.jsonl"


def load_gold() -> list[dict[str, Any]]:
    """Gold records, one per report, in file order; blank lines are skipped."""
    records: list[dict[str, Any]] = []
    with gold_path().open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record: dict[str, Any] = json.loads(line)
                records.append(record)
    return records
