"""Dashboard query time over generated incidents (target: under 2 s for 100k incidents).

Usage: ``python bench/dashboard_bench.py [--n 100000] [--database-url postgresql://...]``.
Writes N synthetic incidents (random violation types, oblasts, settlements with coordinates,
months, certainty, origins and relays) into a fresh store under a temporary CAREWATCH_HOME,
writes their facet rows (``store.incidentdb.facets``, which incident saves keep in step),
then times ``analysis.dashboard.build`` (all aggregates plus the SVG charts) as a system
caller, unfiltered and with an oblast + violation filter, and prints the timings.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from typing import Any

OBLASTS = ["UA-23", "UA-65", "UA-14", "UA-09", "UA-43", "UA-40", "UA-48", "UA-63"]
VIOLATIONS = ["care_denied_documents", "medicine_for_enlistment", "forced_conscription", "forced_passportization",
              "medicine_shortage", "facility_militarized", "patient_deportation", "health_worker_coercion",
              "attack_on_health_care"]
LEVELS = ["rumour", "possible", "probable", "confirmed"]
ORIGINS = [f"origin {i}" for i in range(300)]
RELAYS = [f"https://relay{i}.example/news" for i in range(80)]


def _place(rng: random.Random) -> dict[str, Any]:
    ob = rng.choice(OBLASTS)
    k = rng.randrange(400)
    return {"name": f"Settlement {ob}-{k}", "settlement": f"Settlement {ob}-{k}", "raion": f"Raion {ob}-{k % 9}",
            "oblast": ob, "katottg": f"{ob}-{k}", "lat": 44.5 + rng.random() * 5, "lon": 30 + rng.random() * 9,
            "precision": "settlement"}


def _incident(rng: random.Random) -> dict[str, Any]:
    places = [_place(rng) for _ in range(rng.choice([1, 1, 1, 2]))]
    vio = sorted(set(rng.sample(VIOLATIONS, rng.choice([1, 1, 2]))))
    y, m = rng.choice([2022, 2023, 2024, 2025]), rng.randint(1, 12)
    first = f"{y}-{m:02d}" if rng.random() > 0.05 else ""
    origins = rng.sample(ORIGINS, rng.choice([1, 1, 2, 3]))
    relays = rng.sample(RELAYS, rng.choice([0, 1, 2]))
    reports = [{"id": i, "source": o, "role": "origin"} for i, o in enumerate(origins)]
    reports += [{"id": 100 + i, "source": r, "role": "relay"} for i, r in enumerate(relays)]
    oblasts = sorted({p["oblast"] for p in places})
    record = {"title": f"{vio[0]} in {places[0]['name']}", "violations": vio, "places": places, "oblasts": oblasts,
              "first_date": first or None, "last_date": first or None, "reports": reports,
              "independent_origins": origins, "origin_count": len(origins)}
    return {"record": record, "vio": vio, "oblasts": oblasts, "first": first, "level": rng.choice(LEVELS),
            "origins": len(origins)}


def populate(n: int, seed: int = 7) -> None:
    from carewatch.store.incidentdb.models import Incident

    rng = random.Random(seed)
    batch = []
    for _ in range(n):
        x = _incident(rng)
        batch.append(Incident(title=x["record"]["title"], status=rng.choice(["open", "published"]),
                              certainty=x["level"], first_date=x["first"], last_date=x["first"],
                              violation_tags="|" + "|".join(x["vio"]) + "|", oblast_tags="|" + "|".join(x["oblasts"]) + "|",
                              search_text=x["record"]["title"].casefold(), report_count=len(x["record"]["reports"]),
                              origin_count=x["origins"], record=x["record"]))
        if len(batch) >= 5000:
            Incident.objects.bulk_create(batch)
            batch = []
    Incident.objects.bulk_create(batch)


def timed(label: str, filters: dict[str, str], repeat: int = 3) -> float:
    """Cold (cache cleared before each run) and warm (same data, cached aggregates) timings."""
    from django.core.cache import cache

    from carewatch.analysis import dashboard

    cold, warm = [], []
    for _ in range(repeat):
        cache.clear()
        t0 = time.perf_counter()
        data = dashboard.build(user=None, filters=filters)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        dashboard.build(user=None, filters=filters)
        warm.append(time.perf_counter() - t0)
    print(f"{label:<32} incidents={data['total']:>7}  cold median {statistics.median(cold):.2f} s "
          f"(best {min(cold):.2f})  warm median {statistics.median(warm):.2f} s")
    return min(cold)


def steps() -> None:
    """Each part of the cold computation on its own, to see where the time goes."""
    from carewatch.analysis import source

    qs = source.queryset(user=None)
    parts = (("cache key", lambda a, q: source._cache_key(q, True)), ("count", lambda a, q: q.count()),
             ("monthly tags", source._monthly), ("oblast tags", source._oblasts),
             ("places (facets)", source._places), ("origins and relays (facets)", source._sources))
    for name, step in parts:
        t0 = time.perf_counter()
        step(source.Aggregates(), qs)
        print(f"  step {name:<28} {time.perf_counter() - t0:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    os.environ["CAREWATCH_HOME"] = tempfile.mkdtemp(prefix="cw-dash-bench-")
    if args.database_url:
        os.environ["CAREWATCH_DATABASE_URL"] = args.database_url
    from carewatch.store import db

    db.setup(migrate=True)
    from django.db import connection

    t0 = time.perf_counter()
    populate(args.n)
    print(f"{connection.vendor}: wrote {args.n} incidents in {time.perf_counter() - t0:.1f} s")
    from carewatch.store.incidentdb import facets

    t0 = time.perf_counter()
    facets.ensure()
    print(f"  facet rows written (bulk, as ingest's saves would) in {time.perf_counter() - t0:.1f} s")
    if connection.vendor == "postgresql":  # what autovacuum does soon after a bulk load
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    steps()
    timed("dashboard, no filter", {})
    timed("dashboard, oblast + violation", {"oblast": "UA-23", "violation": "care_denied_documents"})
    timed("dashboard, one year", {"date_from": "2024-01", "date_to": "2024-12"})


if __name__ == "__main__":
    main()
