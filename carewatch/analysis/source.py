"""Where the dashboard's numbers come from: aggregate queries over the incident tables.

The one module of ``analysis`` that touches the database (GUIDE: services own the store).
Everything runs in the database as GROUP BY queries: tag columns of ``incidentdb.Incident``
for violations and oblasts, and the facet tables ``IncidentPlace`` / ``IncidentSource``
(``store.incidentdb.facets``) for places and sources, so a dashboard over 100k incidents
never loads or parses their JSON records. Visibility and filters are exactly those of
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
from carewatch.store.incidentdb import facets
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


def _places(agg: Aggregates, qs: QuerySet[m.Incident]) -> None:
    """Places grouped by (settlement, raion, oblast), each incident counted once per group."""
    rows = m.IncidentPlace.objects.filter(incident__in=qs.order_by().values("pk"))
    for row in (rows.values("settlement", "raion", "oblast")
                .annotate(lat=Min("lat"), lon=Min("lon"), n=Count("incident", distinct=True)).order_by()):
        agg.places.append({**row, "n": int(row["n"])})
    pairs = (rows.exclude(settlement__isnull=True).exclude(settlement="")
             .values_list("settlement", "oblast", "incident__violation_tags").distinct().order_by())
    for settlement, oblast, tags in pairs:
        for code in _tags(tags):
            agg.settlements_by_violation[code].add(f"{settlement}|{oblast}")


def _sources(agg: Aggregates, qs: QuerySet[m.Incident]) -> None:
    """Incidents per independent origin and per relaying publisher (by its short name)."""
    rows = (m.IncidentSource.objects.filter(incident__in=qs.order_by().values("pk"))
            .values_list("kind", "name").annotate(n=Count("incident", distinct=True)).order_by())
    for kind, name, n in rows:
        if kind == "origin":
            agg.origins[name] += int(n)
        elif kind == "relay":
            agg.relays[short_source(name)] += int(n)


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
    """Same query, same database, same data version → same aggregates.

    The last change is taken over all incidents (an index lookup; per filtered row it meant
    reading each row's end, past its JSON record): any edit anywhere invalidates, as it should.
    """
    version = qs.order_by().aggregate(n=Count("id"), top=Max("id"))
    version["changed"] = m.Incident.objects.order_by().aggregate(t=Max("updated_at"))["t"]
    raw = "|".join([connection.vendor, str(connection.settings_dict.get("NAME")), str(qs.query),
                    str(with_places), str(sorted(version.items()))])
    return "cw-dash-" + hashlib.sha256(raw.encode()).hexdigest()


def collect(*, user: Any, filters: dict[str, Any] | None = None, with_places: bool = True) -> Aggregates:
    """All dashboard aggregates for what ``user`` may see under ``filters``.

    Cached for a few minutes under a key holding the data version (count, last id, last
    change), so a repeated view or a chart download does not recompute unchanged numbers.
    """
    facets.ensure()
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
