"""Turn date mentions into partial ISO dates: fill missing years, resolve relative phrases.

Sits between ``patterns.find_mentions`` and the ``dates`` stage. Relative dates ("вчора",
"last week", "з початку року") are resolved only against a report date printed in the text
(or given by intake); without one they are dropped rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from carewatch.model.dates import PartialDate
from carewatch.pipeline.dates.patterns import Mention

_PUBLISH = re.compile(r"(?i)(?:опубліковано|опубликовано|оновлено|обновлено|published|posted|"
                      r"updated|дата\s+публікації|дата\s+публикации|записано|записан[аио]?|recorded|"
                      r"interviewed|^\s*by\s)")
_SEPARATOR = re.compile(r"\s[|•·]\s")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_SHORT_LINE = 25  # a date line with at most this many other characters is a byline or dateline


def line_span(text: str, pos: int) -> tuple[int, int]:
    """The line of ``text`` around offset ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def is_byline(text: str, mention: Mention) -> bool:
    """True when the mention sits in a publication line (timestamp, "Published", separators)
    or is a full date on a line of its own (a dateline)."""
    s, e = line_span(text, mention.start)
    line = text[s:e]
    if _PUBLISH.search(line) or _TIME.search(line) or _SEPARATOR.search(line):
        return True
    full = mention.day is not None and mention.year is not None
    return full and len(line.strip()) - (mention.end - mention.start) <= _SHORT_LINE


def report_date(text: str, mentions: list[Mention]) -> date | None:
    """The first full date printed as a byline or dateline: the report's own date."""
    for m in mentions:
        if m.year and m.month and m.day and is_byline(text, m):
            try:
                return date(m.year, m.month, m.day)
            except ValueError:
                continue
    return None


def _shift_month(d: date, months: int) -> PartialDate:
    index = d.year * 12 + d.month - 1 + months
    return PartialDate.of(index // 12, index % 12 + 1)


def resolve_relative(kind: str, anchor: date) -> PartialDate:
    """The date a relative phrase names, at the precision the phrase carries."""
    if kind.startswith("weekday:"):
        back = (anchor.weekday() - int(kind.split(":")[1])) % 7
        d = anchor - timedelta(days=back)
        return PartialDate.of(d.year, d.month, d.day)
    if kind.startswith("day"):
        d = anchor - timedelta(days=int(kind[4:] or 0))
        return PartialDate.of(d.year, d.month, d.day)
    if kind.startswith("week"):
        d = anchor - timedelta(days=7 * int(kind[5:] or 0))
        return PartialDate.of(d.year, d.month)
    if kind.startswith("month"):
        return _shift_month(anchor, -int(kind[6:] or 0))
    return PartialDate.of(anchor.year - int(kind[5:] or 0))


def _context_year(m: Mention, before: list[Mention], anchor: date | None,
                  para_start: int) -> int | None:
    """Year for a mention that names a month or day only: same paragraph, report date, text."""
    same_para = [b.year for b in before if b.year and b.start >= para_start and not b.relative]
    if same_para:
        return same_para[-1]
    if anchor is not None and m.month is not None:
        late = (m.month, m.day or 1) > (anchor.month, anchor.day)
        return anchor.year - 1 if late else anchor.year
    earlier = [b.year for b in before if b.year and not b.relative]
    return earlier[-1] if earlier else None


def resolve(mentions: list[Mention], anchor: date | None,
            paragraph_start: list[int]) -> list[tuple[Mention, PartialDate]]:
    """Partial dates for the mentions that can be resolved; ``paragraph_start[i]`` is the
    start offset of the paragraph holding ``mentions[i]``."""
    out: list[tuple[Mention, PartialDate]] = []
    for i, m in enumerate(mentions):
        value = _one(m, mentions[:i], anchor, paragraph_start[i])
        if value is not None:
            out.append((m, value))
    return out


def _one(m: Mention, before: list[Mention], anchor: date | None,
         para_start: int) -> PartialDate | None:
    try:
        if m.relative:
            return resolve_relative(m.relative, anchor) if anchor else None
        year = m.year or _context_year(m, before, anchor, para_start)
        if year is None:
            return None
        return PartialDate.of(year, m.month, m.day if m.month else None)
    except ValueError:  # 31 February and the like
        return None
