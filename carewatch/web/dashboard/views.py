"""Dashboard pages: thin views over ``analysis.dashboard.build``.

``/dashboard/`` shows the figures and charts for the filters in the query string; each chart
is also served alone as an SVG download (``/dashboard/chart/<name>.svg``). Role checks are in
the service (viewers see published incidents only).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.utils.safestring import mark_safe

from carewatch.analysis import dashboard, source, stats
from carewatch.errors import PermissionDenied
from carewatch.gazetteer.regions import REGIONS
from carewatch.incidents.independence import CERTAINTY_LEVELS


def _filters(request: HttpRequest) -> dict[str, str]:
    return source.clean_filters({k: request.GET.get(k, "") for k in source.FILTER_KEYS})


@login_required
def index(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    try:
        data = dashboard.build(user=request.user, filters=filters)
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    charts = {name: mark_safe(svg) for name, svg in data.pop("charts").items()}  # noqa: S308 - built and escaped by analysis.svg
    context: dict[str, Any] = {
        "d": data, "charts": charts, "filters": filters, "levels": CERTAINTY_LEVELS,
        "violation_choices": sorted(stats.violation_labels().items(), key=lambda kv: kv[1]),
        "oblast_choices": sorted(((r.iso, dashboard.oblast_name(r.iso)) for r in REGIONS), key=lambda kv: kv[1]),
        "query": request.GET.urlencode(), "incidents_href": stats.link(filters),
    }
    return render(request, "carewatch/dashboard/index.html", context)


@login_required
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart as a standalone SVG file (the download link under each chart)."""
    if name not in dashboard.CHARTS:
        raise Http404("no such chart")
    try:
        data = dashboard.build(user=request.user, filters=_filters(request))
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + data["charts"][name]
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="carewatch-{name}.svg"'
    return response
