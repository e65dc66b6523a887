"""The dashboard service: figures and charts for one user and one set of filters.

What the web dashboard, ``carewatch report`` and the brief call (keyword arguments only).
Role checks are those of ``incidents.services`` (``source.queryset`` applies them: viewers
see published incidents only); the numbers come from ``analysis.stats``, the SVG from
``analysis.charts`` and ``analysis.choropleth``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carewatch.analysis import charts, choropleth, source, stats, svg
from carewatch.analysis.charts import Bar

CHARTS = ("timeline", "map", "violations", "independence", "origins", "relays")


def oblast_name(code: str) -> str:
    return choropleth.NAMES.get(code, code)


def _prefix(filters: dict[str, str], drop: str = "") -> str:
    """Incident-list URL prefix keeping the dashboard filters, ready for ``key=value``."""
    kept = {k: v for k, v in filters.items() if k != drop}
    return f"{stats.INCIDENTS_URL}?{urlencode(kept) + '&' if kept else ''}"


def _charts(agg: source.Aggregates, summ: dict[str, Any], filters: dict[str, str], *,
            with_points: bool) -> dict[str, str]:
    labels = stats.violation_labels()
    codes = list(labels)
    ind = summ["independence"]
    colour_of = {c: svg.colour(i) for i, c in enumerate(codes)}
    return {
        "timeline": charts.timeline(agg.monthly, codes=codes, labels=labels, href=_prefix(filters, "date_from")),
        "map": choropleth.choropleth(agg.oblast_total, points=stats.points(agg) if with_points else (),
                                     href=_prefix(filters, "oblast")),
        "violations": _violation_bars(summ, colour_of),
        "independence": charts.bars(
            [Bar(_origins_label(k), n) for k, n in ind["histogram"]],
            label=_("Incidents by number of independent origins"), value_label=_("incidents"),
            colour=svg.PALETTE[2], label_width=120, width=400),
        "origins": charts.bars([Bar(name, n) for name, n in ind["top_origins"]],
                               label=_("Independent origins behind the incidents"), value_label=_("incidents"),
                               colour=svg.PALETTE[0]),
        "relays": charts.bars([Bar(name, n) for name, n in ind["top_relays"]],
                              label=_("Sources that relayed others' reports"), value_label=_("incidents"),
                              colour=svg.PALETTE[8]),
    }


def _origins_label(k: int) -> str:
    if k >= 4:
        return _("4 or more")
    return ngettext("%(n)s origin", "%(n)s origins", k) % {"n": k}


def _violation_bars(summ: dict[str, Any], colour_of: dict[str, str]) -> str:
    """One bar per type, in the type's timeline colour."""
    items = [Bar(v["label"], v["incidents"], v["href"], colour=colour_of.get(v["code"], ""))
             for v in summ["violations"]]
    return charts.bars(items, label=_("Incidents by violation type"), value_label=_("incidents"),
                       width=620, label_width=330)


def build(*, user: Any, filters: dict[str, Any] | None = None, charts_too: bool = True,
          with_points: bool = True, redact: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Summary figures (``stats.summary``) plus, unless ``charts_too`` is false, the SVG charts.

    ``redact`` rewrites source names (an audience's PII filter: witnesses can be origins).
    """
    clean = source.clean_filters(filters)
    agg = source.collect(user=user, filters=clean)
    if redact is not None:
        agg.origins = Counter({redact(k): v for k, v in agg.origins.items()})
        agg.relays = Counter({redact(k): v for k, v in agg.relays.items()})
    summ = stats.summary(agg, clean)
    for ob in summ["oblasts"]:
        ob["name"] = oblast_name(ob["code"])
    summ["patterns"]["policies"] = [{**p, "territory_names": [oblast_name(t) for t in p.get("territory") or []]}
                                    for p in summ["patterns"]["policies"]]
    if charts_too:
        summ["charts"] = _charts(agg, summ, clean, with_points=with_points)
    return summ
