"""Result snippets: a window of the report's text around the first words that matched.

Returned as parts (``{"text", "hit"}``) rather than HTML, so every consumer escapes the text
itself: the template autoescapes each part and wraps hits in ``<mark>``; the API sends JSON.
"""

from __future__ import annotations

from typing import Any

from carewatch.pipeline.lemmatize import token_keys
from carewatch.pipeline.rules.lemmas import _TOKEN

WINDOW = 240  # characters shown
SCAN_CHARS = 60_000  # look for hits only this far into the text


def _hits(text: str, wanted: set[str], lang: str | None) -> list[tuple[int, int]]:
    spans = []
    for m in _TOKEN.finditer(text[:SCAN_CHARS]):
        if wanted.intersection(token_keys(m.group(), lang)):
            spans.append((m.start(), m.end()))
    return spans


def _window(text: str, first: int) -> tuple[int, int]:
    start = max(0, first - WINDOW // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + WINDOW)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def snippet(text: str, terms: list[tuple[str, ...]], lang: str | None = None) -> list[dict[str, Any]]:
    """Parts of a short excerpt of ``text`` with matched words flagged ``hit``."""
    text = " ".join(text.split())  # one line: layout whitespace says nothing in a snippet
    wanted = {k for keys in terms for k in keys}
    spans = _hits(text, wanted, lang) if wanted else []
    start, end = _window(text, spans[0][0] if spans else 0)
    parts: list[dict[str, Any]] = []
    if start > 0:
        parts.append({"text": "… ", "hit": False})
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        if s > pos:
            parts.append({"text": text[pos:s], "hit": False})
        parts.append({"text": text[s:e], "hit": True})
        pos = e
    if pos < end:
        parts.append({"text": text[pos:end], "hit": False})
    if end < len(text):
        parts.append({"text": " …", "hit": False})
    return parts
