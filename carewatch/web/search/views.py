"""The search page: query box, facet sidebar with counts, highlighted result snippets.

Thin: parse the query string, call :func:`carewatch.store.search.search`, add display names and
facet links, render. Snippets arrive as text parts and are escaped by the template.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from carewatch.errors import CarewatchError
from carewatch.store import search as service
from carewatch.web.reports import present

FACET_TITLES: dict[str, Any] = {
    "violation": _("Violation"), "oblast": _("Oblast"), "certainty": _("Certainty"),
    "year": _("Year"), "language": _("Language"), "source": _("Source"),
}
SORT_TITLES: dict[str, Any] = {"relevance": _("Relevance"), "date": _("Newest first"),
                               "date_asc": _("Oldest first")}
PARAMS = (*service.FILTER_KEYS, "q", "sort")


def _int(value: Any, default: int) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def _name(kind: str, value: str) -> str:
    if kind == "violation":
        return present.violation_name(value)
    if kind == "oblast":
        return present.oblast_name(value)
    return value


def _facet_groups(facets: dict[str, list[tuple[str, int]]], state: dict[str, str]) -> list[dict[str, Any]]:
    """Each facet with its values, counts and the link that toggles the value."""
    groups = []
    for kind, title in FACET_TITLES.items():
        key = kind if kind != "year" else "date_from"
        values = []
        for value, n in facets.get(kind, [])[:12]:
            active = state.get(key) == value and (kind != "year" or state.get("date_to") == value)
            nxt = {k: v for k, v in state.items() if v and k != "page"}
            if kind == "year":
                nxt.pop("date_from", None)
                nxt.pop("date_to", None)
                if not active:
                    nxt.update(date_from=value, date_to=value)
            elif active:
                nxt.pop(key, None)
            else:
                nxt[key] = value
            values.append({"value": value, "name": _name(kind, value), "count": n, "active": active,
                           "href": "?" + urlencode(nxt)})
        if values:
            groups.append({"kind": kind, "title": title, "values": values})
    return groups


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    state = {k: request.GET.get(k, "").strip()[:200] for k in PARAMS}
    filters = {k: state[k] for k in service.FILTER_KEYS if state[k]}
    error = None
    try:
        result = service.search(user=request.user, q=state["q"], filters=filters,
                                sort=state["sort"] or "relevance", page=_int(request.GET.get("page"), 1))
    except CarewatchError as exc:
        if exc.code == "CW403":
            raise
        error, result = exc, service.search(user=request.user, q=state["q"], page=1)
    for item in result["items"]:
        item["violation_names"] = [present.violation_name(c) for c in item["violations"]]
        item["oblast_names"] = [present.oblast_name(c) for c in item["oblasts"]]
    keep = urlencode({k: v for k, v in state.items() if v})
    pages = max(1, -(-result["total"] // result["per_page"]))
    active = [(k, _name(k, v), "?" + urlencode({x: y for x, y in state.items() if y and x != k}))
              for k, v in filters.items()]
    return render(request, "carewatch/search/index.html", {
        "result": result, "state": state, "groups": _facet_groups(result["facets"], state),
        "sorts": SORT_TITLES, "keep": keep, "pages": pages, "active": active, "error": error,
        "has_prev": result["page"] > 1, "has_next": result["page"] < pages,
    })
