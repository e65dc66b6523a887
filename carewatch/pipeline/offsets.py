"""Map positions in cleaned text back to the decoded original.

Cleaning drops boilerplate and markup, so clean-text offset 120 may be original offset 4,310.
The map is a sorted list of aligned runs ``(clean_start, orig_start, length)``: inside a run the
characters are identical; between runs a position snaps to the nearest run edge.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


def _run_start(run: tuple[int, int, int]) -> int:
    return run[0]


@dataclass
class OffsetMap:
    runs: list[tuple[int, int, int]] = field(default_factory=list)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, 0, length)])

    def add(self, clean_start: int, orig_start: int, length: int) -> None:
        if length <= 0:
            return
        if self.runs:
            c, o, n = self.runs[-1]
            if c + n == clean_start and o + n == orig_start:
                self.runs[-1] = (c, o, n + length)
                return
            if clean_start < c + n:
                raise ValueError("runs must be added in clean-text order without overlap")
        self.runs.append((clean_start, orig_start, length))

    def to_original(self, pos: int, *, end: bool = False) -> int:
        """Original offset of clean offset ``pos`` (``end=True`` for an exclusive end)."""
        if not self.runs:
            return pos
        i = bisect.bisect_right(self.runs, pos, key=_run_start) - 1  # O(log n), no list per call
        if i < 0:
            return self.runs[0][1]
        c, o, n = self.runs[i]
        if end and pos == c and i > 0:
            # an exclusive end at a run start belongs to the previous run: don't swallow the
            # characters cleaning removed between the two runs
            pc, po, pn = self.runs[i - 1]
            if pc + pn == pos:
                return po + pn
        if pos < c + n or (end and pos == c + n):
            return o + (pos - c)
        # pos falls in a gap after run i (text inserted by cleaning, e.g. a joining newline)
        if end:
            return o + n
        if i + 1 < len(self.runs):
            return self.runs[i + 1][1]
        return o + n

    def span(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_original(start)
        e = self.to_original(end, end=True)
        return s, max(s, e)

    def to_list(self) -> list[list[int]]:
        return [list(r) for r in self.runs]

    @classmethod
    def from_list(cls, data: list[list[int]]) -> OffsetMap:
        return cls([(int(a), int(b), int(c)) for a, b, c in data])
