"""Helpers shared by command modules."""

from __future__ import annotations

from pathlib import Path

from carewatch.intake.files import read_bytes
from carewatch.pipeline.document import Document


def read_document(path: Path) -> Document:
    """Read a file into a pipeline Document (first record of multi-record files)."""
    records = read_bytes(path.read_bytes(), name=path.name)
    rec = records[0]
    return Document(text=rec.text, media_type=rec.media_type, source=str(path), title=rec.title,
                    published=rec.published)
