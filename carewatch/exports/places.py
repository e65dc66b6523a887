"""Place helpers for exports: English region names and a representative point per oblast.

Used by the geojson, hxl and acled exporters when a record (typically a public one, whose
places the Redactor coarsened) has no point coordinates: the oblast's representative point is
the mean of the gazetteer's settlement coordinates in that oblast, marked as such.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from carewatch.exports.base import Record, best_place
from carewatch.gazetteer.regions import REGIONS


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {r.iso: r.en[0] + ("" if r.city or r.iso == "UA-43" else " Oblast") for r in REGIONS}


def oblast_name(iso: str | None) -> str:
    """English name of an ISO 3166-2:UA region, or the code itself when unknown."""
    if not iso:
        return ""
    return _names().get(iso, iso)


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    from carewatch.gazetteer import load

    sums: dict[str, list[float]] = {}
    for e in load().entries:
        if e.type == "settlement" and e.oblast and e.lat is not None and e.lon is not None:
            acc = sums.setdefault(e.oblast, [0.0, 0.0, 0.0])
            acc[0] += e.lat
            acc[1] += e.lon
            acc[2] += 1
    return {iso: (round(a / n, 4), round(b / n, 4)) for iso, (a, b, n) in sums.items() if n}


def oblast_point(iso: str | None) -> tuple[float, float] | None:
    """(lat, lon) standing for a whole oblast, or None when the gazetteer has no coordinates."""
    if not iso:
        return None
    return _centroids().get(iso)


def locate(record: Record) -> tuple[Any, Any, str, dict[str, Any]]:
    """lat, lon, how precise they are, and the place they belong to."""
    place = best_place(record)
    if place.get("lat") is not None and place.get("lon") is not None:
        return place["lat"], place["lon"], str(place.get("precision") or "settlement"), place
    oblast = place.get("oblast") or next(iter(record.get("oblasts") or []), None)
    point = oblast_point(oblast)
    if point is None:
        return "", "", "", place
    return point[0], point[1], "oblast_centroid", place
