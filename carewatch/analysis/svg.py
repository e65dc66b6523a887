"""A tiny SVG writer for the server-side charts (timeline, bars, map, source network).

Sits under ``analysis.charts``/``choropleth``/``network``. Charts carry presentation
attributes (``fill``), never ``style=""``, so they pass the web CSP, stand alone when
downloaded and render the same in the PDF brief. Every text and attribute is escaped.
"""

from __future__ import annotations

from html import escape

#: Okabe-Ito, the colour-blind-safe palette (also --c1..--c9 in app.css).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
#: Certainty shading: opacity of a bar segment (solid = confirmed, faint = rumour).
CERTAINTY_OPACITY = {"confirmed": 1.0, "probable": 0.72, "possible": 0.45, "rumour": 0.22}
INK, MUTED, GRID = "#1d2430", "#5b6472", "#dde1e7"
FONT = "system-ui, 'DejaVu Sans', sans-serif"


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)


def attrs(**kw: object) -> str:
    """``key="value"`` pairs; trailing underscores dropped, other underscores become dashes."""
    out = []
    for k, v in kw.items():
        if v is None or v is False:
            continue
        name = k.rstrip("_").replace("_", "-")
        val = _num(v) if isinstance(v, float) else str(v)
        out.append(f'{name}="{escape(val, quote=True)}"')
    return " ".join(out)


def el(tag: str, *children: str, **kw: object) -> str:
    a = attrs(**kw)
    head = f"<{tag} {a}" if a else f"<{tag}"
    return f"{head}>{''.join(children)}</{tag}>" if children else f"{head}/>"


def text(x: float, y: float, value: str, **kw: object) -> str:
    kw.setdefault("fill", INK)
    kw.setdefault("font_size", 12)
    return el("text", escape(value), x=float(x), y=float(y), **kw)


def title(value: str) -> str:
    """A tooltip for the parent element (what a hover shows)."""
    return f"<title>{escape(value)}</title>"


def document(width: int, height: int, body: list[str], *, label: str, css_class: str = "chart") -> str:
    """A standalone SVG with an accessible name (``role=img`` and a title)."""
    head = attrs(viewBox=f"0 0 {width} {height}", width=width, height=height, class_=css_class, role="img",
                 aria_label=label, font_family=FONT)
    return f'<svg xmlns="http://www.w3.org/2000/svg" {head}>{title(label)}{"".join(body)}</svg>'


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5 × 10^k)."""
    if value <= 5:
        return max(value, 1)
    step = 1
    while True:
        for f in (1, 2, 5):
            if f * step >= value:
                return f * step
        step *= 10


def ticks(top: int, count: int = 5) -> list[int]:
    step = max(1, -(-top // count))
    return list(range(0, top + 1, step))
