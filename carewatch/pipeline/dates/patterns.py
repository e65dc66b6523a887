"""Find date mentions in clean text: the rule-based recogniser behind the ``dates`` stage.

Each :class:`Mention` keeps what the text states (year, month, day or a relative phrase) and
its span; filling in a missing year or resolving "вчора" happens later in ``resolve.py``.
Bare "YYYY року/года" is handled here on purpose: dateparser reads it as year 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from carewatch.pipeline.dates.months import (
    LEAD,
    MONTH,
    RELATIVE,
    SEASON,
    WEEKDAY,
    YEAR_WORD,
    month_number,
    weekday_number,
)

_Y = r"(20[0-3]\d)"
_B = r"(?<![\w\d.,/-])"  # left boundary: not inside a word or a number
_E = r"(?![\w\d])"
_DAY = r"(\d{1,2})(?:-?(?:го|е|ого|st|nd|rd|th))?"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    rule: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: str | None = None  # kind from months.RELATIVE, or "weekday:N"
    range_end: bool = False  # second half of a range ("по травень")


_Builder = Callable[["re.Match[str]"], Mention | None]


def _ymd(rule: str, y: int | None, mo: int | None, d: int | None,
         m: re.Match[str], g: int | str = 0) -> Mention | None:
    if mo is not None and not 1 <= mo <= 12:
        return None
    if d is not None and not 1 <= d <= 31:
        return None
    return Mention(m.start(g), m.end(g), rule, y, mo, d)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _iso(m: re.Match[str]) -> Mention | None:
    return _ymd("iso", int(m[1]), int(m[2]), int(m[3]), m)


def _dmy_numeric(m: re.Match[str]) -> Mention | None:
    return _ymd("numeric", int(m[3]), int(m[2]), int(m[1]), m)


def _day_month(m: re.Match[str]) -> Mention | None:
    day = int(m["d2"]) if m["d2"] and _NIGHT.search(m.string[max(0, m.start() - 20):m.start()]) else int(m["d"])
    return _ymd("day_month", _int(m["y"]), month_number(m["mon"]), day, m)


# "overnight 22-23 Nov": a night that spans two days is coded by the morning it ended.
_NIGHT = re.compile(r"(?i)(?:overnight|night|ніч|ночі|ночь|ночью)\W*(?:of\s+|на\s+|с\s+|з\s+)?$")


def _month_day(m: re.Match[str]) -> Mention | None:
    return _ymd("month_day", _int(m["y"]), month_number(m["mon"]), int(m["d"]), m)


def _month_year(m: re.Match[str]) -> Mention | None:
    return _ymd("month_year", int(m["y"]), month_number(m["mon"]), None, m)


def _month_lead(m: re.Match[str]) -> Mention | None:
    return _ymd("month", None, month_number(m["mon"]), None, m, g="mon")


# "since 2019", "з 2016 року", "until 2014": the start or end of a background state, not an event.
_OPEN_LEAD = re.compile(r"(?i)^(?:since|from|until|з|із|зі|с|со|от|від|до)\s+$")


def _year(m: re.Match[str]) -> Mention | None:
    if not (m["lead"] or m["word"]) or (m["lead"] and _OPEN_LEAD.match(m["lead"])):
        return None
    return Mention(m.start("y"), m.end("y") if not m["word"] else m.end(), "year", int(m["y"]))


def _season(m: re.Match[str]) -> Mention | None:
    return Mention(m.start(), m.end(), "season", int(m["y"]))


def _relative(kind: str) -> _Builder:
    def build(m: re.Match[str]) -> Mention | None:
        return Mention(m.start(), m.end(), "relative", relative=kind)
    return build


def _weekday(m: re.Match[str]) -> Mention | None:
    return Mention(m.start(), m.end(), "weekday", relative=f"weekday:{weekday_number(m[0])}")


_RANGE = re.compile(
    rf"(?i:з|із|від|с|from|between)\s+(?P<m1>{MONTH})\s+(?i:по|до|і|и|to|until|and|till|[–-])\s+"
    rf"(?P<m2>{MONTH})(?:\s+{_Y.replace('(', '(?P<y>', 1)})?{_E}")

_RULES: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (re.compile(rf"{_B}{_Y}-(\d{{2}})-(\d{{2}}){_E}"), _iso),
    (re.compile(rf"{_B}(\d{{1,2}})[./](\d{{1,2}})[./]{_Y}{_E}"), _dmy_numeric),
    (re.compile(rf"{_B}(?P<d>\d{{1,2}})(?:\s*[–-]\s*(?P<d2>\d{{1,2}}))?(?:-?(?:го|е|ого|st|nd|rd|th))?"
                rf"(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>20[0-3]\d)(?:\s*(?i:{YEAR_WORD}))?)?"
                rf"{_E}"), _day_month),
    (re.compile(rf"(?<![\w])(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                rf"(?:,?\s+(?P<y>20[0-3]\d))?{_E}"), _month_day),
    (re.compile(rf"(?<![\w])(?P<mon>{MONTH})\s+(?:(?:of|de)\s+)?(?P<y>20[0-3]\d)"
                rf"(?:\s*(?i:{YEAR_WORD}))?{_E}"), _month_year),
    (re.compile(rf"(?<![\w])(?i:{SEASON})\s+(?P<y>20[0-3]\d)(?:\s*(?i:{YEAR_WORD}))?{_E}"), _season),
    (re.compile(rf"(?<![\w])(?i:{LEAD})\s+(?:(?i:the\s+)?(?i:end|start|middle|beginning)\s+of\s+)?"
                rf"(?P<mon>{MONTH}){_E}"), _month_lead),
    (re.compile(rf"(?<![\w])(?P<lead>(?i:{LEAD})\s+)?(?P<y>20[0-3]\d)(?:\s*(?P<word>(?i:{YEAR_WORD})))?"
                rf"(?![\w\d]|[./:-]\d)"), _year),
    (re.compile(rf"(?<![\w]){WEEKDAY}{_E}"), _weekday),
    *((re.compile(rf"(?<![\w])(?i:{rx}){_E}"), _relative(kind)) for rx, kind in RELATIVE),
)


def _ranges(text: str) -> list[Mention]:
    """Month ranges ("з березня по травень 2024"): both ends are kept, sharing the year."""
    out: list[Mention] = []
    for m in _RANGE.finditer(text):
        y = _int(m["y"])
        m1, m2 = month_number(m["m1"]), month_number(m["m2"])
        if m1 is None or m2 is None:
            continue
        y1 = y - 1 if y is not None and m1 > m2 else y
        out.append(Mention(m.start("m1"), m.end("m1"), "range", y1, m1))
        out.append(Mention(m.start("m2"), m.end(), "range", y, m2, range_end=True))
    return out


# Every rule's match starts a word: a digit for the numeric rules (their pattern opens with
# ``\d``), a letter for the named ones, either for a (lead +) year. So instead of letting each
# regex try every character, it is tried only at word starts of the right kind: the same
# leftmost, non-overlapping matches ``finditer`` would give, at a fraction of the cost.
_WORD_START = re.compile(r"(?<!\w)(?:(?P<digit>\d)|[^\W\d_]|_)")
_DIGIT_FIRST = 3  # _RULES[:3] open with a digit; _RULES[7] (year) may open with either
_EITHER = 7


def _starts(text: str) -> tuple[list[int], list[int], list[int]]:
    """Word-start offsets: all of them, those at a digit, those at a letter."""
    every: list[int] = []
    digits: list[int] = []
    letters: list[int] = []
    for m in _WORD_START.finditer(text):
        every.append(m.start())
        (digits if m.group("digit") else letters).append(m.start())
    return every, digits, letters


def _scan(rx: re.Pattern[str], text: str, positions: list[int]) -> list[re.Match[str]]:
    """``rx.finditer(text)`` restricted to matches that start at one of ``positions``."""
    out: list[re.Match[str]] = []
    until = 0
    for pos in positions:
        if pos < until:
            continue
        m = rx.match(text, pos)
        if m is not None:
            out.append(m)
            until = max(m.end(), pos + 1)
    return out


def find_mentions(text: str) -> list[Mention]:
    """All date mentions in ``text``, non-overlapping, longest and earliest first."""
    found = _ranges(text)
    every, digits, letters = _starts(text)
    for k, (rx, build) in enumerate(_RULES):
        positions = every if k == _EITHER else digits if k < _DIGIT_FIRST else letters
        for m in _scan(rx, text, positions):
            mention = build(m)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda x: (x.start, -(x.end - x.start), x.rule != "range"))
    out: list[Mention] = []
    taken_until = -1
    for mention in found:
        if mention.start >= taken_until:
            out.append(mention)
            taken_until = mention.end
    return out
