"""JSON formats: carewatch's own ``json`` (lossless, importable) and ``huridocs``.

``json`` is one object whose ``incidents`` array is written record by record. ``huridocs``
follows the entities of the HURIDOCS Events Standard Formats (events, acts, victims as
groups, perpetrators as involvements, sources as information records); the sections other
than events are spooled to temporary files while streaming and appended at ``finalize``.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from typing import IO, Any

from carewatch.exports.base import Exporter, Record, dumps, joined, register
from carewatch.exports.places import oblast_name

FORMAT_ID = "carewatch.incidents"
FORMAT_VERSION = 1


def _header(kind: str, audience: str, meta: dict[str, Any]) -> dict[str, Any]:
    return {"format": kind, "version": FORMAT_VERSION, "audience": audience,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"), **meta}


@register("json")
class JsonExporter(Exporter):
    """``{"format": ..., "incidents": [...]}``, streamed."""

    extension = "json"
    media_type = "application/json"

    def __init__(self, out: IO[bytes], *, audience: str = "public", meta: dict[str, Any] | None = None) -> None:
        super().__init__(out, audience=audience, meta=meta)
        head = dumps(_header(FORMAT_ID, audience, self.meta))
        self.text(head[:-1] + ',"incidents":[\n')

    def write(self, record: Record) -> None:
        self.text(("," if self.count else "") + dumps(record) + "\n")
        self.count += 1

    def finalize(self) -> None:
        self.text("]}\n")


SECTIONS = ("acts", "victims", "perpetrators", "sources")


def event_entities(record: Record) -> dict[str, list[dict[str, Any]]]:
    """The HURIDOCS entities of one incident, linked by record numbers."""
    eid = f"E-{record.get('id')}"
    oblasts = record.get("oblasts") or []
    places = record.get("places") or []
    groups = record.get("victim_groups") or []
    victims = [{"person_record_number": f"V-{record.get('id')}-{i}", "counting_unit": "group",
                "name": group, "group_description": group} for i, group in enumerate(groups, 1)]
    acts = [{"act_record_number": f"A-{record.get('id')}-{i}", "event": eid, "act_type": code,
             "victims": [v["person_record_number"] for v in victims], "initial_date": record.get("first_date"),
             "final_date": record.get("last_date"), "act_location": joined([p.get("name") for p in places])}
            for i, code in enumerate(record.get("violations") or [], 1)]
    perps = [{"involvement_record_number": f"P-{record.get('id')}-{i}", "event": eid, "perpetrator": role,
              "type_of_perpetrator": role, "acts": [a["act_record_number"] for a in acts],
              "degree_of_involvement": "alleged"} for i, role in enumerate(record.get("perpetrators") or [], 1)]
    sources = [{"information_record_number": f"S-{rep.get('id')}", "event": eid, "source_name": rep.get("source"),
                "title": rep.get("title"), "language": rep.get("language"),
                "date_of_source_material": rep.get("published"), "source_role": rep.get("role"),
                "sha256": rep.get("sha256")} for rep in record.get("reports") or []]
    event = {"event_record_number": eid, "event_title": record.get("title"),
             "geographical_term": [oblast_name(o) for o in oblasts],
             "local_geographical_area": [p.get("name") for p in places],
             "initial_date": record.get("first_date"), "final_date": record.get("last_date"),
             "violation_status": record.get("certainty"), "event_description": record.get("chain"),
             "acts": [a["act_record_number"] for a in acts],
             "sources": [s["information_record_number"] for s in sources]}
    return {"events": [event], "acts": acts, "victims": victims, "perpetrators": perps, "sources": sources}


@register("huridocs")
class HuridocsExporter(Exporter):
    """HURIDOCS Events Standard Formats entities as one JSON document."""

    extension = "json"
    media_type = "application/json"

    def __init__(self, out: IO[bytes], *, audience: str = "public", meta: dict[str, Any] | None = None) -> None:
        super().__init__(out, audience=audience, meta=meta)
        self._spool = {name: tempfile.SpooledTemporaryFile(max_size=4 << 20) for name in SECTIONS}  # noqa: SIM115 - closed in finalize
        self._counts = dict.fromkeys(SECTIONS, 0)
        head = dumps(_header("huridocs.esf", audience, self.meta))
        self.text(head[:-1] + ',"events":[\n')

    def write(self, record: Record) -> None:
        entities = event_entities(record)
        self.text(("," if self.count else "") + dumps(entities["events"][0]) + "\n")
        for name in SECTIONS:
            for item in entities[name]:
                self._spool[name].write((("," if self._counts[name] else "") + dumps(item) + "\n").encode())
                self._counts[name] += 1
        self.count += 1

    def finalize(self) -> None:
        self.text("]")
        for name in SECTIONS:
            self.text(f',"{name}":[\n')
            spool = self._spool[name]
            spool.seek(0)
            for chunk in iter(lambda s=spool: s.read(1 << 16), b""):  # type: ignore[misc]
                self.out.write(chunk)
            spool.close()
            self.text("]")
        self.text("}\n")
