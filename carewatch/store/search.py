"""Search service: full-text search over reports with morphology, facets, sorting, pages.

Shared by the web page (``carewatch.web.search``), the JSON API and the CLI; keyword arguments
only, roles enforced here. Indexing is lazy: each query first catches up with the custody log
(``searchdb.indexer.catch_up``), so reports processed by any process are found; call
``index_report`` after changing a report's labels, ``reindex_all`` after a pipeline upgrade.
"""

from __future__ import annotations

from typing import Any

from carewatch.errors import CarewatchError
from carewatch.pipeline.lemmatize import query_terms
from carewatch.review.roles import require

SORTS = ("relevance", "date", "date_asc")
FILTER_KEYS = ("violation", "oblast", "language", "source", "certainty", "date_from", "date_to")
MAX_PER_PAGE = 100
MAX_QUERY_CHARS = 500


def index_report(report_id: int) -> bool:
    """(Re)index one report; True when it is in the index afterwards."""
    from carewatch.store.searchdb.indexer import index_report as index

    return index(int(report_id))


def reindex_all() -> int:
    """Rebuild the index from every processed report; returns how many were indexed."""
    from carewatch.store.searchdb.indexer import reindex_all as rebuild

    return rebuild()


def _clean_filters(filters: dict[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in FILTER_KEYS:
        value = (filters or {}).get(key)
        if value not in (None, ""):
            out[key] = str(value)[:200]
    for key in ("date_from", "date_to"):
        if key in out and not _partial_date(out[key]):
            raise CarewatchError(f"{key} must be YYYY or YYYY-MM (or YYYY-MM-DD), not {out[key]!r}",
                                 code="CW422", hint="write the date like 2023 or 2023-08")
    return out


def _partial_date(value: str) -> bool:
    parts = value.split("-")
    return (len(parts) <= 3 and len(parts[0]) == 4
            and all(p.isascii() and p.isdigit() for p in parts) and all(len(p) == 2 for p in parts[1:]))


def search(*, user: Any, q: str, filters: dict[str, Any] | None = None, sort: str = "relevance",
           page: int = 1, per_page: int = 20) -> dict[str, Any]:
    """One page of reports matching ``q`` (every word, in any inflected form) and ``filters``.

    ``user=None`` is a system caller (CLI). Returns items, total, facets, page, per_page, sort.
    """
    if user is not None:
        require(user, "search")
    from carewatch.store.searchdb import indexer, query

    indexer.catch_up()
    sort = sort if sort in SORTS else "relevance"
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    terms = query_terms((q or "")[:MAX_QUERY_CHARS])
    base = query.base(terms, _clean_filters(filters))
    page = max(1, int(page))
    hits, total = query.page(base, sort=sort, limit=per_page, offset=(page - 1) * per_page)
    if total is None:  # unfiltered (counting is cheap), past the end, or nothing matches
        total = query.count(base)
        last = max(1, -(-total // per_page))
        if page > last:
            page = last
            hits, _ = query.page(base, sort=sort, limit=per_page, offset=(page - 1) * per_page)
    return {"items": _items(hits, terms), "total": total, "facets": query.facets(base),
            "facets_sampled": total > query.FACET_LIMIT,
            "page": page, "per_page": per_page, "sort": sort, "q": q or "",
            "terms": [list(t) for t in terms]}


def _items(hits: list[tuple[int, int, float]], terms: list[tuple[str, ...]]) -> list[dict[str, Any]]:
    from carewatch.store.models import Report
    from carewatch.store.searchdb.models import SearchEntry, SearchTag
    from carewatch.store.searchdb.snippets import snippet

    entry_ids = [h[0] for h in hits]
    entries = {int(e.pk): e for e in SearchEntry.objects.filter(id__in=entry_ids)}
    reports = {int(r.pk): r for r in Report.objects.filter(id__in=[h[1] for h in hits])
               .only("id", "title", "url", "source", "clean_text", "text", "language", "extraction")}
    tags: dict[int, dict[str, list[str]]] = {i: {} for i in entry_ids}
    rows = SearchTag.objects.filter(entry_id__in=entry_ids).order_by("kind", "value")
    for entry_id, kind, value in rows.values_list("entry_id", "kind", "value"):
        tags[entry_id].setdefault(kind, []).append(value)
    out = []
    for entry_id, report_id, score in hits:
        e, r, t = entries[entry_id], reports[report_id], tags[entry_id]
        out.append({
            "report_id": report_id, "title": e.title or _first_line(r), "url": r.url or None,
            "source": (t.get("source") or [""])[0], "language": e.language or None,
            "published": e.published or None, "first_date": e.first_date or None,
            "last_date": e.last_date or None, "score": round(score, 4),
            "violations": t.get("violation", []), "oblasts": t.get("oblast", []),
            "snippet": snippet(r.clean_text or r.text, terms, r.language or None),
        })
    return out


def _first_line(report: Any) -> str:
    """A title for an untitled report: the review service's choice (skips banner lines)."""
    from carewatch.review.services import display_title

    return display_title(report)
