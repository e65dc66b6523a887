"""The plain-data document that flows through pipeline stages.

A stage reads the fields it ``requires`` and writes the ones it ``provides``. ``text`` is the
decoded original: every :class:`Evidence` offset points into it, never into ``clean_text``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from carewatch.model.evidence import Evidence
from carewatch.pipeline.offsets import OffsetMap


def _span_start(span: tuple[int, int]) -> int:
    return span[0]


@dataclass
class Document:
    text: str
    media_type: str = "text/plain"
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date the publisher printed, when the intake knew it
    clean_text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # spans in clean_text
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans in clean_text
    language: str | None = None
    paragraph_languages: list[str] = field(default_factory=list)
    labels: dict[str, Any] = field(default_factory=dict)
    explain: list[dict[str, Any]] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)

    def provided(self) -> set[str]:
        """Names of the fields that hold data now (what the runner checks against)."""
        have = {"text", "media_type"}
        if self.clean_text or self.versions.get("clean"):
            have |= {"clean_text", "offsets", "sentences", "paragraphs"}
        if self.language is not None:
            have |= {"language", "paragraph_languages"}
        return have | set(self.labels)

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence (in ``sentences``) that contains clean offset ``pos``."""
        return max(0, bisect.bisect_right(self.sentences, pos, key=_span_start) - 1)

    def sentence_at(self, pos: int) -> str:
        if not self.sentences:
            return ""
        s, e = self.sentences[self.sentence_index(pos)]
        return self.clean_text[s:e]

    def evidence(self, start: int, end: int, *, rule: str = "") -> Evidence:
        """Evidence for clean-text span ``[start, end)``, located in the original text."""
        o_start, o_end = self.offsets.span(start, end)
        return Evidence(o_start, o_end, self.text[o_start:o_end], self.sentence_at(start), rule)
