"""Build clean text and its offset map together, so every copied character stays traceable.

Used by the ``clean`` stage: pieces of the original are copied with :meth:`copy` (one aligned
run each), joining characters the cleaner invents (newlines, spaces) with :meth:`insert` (no
run). Invisible characters (control, zero-width, bidi marks) are dropped while copying, which
splits the run around them instead of breaking the "identical inside a run" promise.
"""

from __future__ import annotations

import re

from carewatch.pipeline.offsets import OffsetMap

# C0/C1 controls except tab/newline, zero-width and bidi formatting characters, BOM, soft hyphen
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+"
)


class CleanBuilder:
    """Accumulates clean text; :attr:`offsets` maps it back to ``source``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.offsets = OffsetMap()

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` minus invisible characters, one run per visible piece."""
        pos = start
        for m in INVISIBLE.finditer(self.source, start, end):
            self._copy_plain(pos, m.start())
            pos = m.end()
        self._copy_plain(pos, end)

    def _copy_plain(self, start: int, end: int) -> None:
        if end <= start:
            return
        self.offsets.add(self.length, start, end - start)
        self.parts.append(self.source[start:end])
        self.length += end - start

    def insert(self, text: str) -> None:
        """Append text that is not in the source (a joining newline); it gets no run."""
        self.parts.append(text)
        self.length += len(text)

    def ends_with(self, text: str) -> bool:
        return bool(self.parts) and "".join(self.parts[-2:]).endswith(text)

    def text(self) -> str:
        return "".join(self.parts)


def visible_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to exclude surrounding whitespace and invisible characters."""
    while start < end and (text[start].isspace() or INVISIBLE.match(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or INVISIBLE.match(text[end - 1])):
        end -= 1
    return start, end
