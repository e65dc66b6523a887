"""Evidence spans → safe HTML: the report's original text with <mark> around what supports a label.

Used by the report view (``carewatch.review.services.get_report``). Report text comes from
hostile sources, so every piece of it goes through ``escape`` on its own; only the <mark> tags
we build ourselves are markup. Overlapping spans are cut at every boundary, so each piece of
text is wrapped at most once, with a title naming every label that covers it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

#: When labels of several kinds cover the same words, the colour of the first kind here wins.
PRIORITY: tuple[str, ...] = ("violation", "victim", "actor", "place", "date", "attribution")


@dataclass(frozen=True)
class Span:
    """One evidence span: offsets into the original text, the mark class and a tooltip."""

    start: int
    end: int
    css: str  # violation | place | date | victim | attribution | actor
    title: str
    anchor: str = ""  # element id for links from the label panel


def valid_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans that lie inside the text and are not empty (bad offsets are dropped, never raised)."""
    n = len(text)
    return [s for s in spans if 0 <= s.start < s.end <= n and s.css in PRIORITY]


def render(text: str, spans: Iterable[Span]) -> SafeString:
    """The whole text as HTML: escaped text with <mark class="hl-…"> around covered pieces."""
    good = valid_spans(text, spans)
    cuts = sorted({0, len(text), *(s.start for s in good), *(s.end for s in good)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in good if s.start <= a and b <= s.end]
        piece = str(escape(text[a:b]))
        parts.append(_wrap(piece, covering, a) if covering else piece)
    # Every piece of input text was escaped above; the only markup is the <mark> we built.
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped pieces only


def _wrap(piece: str, covering: list[Span], at: int) -> str:
    kinds = sorted({s.css for s in covering}, key=PRIORITY.index)
    css = f"hl-{kinds[0]}" + (" hl-multi" if len(kinds) > 1 else "")
    title = " · ".join(dict.fromkeys(s.title for s in covering))
    anchor = next((s.anchor for s in covering if s.start == at and s.anchor), "")
    if anchor:
        return str(format_html('<mark id="{}" class="{}" title="{}">{}</mark>', anchor, css, title,
                               mark_safe(piece)))  # noqa: S308 - ``piece`` is already escaped
    return str(format_html('<mark class="{}" title="{}">{}</mark>', css, title,
                           mark_safe(piece)))  # noqa: S308 - ``piece`` is already escaped
