"""Where the dashboard's numbers come from: aggregate queries over the incident tables.

The one module of ``analysis`` that touches the database (GUIDE: services own the store).
Everything runs in the database as GROUP BY queries over ``incidentdb.Incident`` (tag columns
for violations and oblasts; JSON functions for places and sources inside ``record``), so a
dashboard over 100k incidents never loads them. Visibility and filters are exactly those of
``incidents.services`` (viewers see published incidents only).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Min, QuerySet
from django.db.models.functions import Substr

from carewatch.incidents import services
from carewatch.store.incidentdb import models as m

CACHE_SECONDS = 300
FILTER_KEYS = ("violation", "oblast", "certainty", "date_from", "date_to", "status", "q")


@dataclass
class Aggregates:
    """Counts the statistics are computed from (each incident counted once per bucket)."""

    total: int = 0
    monthly: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (month, violation, certainty)
    undated: int = 0
    year_only: int = 0
    oblast_violation: Counter[tuple[str, str]] = field(default_factory=Counter)  # (oblast, violation)
    oblast_total: Counter[str] = field(default_factory=Counter)
    violation_total: Counter[str] = field(default_factory=Counter)
    certainty_total: Counter[str] = field(default_factory=Counter)
    origins_hist: Counter[int] = field(default_factory=Counter)  # origin_count → incidents
    first: str = ""
    last: str = ""
    places: list[dict[str, Any]] = field(default_factory=list)  # settlement/raion rows with counts
    settlements_by_violation: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    origins: Counter[str] = field(default_factory=Counter)  # independent origin → incidents
    relays: Counter[str] = field(default_factory=Counter)  # relaying source → incidents
    policies: list[dict[str, Any]] = field(default_factory=list)


def clean_filters(raw: dict[str, Any] | None) -> dict[str, str]:
    """Only the known filter keys, as short stripped strings."""
    raw = raw or {}
    return {k: str(raw[k]).strip()[:100] for k in FILTER_KEYS if str(raw.get(k) or "").strip()}


def queryset(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[m.Incident]:
    """The incidents this user may see, filtered like the incident list."""
    return services._filtered(services._visible(user), clean_filters(filters))


def _tags(value: str) -> list[str]:
    return [t for t in (value or "").split("|") if t]


def _monthly(agg: Aggregates, qs: QuerySet[m.Incident]) -> None:
    rows = (qs.annotate(month=Substr("first_date", 1, 7)).values("month", "certainty", "violation_tags")
            .annotate(n=Count("id")).order_by())
    for row in rows:
        month, n = row["month"] or "", int(row["n"])
        agg.certainty_total[row["certainty"]] += n
        for code in _tags(row["violation_tags"]):
            agg.violation_total[code] += n
            if len(month) == 7:
                agg.monthly[(month, code, row["certainty"])] += n
        if not month:
            agg.undated += n
        elif len(month) < 7:
            agg.year_only += n


def _oblasts(agg: Aggregates, qs: QuerySet[m.Incident]) -> None:
    rows = qs.values("oblast_tags", "violation_tags").annotate(n=Count("id")).order_by()
    for row in rows:
        n = int(row["n"])
        for ob in _tags(row["oblast_tags"]):
            agg.oblast_total[ob] += n
            for code in _tags(row["violation_tags"]):
                agg.oblast_violation[(ob, code)] += n


def _json_rows(qs: QuerySet[m.Incident], path: str, fields: tuple[str, ...], *, by_violation: bool = False,
               extra: tuple[str, ...] = (), count: bool = True) -> list[tuple[Any, ...]]:
    """GROUP BY ``fields`` of the elements of a JSON array in ``record`` (SQLite json_each / PG jsonb).

    ``extra`` fields are aggregated with MIN (not grouped); ``count`` adds COUNT(DISTINCT id).
    """
    inner, params = qs.values("id", "record", "violation_tags").order_by().query.sql_with_params()
    if connection.vendor == "postgresql":
        def col(f: str) -> str:
            return f"e.value->>'{f}'" if f else "e.value #>> '{}'"
        source = (f"CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(t.record->'{path}') = 'array' "
                  f"THEN t.record->'{path}' ELSE '[]'::jsonb END) AS e(value)")
    else:
        def col(f: str) -> str:
            return f"json_extract(e.value, '$.{f}')" if f else "e.value"
        source = f", json_each(t.record, '$.{path}') AS e"
    cols = [col(f) for f in fields] + (["t.violation_tags"] if by_violation else [])
    group = ", ".join(str(i + 1) for i in range(len(cols)))
    cols += [f"MIN({col(f)})" for f in extra] + (["COUNT(DISTINCT t.id)"] if count else [])
    sql = f"SELECT {', '.join(cols)} FROM ({inner}) AS t {source} GROUP BY {group}"  # noqa: S608 - fixed names only
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [tuple(r) for r in cur.fetchall()]


def _places(agg: Aggregates, qs: QuerySet[m.Incident]) -> None:
    keys = ("settlement", "raion", "oblast", "lat", "lon")
    for *vals, n in _json_rows(qs, "places", keys[:3], extra=keys[3:]):
        row: dict[str, Any] = dict(zip(keys, vals, strict=True))
        for k in ("lat", "lon"):
            row[k] = float(row[k]) if row[k] not in (None, "") else None
        row["n"] = int(n)
        agg.places.append(row)
    for settlement, oblast, tags in _json_rows(qs, "places", ("settlement", "oblast"), by_violation=True, count=False):
        if settlement:
            for code in _tags(tags):
                agg.settlements_by_violation[code].add(f"{settlement}|{oblast}")


def _sources(agg: Aggregates, qs: QuerySet[m.Incident]) -> None:
    for name, n in _json_rows(qs, "independent_origins", ("",)):
        if name:
            agg.origins[str(name)] += int(n)
    for src, role, n in _json_rows(qs, "reports", ("source", "role")):
        if src and role == "relay":
            agg.relays[short_source(str(src))] += int(n)


def short_source(src: str) -> str:
    """A readable publisher name: the host of a URL, the file name of a path."""
    text = src.strip()
    if "://" in text:
        text = text.split("://", 1)[1].split("/", 1)[0]
        return text[4:] if text.startswith("www.") else text
    return text.rsplit("/", 1)[-1][:80]


def policies(*, user: Any) -> list[dict[str, Any]]:
    return services.list_policies(user=None if services._system(user) else user)


def _cache_key(qs: QuerySet[m.Incident], with_places: bool) -> str:
    """Same query, same database, same data version → same aggregates."""
    version = qs.order_by().aggregate(n=Count("id"), top=Max("id"), changed=Max("updated_at"))
    raw = "|".join([connection.vendor, str(connection.settings_dict.get("NAME")), str(qs.query),
                    str(with_places), str(sorted(version.items()))])
    return "cw-dash-" + hashlib.sha256(raw.encode()).hexdigest()


def collect(*, user: Any, filters: dict[str, Any] | None = None, with_places: bool = True) -> Aggregates:
    """All dashboard aggregates for what ``user`` may see under ``filters``.

    Cached for a few minutes under a key holding the data version (count, last id, last
    change), so a repeated view or a chart download does not recompute unchanged numbers.
    """
    qs = queryset(user=user, filters=filters)
    key = _cache_key(qs, with_places)
    agg = cache.get(key)
    if not isinstance(agg, Aggregates):
        agg = _compute(qs, with_places)
        cache.set(key, agg, CACHE_SECONDS)
    agg.policies = policies(user=user)
    return agg


def _compute(qs: QuerySet[m.Incident], with_places: bool) -> Aggregates:
    agg = Aggregates()
    agg.total = qs.count()
    _monthly(agg, qs)
    _oblasts(agg, qs)
    for row in qs.values("origin_count").annotate(n=Count("id")).order_by():
        agg.origins_hist[int(row["origin_count"])] += int(row["n"])
    span = qs.exclude(first_date="").aggregate(first=Min("first_date"), last=Max("last_date"))
    agg.first, agg.last = span["first"] or "", span["last"] or ""
    if with_places:
        _places(agg, qs)
    _sources(agg, qs)
    return agg
