"""The choropleth: Ukraine's oblasts shaded by incident count, with settlement points.

Sits under the dashboard and the brief. Outlines come from ``analysis.mapdata`` (geoBoundaries
via pygal-maps-ua, credited in ``mapdata.ATTRIBUTION``); nothing is fetched, no tiles, no CDN.
Each region carries ``data-oblast``/``data-count`` and a class ``q0``..``q5`` (its shade
bucket), links to the incidents behind it, and settlement points are projected with
``mapdata.project``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from carewatch.analysis import mapdata, svg
from carewatch.analysis.svg import MUTED, el, text, title
from carewatch.gazetteer.regions import REGIONS

#: Sequential blues (ColorBrewer "Blues", readable for colour-blind readers); q0 = no incidents.
SHADES = ("#f2f2f2", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
POINT = "#D55E00"
NAMES = {r.iso: (r.en[0] + (" (city)" if r.city else "")) for r in REGIONS}


def bucket(n: int, top: int) -> int:
    """Shade bucket 0..5: 0 for none, else 1..5 in equal steps of the maximum."""
    return 0 if n <= 0 or top <= 0 else max(1, min(5, math.ceil(5 * n / top)))


def _region(iso: str, n: int, top: int, href: str) -> str:
    reg = mapdata.regions()[iso]
    q = bucket(n, top)
    paths = "".join(el("path", d=d, transform=t or None) for d, t in reg.paths)
    tip = title(f"{NAMES.get(iso, iso)}: {n} " + _("incidents"))
    g = el("g", tip, paths, class_=f"region q{q}", data_oblast=iso, data_count=n, fill=SHADES[q],
           stroke="#ffffff", stroke_width=0.8)
    return el("a", g, href=f"{href}oblast={iso}") if href and n else g


def _points(points: Sequence[dict[str, Any]], href: str) -> list[str]:
    out = []
    for p in sorted(points, key=lambda p: -int(p["n"])):
        x, y = mapdata.project(float(p["lon"]), float(p["lat"]))
        if not mapdata.inside_frame(x, y):
            continue
        r = 3.2 + 2.2 * math.sqrt(int(p["n"]))
        dot = el("circle", title(f"{p['name']}: {p['n']} " + _("incidents")), cx=x, cy=y, r=r, fill=POINT,
                 fill_opacity=0.85, stroke="#ffffff", stroke_width=1.2, class_="point", data_name=p["name"])
        out.append(el("a", dot, href=f"{href}q={p['name']}") if href else dot)
    return out


def _labels(counts: Counter[str], top: int) -> list[str]:
    out = []
    for iso, n in counts.items():
        reg = mapdata.regions().get(iso)
        if reg is None or n <= 0 or iso in ("UA-30", "UA-40"):
            continue
        cx, cy = reg.centre
        dark = bucket(n, top) >= 4
        out.append(text(cx, cy + 6, str(n), text_anchor="middle", font_size=19, font_weight="bold",
                        fill="#ffffff" if dark else "#17324f", class_="count", pointer_events="none"))
    return out


def _legend(top: int) -> list[str]:
    out = [text(20, 640, _("Incidents per oblast"), font_size=19, font_weight="bold")]
    steps = [(0, "0")] + [(q, f"≤ {math.ceil(top * q / 5)}") for q in range(1, 6)] if top >= 5 else \
        [(0, "0")] + [(bucket(n, top), str(n)) for n in range(1, top + 1)]
    for i, (q, label) in enumerate(steps):
        out.append(el("rect", x=20, y=654 + 24 * i, width=22, height=19, fill=SHADES[q], stroke="#9aa6b5",
                      stroke_width=0.6))
        out.append(text(50, 670 + 24 * i, label, font_size=17))
    return out


def choropleth(counts: Counter[str], *, points: Sequence[dict[str, Any]] = (), href: str = "",
               label: str = "") -> str:
    """The map as inline SVG; ``href`` is the incident-list URL prefix (``/incidents/?…&``)."""
    top = max(counts.values(), default=0)
    body = [el("rect", x=0, y=0, width=mapdata.WIDTH, height=mapdata.HEIGHT, fill="#ffffff")]
    body += [_region(iso, int(counts.get(iso, 0)), top, href) for iso in sorted(mapdata.regions())]
    body += _labels(counts, top)
    body += _points(points, href)
    body += _legend(top)
    if points:
        body.append(el("circle", cx=31, cy=604, r=7, fill=POINT, stroke="#ffffff"))
        body.append(text(50, 610, _("settlement named in reports"), font_size=17))
    for i, line in enumerate(mapdata.CREDIT_LINES):
        body.append(text(1190, 24 + 20 * i, line, font_size=15, fill=MUTED, text_anchor="end"))
    return svg.document(mapdata.WIDTH, mapdata.HEIGHT, body, label=label or _("Incidents by oblast"),
                        css_class="chart map")
