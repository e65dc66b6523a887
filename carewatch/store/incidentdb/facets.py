"""Facet rows: the parts of an incident's JSON ``record`` the dashboard aggregates, as columns.

Sits beside the incident models. Places (settlement, raion, oblast, coordinates) and sources
(independent origins, relaying publishers) live inside ``Incident.record``; reading that JSON
per incident made a cold dashboard over 100k incidents take seconds. Every save of an
incident rewrites its ``IncidentPlace`` / ``IncidentSource`` rows (a ``post_save`` receiver,
so the importer, merges and ``incidents.sync.materialize`` all keep them in step), and
``ensure`` catches up rows written without ``save`` (``bulk_create``, raw loads) by their
``facets_version``. ``analysis.source`` then aggregates these tables with GROUP BY.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from carewatch.store.incidentdb import models as m

VERSION = 1
"""Raise when the rows derived from a record change shape: ``ensure`` then rewrites them all."""


def _text(value: Any) -> str | None:
    """A JSON scalar as the text the dashboard groups by (``None`` stays missing)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _coord(value: Any) -> float | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _array(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key) if isinstance(record, dict) else None
    return value if isinstance(value, list) else []


def place_rows(incident_id: int, record: dict[str, Any]) -> list[m.IncidentPlace]:
    """One row per element of ``record["places"]`` (a non-object element gives an empty row)."""
    rows = []
    for p in _array(record, "places"):
        p = p if isinstance(p, dict) else {}
        rows.append(m.IncidentPlace(incident_id=incident_id, settlement=_text(p.get("settlement")),
                                    raion=_text(p.get("raion")), oblast=_text(p.get("oblast")),
                                    lat=_coord(p.get("lat")), lon=_coord(p.get("lon"))))
    return rows


def source_names(record: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind, name): each named independent origin, and each source of a report in the relay role."""
    out = {("origin", str(_text(v))) for v in _array(record, "independent_origins") if v}
    for r in _array(record, "reports"):
        if isinstance(r, dict) and r.get("role") == "relay" and r.get("source"):
            out.add(("relay", str(_text(r["source"]))))
    return out


def write(incidents: Iterable[m.Incident], *, mark: bool = True) -> int:
    """Replace the facet rows of ``incidents`` from their records; returns how many were written.

    ``mark`` stores the current ``VERSION`` on them (the save receiver sets it before saving).
    """
    todo = {int(i.pk): i.record for i in incidents}
    if not todo:
        return 0
    with transaction.atomic():
        m.IncidentPlace.objects.filter(incident_id__in=todo).delete()
        m.IncidentSource.objects.filter(incident_id__in=todo).delete()
        m.IncidentPlace.objects.bulk_create([row for pk, rec in todo.items() for row in place_rows(pk, rec)],
                                            batch_size=1000)
        m.IncidentSource.objects.bulk_create([m.IncidentSource(incident_id=pk, kind=kind, name=name)
                                              for pk, rec in todo.items()
                                              for kind, name in sorted(source_names(rec))], batch_size=1000)
        if mark:
            m.Incident.objects.filter(pk__in=todo).update(facets_version=VERSION)
    return len(todo)


def ensure(*, batch: int = 2000) -> int:
    """Write facet rows for every incident whose rows are missing or older than ``VERSION``.

    One indexed query when all is current, so the dashboard calls it before each computation.
    """
    done = 0
    while True:
        chunk = list(m.Incident.objects.filter(facets_version__lt=VERSION).order_by("pk")
                     .only("pk", "record")[:batch])
        if not chunk:
            return done
        done += write(chunk)


def before_save(sender: type[m.Incident], instance: m.Incident, raw: bool = False,
                update_fields: Any = None, **_: Any) -> None:
    """The row about to be saved carries the facet version its post-save rows will have."""
    if not raw and update_fields is None:
        instance.facets_version = VERSION


def after_save(sender: type[m.Incident], instance: m.Incident, raw: bool = False,
               update_fields: Any = None, **_: Any) -> None:
    """Rewrite the saved incident's facet rows when its record may have changed."""
    if raw:
        return
    if update_fields is None:
        write([instance], mark=False)
    elif "record" in update_fields:
        write([instance])


def connect() -> None:
    """Hook the receivers to ``Incident`` saves (called once from the app config)."""
    from django.db.models.signals import post_save, pre_save

    pre_save.connect(before_save, sender=m.Incident, dispatch_uid="incidentdb-facets-pre")
    post_save.connect(after_save, sender=m.Incident, dispatch_uid="incidentdb-facets-post")
