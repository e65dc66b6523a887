"""Evidence: the span of the original text that supports a label (GUIDE convention 4).

Offsets are into the report's *decoded original text* (not the cleaned text), so a reviewer
and a court can find the exact words in the preserved original.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    sentence: str = ""
    rule: str = ""

    def to_dict(self, *, explain: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if explain:
            out["sentence"] = self.sentence
            out["rule"] = self.rule
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]),
                   str(data.get("sentence", "")), str(data.get("rule", "")))
