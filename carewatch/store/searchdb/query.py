"""SQL for one search: the full-text match per vendor, filters, counts, a page, facets.

Used by :mod:`carewatch.store.search`. The match runs on the lemma column (FTS5 ``MATCH`` on
SQLite, ``tsvector @@ tsquery`` with ``simple`` on PostgreSQL); every value reaches the database
as a bound parameter, and query keys contain word characters only (see ``pipeline.lemmatize``).
"""

# ruff: noqa: S608  -- SQL is assembled from fixed fragments; every value is a bound parameter

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from carewatch.store.searchdb.indexer import tag_token

TAG_FILTERS = ("violation", "oblast", "language", "source")
SORTS = {
    "relevance": "h.score DESC, e.sort_date DESC, e.id DESC",
    "date": "e.sort_date DESC, e.id DESC",
    "date_asc": "CASE WHEN e.sort_date = '' THEN 1 ELSE 0 END, e.sort_date ASC, e.id ASC",
}
CERTAINTY_OF = ("SELECT m.report_id FROM incidentdb_membership m JOIN incidentdb_incident i"
                " ON i.id = m.incident_id WHERE i.certainty = %s")


# Relevance ranks at most this many hits, the most recently indexed: past that a word says little
# about any one report, and ranking them all costs more than the page is worth.
RANK_LIMIT = 2000
FACET_LIMIT = 2000  # facets count at most this many hits (a common word can match half the corpus)


@dataclass
class Sql:
    """A FROM/WHERE clause with its parameters, reused by the count, page and facet queries.

    ``ids`` is the same clause without the ranking score (cheaper where no order is needed);
    ``match`` is the bare full-text match, used directly when there are no filters.
    """

    text: str
    params: list[Any] = field(default_factory=list)
    ids: str = ""
    match: str = ""
    filtered: bool = False
    where: str = ""
    where_params: list[Any] = field(default_factory=list)


def _match(terms: list[tuple[str, ...]], *, scored: bool) -> Sql:
    if not terms:
        return Sql(f"SELECT id{', 0.0 AS score' if scored else ''} FROM searchdb_searchentry")
    if connection.vendor == "postgresql":
        expr = " & ".join("(" + " | ".join(keys) + ")" for keys in terms)
        if scored:
            return Sql("SELECT id, ts_rank(tsv, q) AS score FROM searchdb_searchentry,"
                       " to_tsquery('simple', %s) q WHERE tsv @@ q", [expr])
        return Sql("SELECT id FROM searchdb_searchentry WHERE tsv @@ to_tsquery('simple', %s)", [expr])
    expr = " AND ".join("(" + " OR ".join(f'"{k}"' for k in keys) + ")" for keys in terms)
    score = ", -bm25(searchdb_fts) AS score" if scored else ""
    return Sql(f"SELECT rowid AS id{score} FROM searchdb_fts WHERE searchdb_fts MATCH %s", [expr])


def date_bound(value: str, *, upper: bool) -> str:
    """A partial ISO date as a string bound: '2023-08' → '2023-08' or '2023-08-99'."""
    return value + ("-99" * (2 - value.count("-")) if upper else "")


def base(terms: list[tuple[str, ...]], filters: dict[str, Any]) -> Sql:
    """``FROM (match) h JOIN entry e WHERE filters`` for these terms and filters.

    Facet filters are terms of the full-text match (each entry's lemmas end with its facet keys),
    so the index intersects them; only certainty and dates stay SQL conditions.
    """
    terms = terms + [(tag_token(kind, str(filters[kind])),) for kind in TAG_FILTERS if filters.get(kind)]
    match = _match(terms, scored=True)
    where: list[str] = []
    params: list[Any] = []
    if filters.get("certainty"):
        where.append(f"e.report_id IN ({CERTAINTY_OF})")
        params.append(str(filters["certainty"]))
    if filters.get("date_from"):
        where.append("e.last_date <> '' AND e.last_date >= %s")
        params.append(date_bound(str(filters["date_from"]), upper=False))
    if filters.get("date_to"):
        where.append("e.first_date <> '' AND e.first_date <= %s")
        params.append(date_bound(str(filters["date_to"]), upper=True))
    cond = " WHERE " + " AND ".join(where) if where else ""
    bare = _match(terms, scored=False).text
    ids_cond = " AND ".join([f"e.id IN ({bare})", *where]) if terms else " AND ".join(where) or "1 = 1"
    return Sql(f"FROM ({match.text}) h JOIN searchdb_searchentry e ON e.id = h.id{cond}", [*match.params, *params],
               ids=f"FROM searchdb_searchentry e WHERE {ids_cond}", match=bare, filtered=bool(where),
               where="".join(f" AND {w}" for w in where), where_params=params)


def _rows(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def count(b: Sql) -> int:
    if not b.filtered:
        return int(_rows(f"SELECT COUNT(*) FROM ({b.match}) h", b.params)[0][0])
    return int(_rows(f"SELECT COUNT(*) {b.ids}", b.params)[0][0])


Hits = list[tuple[int, int, float]]


def page(b: Sql, *, sort: str, limit: int, offset: int) -> tuple[Hits, int | None]:
    """(entry id, report id, score) of one page of hits, and the total when the page has rows.

    The total comes from a window count in the same pass, so a filtered search reads its hits
    once for both; an empty page (or a cheap unfiltered count) asks :func:`count` instead.
    """
    if sort == "relevance" and connection.vendor == "sqlite" and "MATCH" in b.match:
        return _fts_top(b, limit=limit, offset=offset)
    if sort == "relevance" and "tsv @@" in b.match and not b.filtered:
        return _pg_top(b, limit=limit, offset=offset)
    order = SORTS.get(sort, SORTS["relevance"])
    text = b.text if sort == "relevance" else b.ids
    score = "h.score" if sort == "relevance" else "0.0"
    sql = f"SELECT e.id, e.report_id, {score}, {_total(b)} {text} ORDER BY {order} LIMIT %s OFFSET %s"
    return _hits(_rows(sql, [*b.params, limit, offset]))


def _total(b: Sql) -> str:
    """A window count when filters make a separate count pass costly; else NULL (count is cheap)."""
    return "COUNT(*) OVER ()" if b.filtered else "NULL"


def _hits(rows: list[tuple[Any, ...]]) -> tuple[Hits, int | None]:
    hits = [(int(r[0]), int(r[1]), float(r[2] or 0.0)) for r in rows]
    return hits, (int(rows[0][3]) if rows and rows[0][3] is not None else None)


def _fts_top(b: Sql, *, limit: int, offset: int) -> tuple[Hits, int | None]:
    """FTS5's own rank (bm25) over the newest :data:`RANK_LIMIT` hits, then older hits newest first.

    bm25 costs a document-size lookup per hit, so a word in a third of the corpus would rank
    30,000 rows for one page; the rowid floor lets FTS5 skip the older hits. Pages past the cap
    keep the same order (ranked part first), so paging neither repeats nor skips a report.
    """
    floor = _rank_floor(b)
    total = _total(b) if floor == 0 else "NULL"  # past the floor the window would undercount
    fast = limit + offset <= RANK_LIMIT
    score = "-searchdb_fts.rank" if fast else "CASE WHEN searchdb_fts.rowid >= %s THEN -bm25(searchdb_fts) END"
    sql = (f"SELECT searchdb_fts.rowid, e.report_id, {score}, {total} FROM searchdb_fts"
           " JOIN searchdb_searchentry e ON e.id = searchdb_fts.rowid"
           f" WHERE searchdb_fts MATCH %s{' AND searchdb_fts.rowid >= %s' if fast else ''}{b.where}"
           f" ORDER BY {'' if fast else 'searchdb_fts.rowid >= %s DESC, '}3 DESC, e.sort_date DESC, e.id DESC"
           " LIMIT %s OFFSET %s")
    params = [b.params[0], floor] if fast else [floor, b.params[0]]
    return _hits(_rows(sql, [*params, *b.where_params, *([] if fast else [floor]), limit, offset]))


def _rank_floor(b: Sql) -> int:
    """The lowest entry id among the newest RANK_LIMIT hits; 0 when there are no more than that."""
    if b.filtered:
        sql = f"SELECT e.id {b.ids} ORDER BY e.id DESC LIMIT 1 OFFSET %s"
        params = [*b.params, RANK_LIMIT - 1]
    elif connection.vendor == "sqlite":
        sql = "SELECT rowid FROM searchdb_fts WHERE searchdb_fts MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s"
        params = [b.params[0], RANK_LIMIT - 1]
    else:
        sql = f"SELECT h.id FROM ({b.match}) h ORDER BY h.id DESC LIMIT 1 OFFSET %s"
        params = [b.params[0], RANK_LIMIT - 1]
    rows = _rows(sql, params)
    return int(rows[0][0]) if rows else 0


def _pg_top(b: Sql, *, limit: int, offset: int) -> tuple[Hits, int | None]:
    """ts_rank over the newest RANK_LIMIT hits (it reads each hit's whole tsvector), then the rest."""
    if limit + offset <= RANK_LIMIT:
        sql = ("SELECT c.id, c.report_id, ts_rank(c.tsv, to_tsquery('simple', %s)), NULL FROM"
               " (SELECT e.id, e.report_id, e.tsv, e.sort_date FROM searchdb_searchentry e"
               " WHERE e.tsv @@ to_tsquery('simple', %s) ORDER BY e.id DESC LIMIT %s) c"
               " ORDER BY 3 DESC, c.sort_date DESC, c.id DESC LIMIT %s OFFSET %s")
        return _hits(_rows(sql, [b.params[0], b.params[0], RANK_LIMIT, limit, offset]))
    floor = _rank_floor(b)
    sql = ("SELECT e.id, e.report_id, CASE WHEN e.id >= %s THEN ts_rank(e.tsv, to_tsquery('simple', %s)) END, NULL"
           " FROM searchdb_searchentry e WHERE e.tsv @@ to_tsquery('simple', %s)"
           " ORDER BY e.id >= %s DESC, 3 DESC, e.sort_date DESC, e.id DESC LIMIT %s OFFSET %s")
    return _hits(_rows(sql, [floor, b.params[0], b.params[0], floor, limit, offset]))


def _sample(b: Sql, column: str) -> str:
    """Up to FACET_LIMIT hits' ``column`` (newest first), the set facets are counted over."""
    if not b.filtered and "MATCH" in b.match and column == "e.id":
        return f"SELECT rowid FROM searchdb_fts WHERE searchdb_fts MATCH %s ORDER BY rowid DESC LIMIT {FACET_LIMIT}"
    return f"SELECT {column} {b.ids} ORDER BY e.id DESC LIMIT {FACET_LIMIT}"


def facets(b: Sql) -> dict[str, list[tuple[str, int]]]:
    """Value counts of every facet over the hits, most frequent first."""
    out: dict[str, list[tuple[str, int]]] = {}
    sql = (f"SELECT t.kind, t.value, COUNT(*) FROM searchdb_searchtag t WHERE t.entry_id IN"
           f" ({_sample(b, 'e.id')}) GROUP BY t.kind, t.value ORDER BY COUNT(*) DESC, t.value")
    for kind, value, n in _rows(sql, b.params):
        out.setdefault(str(kind), []).append((str(value), int(n)))
    sql = (f"SELECT i.certainty, COUNT(*) FROM incidentdb_membership m JOIN incidentdb_incident i"
           f" ON i.id = m.incident_id WHERE m.report_id IN ({_sample(b, 'e.report_id')})"
           f" GROUP BY i.certainty ORDER BY COUNT(*) DESC")
    out["certainty"] = [(str(v), int(n)) for v, n in _rows(sql, b.params)]
    if "year" in out:
        out["year"].sort(reverse=True)
    return out
