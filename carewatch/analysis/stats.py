"""Dashboard figures: summary numbers, patterns and source independence, from ``Aggregates``.

Sits between ``analysis.source`` (database aggregates) and the views, the ``carewatch report``
command and the brief, which all show the same figures. Pure functions over counts: no
database, no Django request. Every figure carries the incident-list link behind it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlencode

from carewatch.analysis.source import Aggregates
from carewatch.model.vocab import violations

INCIDENTS_URL = "/incidents/"


def link(filters: dict[str, str], **extra: str) -> str:
    """The incident list behind a figure: the dashboard's filters plus the figure's own."""
    merged = {k: v for k, v in {**filters, **extra}.items() if v}
    return f"{INCIDENTS_URL}?{urlencode(merged)}" if merged else INCIDENTS_URL


def violation_labels(lang: str = "en") -> dict[str, str]:
    return {c: t.labels.get(lang) or t.labels.get("en") or c for c, t in violations().types.items()}


def _settlements(agg: Aggregates) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for p in agg.places:
        if not p.get("settlement"):
            continue
        key = (str(p["settlement"]), str(p.get("oblast") or ""))
        row = out.setdefault(key, {"name": key[0], "oblast": key[1], "raion": p.get("raion"), "n": 0,
                                   "lat": p.get("lat"), "lon": p.get("lon")})
        row["n"] = max(row["n"], int(p["n"]))  # the same settlement filed under two raion spellings
    return out


def points(agg: Aggregates) -> list[dict[str, Any]]:
    """Settlements with coordinates and their incident counts, for the map."""
    return [{"name": s["name"], "n": s["n"], "lat": s["lat"], "lon": s["lon"]}
            for s in _settlements(agg).values() if s["lat"] is not None and s["lon"] is not None]


def _method_rows(agg: Aggregates, filters: dict[str, str], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Repetition of the same method: per violation type, where and over how long it recurs."""
    months: dict[str, set[str]] = defaultdict(set)
    for mo, code, _level in agg.monthly:
        months[code].add(mo)
    oblasts: dict[str, set[str]] = defaultdict(set)
    for ob, code in agg.oblast_violation:
        oblasts[code].add(ob)
    places = agg.settlements_by_violation
    rows = []
    for code, n in agg.violation_total.most_common():
        ms = sorted(months[code])
        rows.append({"code": code, "label": labels.get(code, code), "incidents": n,
                     "oblasts": len(oblasts[code]), "settlements": len(places[code]), "months": len(ms),
                     "first": ms[0] if ms else "", "last": ms[-1] if ms else "",
                     "href": link(filters, violation=code)})
    return rows


def patterns(agg: Aggregates, filters: dict[str, str], labels: dict[str, str]) -> dict[str, Any]:
    """Indicators for the "widespread or systematic" question."""
    settlements = _settlements(agg)
    raions = {(str(p["raion"]), str(p.get("oblast") or "")) for p in agg.places if p.get("raion")}
    months = {k[0] for k in agg.monthly}
    return {
        "settlements": len(settlements), "raions": len(raions), "oblasts": len(agg.oblast_total),
        "first": agg.first, "last": agg.last, "months_active": len(months),
        "span_months": _span(agg.first, agg.last),
        "methods": _method_rows(agg, filters, labels),
        "top_settlements": sorted(({"name": s["name"], "oblast": s["oblast"], "n": s["n"],
                                    "href": link(filters, q=s["name"])} for s in settlements.values()),
                                  key=lambda s: (-s["n"], s["name"]))[:12],
        "policies": _policies(agg, filters.get("oblast", "")),
    }


def _span(first: str, last: str) -> int:
    if len(first) < 4 or len(last) < 4:
        return 0
    fm = int(first[5:7]) if len(first) >= 7 else 1
    lm = int(last[5:7]) if len(last) >= 7 else 12
    return (int(last[:4]) - int(first[:4])) * 12 + lm - fm + 1


def _policies(agg: Aggregates, oblast: str = "") -> list[dict[str, Any]]:
    """Policies, limited to the filtered oblast's territory when there is one."""
    rows = []
    for p in agg.policies:
        if oblast and oblast not in (p.get("territory") or []):
            continue
        rows.append({**p, "territory_links": [(ob, link({}, oblast=ob)) for ob in p.get("territory") or []],
                     "incident_count": len(p.get("incidents") or [])})
    return sorted(rows, key=lambda p: (p.get("effective_date") or "9999", p["id"]))


def independence(agg: Aggregates, filters: dict[str, str]) -> dict[str, Any]:
    """How many independent origins stand behind the numbers."""
    hist = Counter({min(k, 4): 0 for k in range(0, 5)})
    for k, n in agg.origins_hist.items():
        hist[min(k, 4)] += n
    return {
        "origins": len(agg.origins), "single_origin": agg.origins_hist.get(1, 0) + agg.origins_hist.get(0, 0),
        "multi_origin": sum(n for k, n in agg.origins_hist.items() if k >= 2),
        "histogram": [(k, hist[k]) for k in range(1, 5)], "no_origin": hist[0],
        "top_origins": agg.origins.most_common(12), "top_relays": agg.relays.most_common(12),
        "relays": len(agg.relays),
    }


def summary(agg: Aggregates, filters: dict[str, str], lang: str = "en") -> dict[str, Any]:
    """Everything the dashboard, ``carewatch report`` and the brief print, as plain data."""
    labels = violation_labels(lang)
    pat = patterns(agg, filters, labels)
    return {
        "filters": filters, "total": agg.total,
        "certainty": {lvl: agg.certainty_total.get(lvl, 0) for lvl in ("confirmed", "probable", "possible", "rumour")},
        "violations": [{"code": c, "label": labels.get(c, c), "incidents": n, "href": link(filters, violation=c)}
                       for c, n in agg.violation_total.most_common()],
        "oblasts": [{"code": ob, "incidents": n, "href": link(filters, oblast=ob),
                     "by_violation": {c: agg.oblast_violation.get((ob, c), 0) for c in labels}}
                    for ob, n in agg.oblast_total.most_common()],
        "undated": agg.undated, "year_only": agg.year_only,
        "patterns": pat, "independence": independence(agg, filters),
    }
