"""The ``dates`` stage: event dates and the report's own date, each with evidence.

Runs after ``violations``: a report with no violation has no event to date. (Keeping only
dates in violation paragraphs was tried and lost a third of the recall: dates often sit in
the sentence before or after the one the violation rule fired on.) Recognition is
rule-based (``pipeline/dates``); dateparser is not used for "YYYY року" (it reads year 1).
Design choices: a month range ("з березня по травень 2024") yields both ends; a year alone is
dropped when a finer date in the same year is also found (it adds nothing); byline and
dateline dates are the report date, never event dates; years before 2014 (treaties, old laws)
are context, not events.
"""

from __future__ import annotations

import bisect
from datetime import date

from carewatch.model.dates import PartialDate
from carewatch.model.evidence import Evidence
from carewatch.model.labels import DateLabel
from carewatch.pipeline.dates.patterns import Mention, find_mentions
from carewatch.pipeline.dates.resolve import is_byline, report_date, resolve
from carewatch.pipeline.document import Document
from carewatch.pipeline.registry import stage

FIRST_YEAR = 2014  # the occupation of Crimea: earlier years are historical context


@stage("dates", version="v1", requires=("clean_text", "language", "violations"),
       provides=("event_dates", "reported_date"))
def dates(doc: Document) -> None:
    """Label event dates and the report date of ``doc``."""
    text = doc.clean_text
    mentions = find_mentions(text)
    printed = report_date(text, mentions)
    anchor = printed or _published(doc)
    doc.labels["reported_date"] = anchor.isoformat() if anchor else None
    if "violations" in doc.labels and not doc.labels["violations"]:
        doc.labels["event_dates"] = []  # nothing reported happened: no event to date
        return
    body = [m for m in mentions if not is_byline(text, m)]
    starts = _paragraph_starts(doc)
    para = [starts[max(0, bisect.bisect_right(starts, m.start) - 1)] for m in body]
    resolved = [(m, v) for m, v in resolve(body, anchor, para) if _plausible(v, anchor)]
    doc.labels["event_dates"] = _labels(doc, resolved)


def _published(doc: Document) -> date | None:
    try:
        return PartialDate(doc.published).first_day() if doc.published else None
    except ValueError:
        return None


def _paragraph_starts(doc: Document) -> list[int]:
    if doc.paragraphs:
        return sorted(s for s, _ in doc.paragraphs)
    text = doc.clean_text
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def _plausible(value: PartialDate, anchor: date | None) -> bool:
    last = (anchor.year if anchor else date.today().year) + 2
    return FIRST_YEAR <= value.year <= last


def _labels(doc: Document, found: list[tuple[Mention, PartialDate]]) -> list[DateLabel]:
    by_value: dict[str, list[Evidence]] = {}
    for m, date_ in found:
        ev = doc.evidence(m.start, m.end, rule=f"dates.{m.rule}")
        by_value.setdefault(date_.value, []).append(ev)
    out = []
    for iso, evidence in by_value.items():
        if len(iso) == 4 and any(v.startswith(iso + "-") for v in by_value):
            continue
        out.append(DateLabel(iso, PartialDate(iso).precision, evidence))
    return sorted(out, key=lambda d: d.value)
