"""GeoJSON export: one Feature per incident in a FeatureCollection (RFC 7946, loads in QGIS).

Coordinates are [longitude, latitude] in WGS 84, as RFC 7946 requires (no ``crs`` member).
A record with a point place gets that point; a coarsened (public) record gets its oblast's
representative point with ``geo_precision`` = ``oblast_centroid``; otherwise ``geometry`` is
null. Properties are flat (lists joined) because GIS tools read flat attribute tables best.
"""

from __future__ import annotations

from typing import IO, Any

from carewatch.exports.base import Exporter, Record, dumps, joined, register, source_names
from carewatch.exports.places import locate, oblast_name


def feature(record: Record) -> dict[str, Any]:
    """The GeoJSON Feature of one incident record."""
    lat, lon, precision, place = locate(record)
    geometry = None
    if lat != "" and lon != "":
        geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
    oblast = place.get("oblast") or next(iter(record.get("oblasts") or []), None)
    props = {
        "id": record.get("id"), "title": record.get("title"), "status": record.get("status"),
        "certainty": record.get("certainty"), "first_date": record.get("first_date"),
        "last_date": record.get("last_date"), "violations": joined(record.get("violations")),
        "victim_groups": joined(record.get("victim_groups")), "perpetrators": joined(record.get("perpetrators")),
        "place": place.get("name"), "raion": place.get("raion"), "oblast": oblast,
        "oblast_name": oblast_name(oblast), "oblasts": joined(record.get("oblasts")),
        "geo_precision": precision or None, "origin_count": record.get("origin_count"),
        "report_count": len(record.get("reports") or []), "chain": record.get("chain"),
        "sources": joined(source_names(record)),
    }
    return {"type": "Feature", "id": record.get("id"), "geometry": geometry, "properties": props}


@register("geojson")
class GeoJsonExporter(Exporter):
    """A FeatureCollection written feature by feature."""

    extension = "geojson"
    media_type = "application/geo+json"

    def __init__(self, out: IO[bytes], *, audience: str = "public", meta: dict[str, Any] | None = None) -> None:
        super().__init__(out, audience=audience, meta=meta)
        self.text('{"type":"FeatureCollection","features":[\n')

    def write(self, record: Record) -> None:
        self.text(("," if self.count else "") + dumps(feature(record)) + "\n")
        self.count += 1

    def finalize(self) -> None:
        self.text("]}\n")
