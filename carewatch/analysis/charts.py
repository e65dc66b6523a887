"""Server-side SVG charts: the monthly timeline by violation type and horizontal bar charts.

Sits between ``analysis.stats`` (the numbers) and the dashboard/brief templates (which inline
the SVG). Colours follow Okabe-Ito by violation type; certainty is shown as shading of the same
colour (solid = confirmed, faint = rumour), so both read without relying on hue alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from carewatch.analysis import svg
from carewatch.analysis.svg import CERTAINTY_OPACITY, GRID, MUTED, el, text, title

LEVELS = ("confirmed", "probable", "possible", "rumour")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str = ""
    note: str = ""
    colour: str = ""


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last[:7] and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _link(href: str, body: str) -> str:
    return el("a", body, href=href) if href else body


def _legend(x: float, y: float, codes: Sequence[tuple[int, str]], labels: dict[str, str],
            width: float) -> list[str]:
    out: list[str] = []
    cx, cy = x, y
    for i, code in codes:
        name = labels.get(code, code)
        w = 22 + 6.6 * len(name)
        if cx + w > x + width:
            cx, cy = x, cy + 18
        out.append(el("rect", x=cx, y=cy - 10, width=12, height=12, fill=svg.colour(i), rx=2))
        out.append(text(cx + 16, cy, name, font_size=11.5))
        cx += w + 10
    cy += 20
    out.append(text(x, cy, _("Shading:"), font_size=11.5, fill=MUTED))
    cx = x + 60
    for level in LEVELS:
        out.append(el("rect", x=cx, y=cy - 10, width=12, height=12, fill="#17324f",
                      fill_opacity=CERTAINTY_OPACITY[level], rx=2))
        label = _(level)
        out.append(text(cx + 16, cy, label, font_size=11.5))
        cx += 30 + 6.6 * len(label)
    return out


def timeline(monthly: Counter[tuple[str, str, str]], *, codes: Sequence[str], labels: dict[str, str],
             href: str = "", width: int = 960) -> str:
    """Stacked monthly bars: one colour per violation type, shaded by certainty.

    ``codes`` fixes the colour order (the vocabulary's order); ``href`` is the incident-list
    URL prefix each bar links to (``date_from``/``date_to`` of its month are appended).
    """
    months = sorted({k[0] for k in monthly})
    label = _("Incidents per month by violation type")
    if not months:
        empty = text(20, 45, _("No dated incidents for these filters."), fill=MUTED)
        return svg.document(width, 80, [empty], label=label)
    months = month_range(months[0], months[-1])
    stacks = {mo: sum(v for k, v in monthly.items() if k[0] == mo) for mo in months}
    top = svg.nice_max(max(stacks.values()))
    left, right, plot_top, plot_h = 48, 12, 14, 220
    plot_w = width - left - right
    slot = plot_w / len(months)
    bar_w = max(2.0, min(34.0, slot * 0.72))
    body: list[str] = []
    for t in svg.ticks(top):
        y = plot_top + plot_h - plot_h * t / top
        body.append(el("line", x1=left, x2=width - right, y1=y, y2=y, stroke=GRID))
        body.append(text(left - 6, y + 4, str(t), text_anchor="end", font_size=11, fill=MUTED))
    for i, mo in enumerate(months):
        x = left + slot * i + (slot - bar_w) / 2
        y = float(plot_top + plot_h)
        parts = []
        for ci, code in enumerate(codes):
            for level in LEVELS:
                n = monthly.get((mo, code, level), 0)
                if not n:
                    continue
                h = plot_h * n / top
                y -= h
                parts.append(el("rect", title(f"{mo} · {labels.get(code, code)} · {_(level)}: {n}"), x=x, y=y,
                                width=bar_w, height=h, fill=svg.colour(ci), fill_opacity=CERTAINTY_OPACITY[level],
                                stroke="#ffffff", stroke_width=0.5))
        if parts:
            body.append(_link(f"{href}date_from={mo}&date_to={mo}" if href else "", el("g", *parts, class_="bar")))
        every = max(1, round(len(months) / 16))
        if i % every == 0:
            lx, ly = left + slot * i + slot / 2, plot_top + plot_h + 14
            body.append(text(lx, ly, mo, font_size=10.5, fill=MUTED, text_anchor="end",
                             transform=f"rotate(-40 {lx:.1f} {ly:.1f})"))
    body.append(el("line", x1=left, x2=width - right, y1=plot_top + plot_h, y2=plot_top + plot_h, stroke=MUTED))
    axis_y = plot_top + plot_h / 2
    body.append(text(12, axis_y, _("incidents"), font_size=11, fill=MUTED, text_anchor="middle",
                     transform=f"rotate(-90 12 {axis_y:.1f})"))
    body.append(text(left + plot_w / 2, plot_top + plot_h + 62, _("month of the first reported date"), font_size=11,
                     fill=MUTED, text_anchor="middle"))
    used = [(i, c) for i, c in enumerate(codes) if any(k[1] == c for k in monthly)]
    legend = _legend(left, plot_top + plot_h + 88, used, labels, plot_w)
    height = plot_top + plot_h + 88 + 20 * ((len(legend) // 12) + 2)
    return svg.document(width, int(height), body + legend, label=label)


def bars(items: Sequence[Bar], *, label: str, value_label: str, colour: str = svg.PALETTE[0],
         width: int = 460, label_width: int = 190) -> str:
    """Horizontal bars with the value printed at the end of each; bars link where ``href`` is set."""
    row = 24
    top = svg.nice_max(max([b.value for b in items] or [1]))
    height = 30 + row * max(1, len(items)) + 24
    plot_w = width - label_width - 46
    body: list[str] = []
    if not items:
        body.append(text(10, 40, _("Nothing to show for these filters."), fill=MUTED))
    for i, b in enumerate(items):
        y = 24 + i * row
        fit = int((label_width - 12) / 6.9)
        name = b.label if len(b.label) <= fit else b.label[:fit - 1] + "…"
        w = max(1.5, plot_w * b.value / top)
        tip = title(f"{b.label}: {b.value}" + (f" ({b.note})" if b.note else ""))
        bar = el("g", tip, text(label_width - 8, y + 13, name, text_anchor="end", font_size=12),
                 el("rect", x=label_width, y=y + 2, width=w, height=row - 8, fill=b.colour or colour, rx=2),
                 text(label_width + w + 5, y + 14, str(b.value), font_size=11.5))
        body.append(_link(b.href, bar))
    base = 24 + row * max(1, len(items))
    if not items:
        return svg.document(width, height, body, label=label)
    body.append(el("line", x1=label_width, x2=label_width, y1=18, y2=base, stroke=MUTED))
    body.append(text(label_width + plot_w / 2, base + 18, value_label, font_size=11, fill=MUTED, text_anchor="middle"))
    return svg.document(width, height, body, label=label)
