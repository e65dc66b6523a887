"""Views of the exports area: a form to choose format, audience and filters; a streamed download.

Thin: parse the request, call ``carewatch.exports.service`` with keyword arguments, render or
stream. The service checks the role for the audience; the form offers only the audiences the
user's role allows, and ``PermissionDenied`` still becomes a 403 if someone forges the form.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from carewatch.errors import CarewatchError, PermissionDenied
from carewatch.exports import get_exporter, service
from carewatch.review.roles import can, require

FORMATS: tuple[tuple[str, Any], ...] = (
    ("csv", _("CSV table (spreadsheets; imports back into carewatch)")),
    ("xlsx", _("Excel workbook")),
    ("json", _("JSON (complete records; imports back into carewatch)")),
    ("geojson", _("GeoJSON map layer (QGIS, web maps)")),
    ("hxl", _("HXL-tagged CSV (humanitarian data exchange)")),
    ("acled", _("ACLED-style CSV (conflict event tools)")),
    ("huridocs", _("HURIDOCS events, acts, victims, perpetrators, sources (JSON)")),
    ("evidence", _("Evidence package: originals, custody, manifest (zip; internal only)")),
)
AUDIENCES: tuple[tuple[str, Any, Any], ...] = (
    ("public", _("Public"), _("no persons, places at raion level at most, dates to the month")),
    ("partner", _("Partner"), _("persons replaced by pseudonyms; testimony only with consent to share")),
    ("internal", _("Internal"), _("everything, including persons and exact places")),
)
FILTERS = ("date_from", "date_to", "oblast", "violation", "certainty", "status")
CERTAINTIES = (("rumour", _("rumour")), ("possible", _("possible")), ("probable", _("probable")),
               ("confirmed", _("confirmed")))


def _choices() -> dict[str, list[tuple[str, str]]]:
    from django.utils.translation import get_language

    from carewatch.gazetteer.regions import REGIONS
    from carewatch.model import vocab

    lang = (get_language() or "en")[:2]
    types = vocab.violations().types.items()
    violations = sorted(((c, t.labels.get(lang) or t.labels.get("en") or c) for c, t in types), key=lambda kv: kv[1])
    oblasts = sorted(((r.iso, r.en[0] + (" (city)" if r.city else "")) for r in REGIONS), key=lambda kv: kv[1])
    return {"violations": violations, "oblasts": oblasts}


def _context(request: HttpRequest, values: dict[str, str], error: str = "") -> dict[str, Any]:
    audiences = [(code, label, note) for code, label, note in AUDIENCES if can(request.user, f"export_{code}")]
    formats = [(code, label) for code, label in FORMATS if code != "evidence" or can(request.user, "export_internal")]
    return {"formats": formats, "audiences": audiences, "values": values, "error": error,
            "certainties": CERTAINTIES, "packages": service.recent_packages(user=request.user),
            **_choices()}


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "export_public")
    values = {"format": "csv", "audience": "public", **{k: request.GET.get(k, "") for k in FILTERS}}
    return render(request, "carewatch/exports/index.html", _context(request, values))


@login_required
@require_POST
def download(request: HttpRequest) -> HttpResponseBase:
    require(request.user, "export_public")  # every export needs at least this; refuse before reading the form
    values = {k: request.POST.get(k, "").strip() for k in ("format", "audience", *FILTERS)}
    try:
        job = service.open_export(user=request.user, fmt=values["format"], audience=values["audience"] or "public",
                                  filters={k: values[k] for k in FILTERS})
    except PermissionDenied:
        raise
    except CarewatchError as exc:
        return render(request, "carewatch/exports/index.html", _context(request, values, exc.message), status=400)
    exporter = get_exporter(job.fmt)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    name = f"carewatch-{job.fmt}-{job.audience}-{stamp}.{exporter.extension}"
    response = StreamingHttpResponse(job.chunks(), content_type=exporter.media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
