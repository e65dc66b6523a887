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


def after_processing() -> None:
    """Bring incidents and the search index up to date with newly processed reports.

    Both steps only touch what is pending, so running them after every ingest is cheap, and
    an interrupted run is caught up by the next one.
    """
    from carewatch.incidents.sync import update_pending
    from carewatch.store.searchdb.indexer import catch_up

    update_pending()
    catch_up()
