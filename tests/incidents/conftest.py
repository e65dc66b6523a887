"""Fixtures for incident tests: the synthetic corpus, run once through the real pipeline.

``corpus/`` holds short uk/ru/en reports of nine events (several outlets each) and
distractors; ``labels.json`` gives each file's event and the URL it was published at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from incident_corpus import CORPUS, add_report, clear_incident_tables, labels

import carewatch.pipeline.stages.policies  # noqa: F401 - registers the policies stage
from carewatch.pipeline.document import Document
from carewatch.pipeline.extract import to_extraction
from carewatch.pipeline.runner import DEFAULT_STAGES, run


def _title(text: str) -> str:
    return text.strip().split("\n", 1)[0]


@pytest.fixture(scope="session")
def processed() -> dict[str, dict[str, Any]]:
    """name → {text, title, source, clean_text, offsets, language, extraction, event}."""
    out = {}
    for name, lab in labels().items():
        text = (CORPUS / name).read_text(encoding="utf-8")
        doc = run(Document(text=text, source=lab["source"], title=_title(text)),
                  [*DEFAULT_STAGES, "policies"])
        out[name] = {"text": text, "title": _title(text), "source": lab["source"], "event": lab["event"],
                     "clean_text": doc.clean_text, "offsets": doc.offsets.to_list(),
                     "language": doc.language or "", "versions": dict(doc.versions),
                     "extraction": to_extraction(doc).to_dict(explain=True),
                     "policies": [p.to_dict() for p in doc.labels.get("policies", [])]}
    return out


@pytest.fixture
def loaded(store: Path, processed: dict[str, dict[str, Any]]) -> dict[str, int]:
    """The corpus stored (not yet clustered): file name → report id."""
    clear_incident_tables()
    return {name: add_report(item, name=name) for name, item in processed.items()}
