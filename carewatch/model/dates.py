"""Partial dates with their precision (followthemoney's ``types/date.py`` idea).

A report often says only "in August 2023" or "in 2024"; storing ``2023-08`` with precision
``month`` keeps what is known without inventing a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "month", "day"]
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    value: str

    def __post_init__(self) -> None:
        m = _PATTERN.match(self.value)
        if not m:
            raise ValueError(f"not a partial ISO date: {self.value!r}")
        year, month, day = m.groups()
        if month and not 1 <= int(month) <= 12:
            raise ValueError(f"month out of range: {self.value!r}")
        if day:
            date(int(year), int(month), int(day))  # raises on 2023-02-30

    @property
    def precision(self) -> Precision:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]  # type: ignore[return-value]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if month is None:
            return cls(f"{year:04d}")
        if day is None:
            return cls(f"{year:04d}-{month:02d}")
        return cls(f"{year:04d}-{month:02d}-{day:02d}")

    def coarsen(self, precision: Precision) -> PartialDate:
        """The same date at a coarser precision (used to publish dates to the month)."""
        n = {"year": 4, "month": 7, "day": 10}[precision]
        return PartialDate(self.value[: min(n, len(self.value))])

    def first_day(self) -> date:
        parts = [int(p) for p in self.value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def __str__(self) -> str:
        return self.value
