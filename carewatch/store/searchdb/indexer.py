"""Build and refresh search entries from stored reports (the write side of search).

Called by :mod:`carewatch.store.search`: ``index_report`` after a report is processed or its
labels reviewed, ``reindex_all`` for a full rebuild, and ``catch_up`` before every query, which
re-indexes the reports whose custody log moved since the last look (so an ingest by the CLI is
searchable without anyone calling the indexer).
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, connection, transaction

from carewatch.pipeline.lemmatize import lemma_text
from carewatch.store.models import CustodyEvent, Report, ReportStatus
from carewatch.store.searchdb.models import SearchEntry, SearchState, SearchTag

TAG_KINDS = ("violation", "oblast", "language", "source", "year")
INDEXED_CHARS = 200_000  # enough for any report; bounds the work on a hostile giant page
WATERMARK = "custody"
WATERMARK_HASH = "custody_hash"  # detects a replaced or emptied log
_HEX_TO_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def tag_token(kind: str, value: str) -> str:
    """The full-text key of one facet value, so a filter is one more term of the match.

    Letters only (a hash spelled in a-p), so every tokenizer keeps it as one word; the full-text
    index then intersects a word's hits with a facet's without a probe per hit.
    """
    digest = hashlib.sha256(f"{kind}\x1f{value}".encode("utf-8", "surrogatepass")).hexdigest()
    return "cwtag" + digest[:20].translate(_HEX_TO_LETTERS)


def tag_tokens(tags: list[tuple[str, str]]) -> str:
    """The facet keys appended to an entry's lemmas (see :func:`tag_token`)."""
    return " ".join(tag_token(kind, value) for kind, value in tags)


def _extraction(report: Report) -> dict[str, Any]:
    """Labels with reviewers' decisions applied when the review service is there."""
    try:
        from carewatch.review.services import effective_extraction
    except ImportError:  # review is optional for the index
        return dict(report.extraction or {})
    return effective_extraction(report)


def source_of(report: Report, data: dict[str, Any]) -> str:
    """The first registered origin the report cites, else the web host or 'file'.

    Unregistered origins are left out on purpose: they are often named witnesses, and a facet
    must not list people.
    """
    from carewatch.incidents.independence import display_name

    for attr in data.get("attribution") or []:
        if isinstance(attr, dict) and attr.get("origin_id"):
            return display_name(str(attr.get("origin") or ""), str(attr["origin_id"]))[:200]
    host = urlsplit(report.url).hostname if report.url else None
    return (host or "file")[:200]


def _dates(report: Report, data: dict[str, Any]) -> list[str]:
    values = sorted({str(d["value"]) for d in data.get("event_dates") or []
                     if isinstance(d, dict) and d.get("value")})
    if not values and report.published[:4].isdigit():
        values = [report.published[:10]]
    return values


def entry_fields(report: Report) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Column values and facet tags of one processed report."""
    data = _extraction(report)
    text = f"{report.title}\n{report.clean_text or report.text}"[:INDEXED_CHARS]
    lang = report.language or None
    dates = _dates(report, data)
    fields = {
        "title": report.title or str(data.get("title") or ""),
        "language": report.language,
        "published": report.published,
        "first_date": dates[0][:10] if dates else "",
        "last_date": dates[-1][:10] if dates else "",
        "sort_date": (dates[-1] if dates else report.published)[:10],
    }
    tags = {("violation", str(v["code"])) for v in data.get("violations") or [] if v.get("code")}
    tags |= {("oblast", str(p["oblast"])) for p in data.get("places") or [] if p.get("oblast")}
    tags |= {("year", d[:4]) for d in dates}
    tags.add(("language", report.language or "unknown"))
    tags.add(("source", source_of(report, data)))
    fields["lemmas"] = f"{lemma_text(text, lang)} {tag_tokens(sorted(tags))}"
    return fields, sorted(tags)


def index_report(report_id: int) -> bool:
    """(Re)index one report; a report that is not processed is taken out. True when indexed."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status != ReportStatus.PROCESSED:
        SearchEntry.objects.filter(report_id=report_id).delete()
        return False
    fields, tags = entry_fields(report)
    try:
        with transaction.atomic():
            entry, _ = SearchEntry.objects.update_or_create(report=report, defaults=fields)
            SearchTag.objects.filter(entry=entry).delete()
            SearchTag.objects.bulk_create([SearchTag(entry=entry, kind=k, value=v) for k, v in tags])
    except IntegrityError:  # another worker indexed it at the same moment: its entry is as good
        return True
    return True


def _last_custody() -> tuple[int, int]:
    row = CustodyEvent.objects.order_by("-id").values_list("id", "hash").first()
    return (int(row[0]), _fingerprint(row[1])) if row else (0, 0)


def _fingerprint(event_hash: str) -> int:
    return int(event_hash[:15], 16) if event_hash else 0


def _watermark() -> int:
    """The custody id caught up with; 0 when the log it pointed into was replaced or emptied."""
    state = dict(SearchState.objects.filter(key__in=(WATERMARK, WATERMARK_HASH)).values_list("key", "value"))
    seen = int(state.get(WATERMARK, 0))
    if not seen:
        return 0
    stored = CustodyEvent.objects.filter(id=seen).values_list("hash", flat=True).first()
    return seen if stored and _fingerprint(stored) == state.get(WATERMARK_HASH) else 0


def _set_watermark(mark: tuple[int, int]) -> None:
    try:
        with transaction.atomic():
            SearchState.objects.update_or_create(key=WATERMARK, defaults={"value": mark[0]})
            SearchState.objects.update_or_create(key=WATERMARK_HASH, defaults={"value": mark[1]})
    except IntegrityError:  # a concurrent catch-up created the rows first; it saw the same log
        return


def catch_up() -> int:
    """Index the reports whose custody moved since the last call; returns how many."""
    last = _last_custody()
    seen = _watermark()
    if last[0] == seen:
        return 0
    ids = set(CustodyEvent.objects.filter(id__gt=seen, id__lte=last[0], report__isnull=False)
              .values_list("report_id", flat=True))
    for rid in sorted(i for i in ids if i is not None):
        index_report(rid)
    _set_watermark(last)
    return len(ids)


def reindex_all() -> int:
    """Rebuild the whole index from the reports; returns how many were indexed."""
    last = _last_custody()
    with transaction.atomic():
        SearchTag.objects.all().delete()
        SearchEntry.objects.all().delete()
    count = 0
    ids = Report.objects.filter(status=ReportStatus.PROCESSED).order_by("id").values_list("id", flat=True)
    for rid in ids.iterator(chunk_size=1000):
        count += index_report(rid)
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("INSERT INTO searchdb_fts(searchdb_fts) VALUES ('optimize')")
    _set_watermark(last)
    return count
