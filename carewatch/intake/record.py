"""The Record dataclass every intake reader returns, and small helpers shared by readers.

Readers in ``intake/formats/`` build Records; ``intake/files.py`` re-exports :class:`Record`
as part of its public API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

_LEADING_DATE = re.compile(r"^\s*(\d{4}-\d{2}(?:-\d{2})?)")


@dataclass
class Record:
    """One report's worth of content found in an input file."""

    text: str
    media_type: str = "text/plain"
    title: str | None = None
    url: str | None = None
    published: str | None = None
    encoding: str | None = None
    part: int = 0
    name: str | None = None  # attachment or member file name, when the record came from one
    notes: list[str] = field(default_factory=list)  # what the reader skipped or guessed, and why


def iso_date(value: object) -> str | None:
    """An ISO 8601 date/time string for ``value`` when it looks like one, else None.

    Keeps the precision given: "2023-08" stays a month, a bare date stays a date.
    """
    if isinstance(value, datetime | date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:64]
    try:
        if len(text) > 10:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    match = _LEADING_DATE.match(text)
    return _valid_prefix(match.group(1)) if match else None


def _valid_prefix(text: str) -> str | None:
    """``text`` ("YYYY-MM" or "YYYY-MM-DD") when it names a real month or day."""
    try:
        date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    except ValueError:
        return None
    return text


def clean_str(value: object, limit: int = 2000) -> str | None:
    """A trimmed, bounded string for metadata fields (title, url), or None."""
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text[:limit] or None
