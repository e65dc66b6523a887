"""Views of the reports area: inbox, report view, and the review actions (HTMX or plain POST).

Thin: parse the request, call ``carewatch.review.services`` with keyword arguments, render.
Role checks happen in the services; ``PermissionDenied``/``NotFoundError`` become 403/404 in
``carewatch.web.security``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from carewatch.errors import CarewatchError, NotFoundError, PermissionDenied
from carewatch.review import services
from carewatch.review.decisions import KINDS
from carewatch.web.reports import present

FILTER_KEYS = ("language", "source", "relevant", "status", "review", "q")


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    filters = {k: request.GET.get(k, "").strip() for k in FILTER_KEYS}
    sort = request.GET.get("sort", "newest")
    result = services.list_reports(user=request.user, filters={k: v for k, v in filters.items() if v},
                                   page=_int(request.GET.get("page"), 1), per_page=50, sort=sort)
    for item in result["items"]:
        item["violation_names"] = [(c, present.violation_name(c)) for c in item["violations"]]
        item["oblast_names"] = [(c, present.oblast_name(c)) for c in item["oblasts"]]
    keep = urlencode({**{k: v for k, v in filters.items() if v}, "sort": sort})
    pages = max(1, -(-result["total"] // result["per_page"]))
    return render(request, "carewatch/reports/inbox.html", {
        "result": result, "filters": filters, "sort": sort, "keep": keep, "pages": pages,
        "has_prev": result["page"] > 1, "has_next": result["page"] < pages,
    })


@login_required
@require_GET
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = services.get_report(user=request.user, report_id=report_id)
    groups = [(kind, present.KIND_TITLES[kind], [present.decorate(kind, r) for r in report["labels"][kind]])
              for kind in KINDS]
    return render(request, "carewatch/reports/detail.html", {
        "report": report, "groups": groups, "choices": present.choices(),
    })


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(report_id: int, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("reports:detail", args=[report_id]) + anchor)


def _value(request: HttpRequest) -> dict[str, str]:
    fields = ("code", "oblast", "settlement", "value", "role", "name", "origin")
    return {f: request.POST[f] for f in fields if f in request.POST}


def _row_response(request: HttpRequest, report_id: int, kind: str, row: dict[str, Any],
                  error: str = "") -> HttpResponse:
    return render(request, "carewatch/reports/_label.html", {
        "label": present.decorate(kind, row), "report_id": report_id, "choices": present.choices(),
        "row_error": error,
    }, status=400 if error else 200)


@login_required
@require_POST
def decide(request: HttpRequest, report_id: int, kind: str, index: int) -> HttpResponse:
    if kind not in KINDS:
        raise NotFoundError(_("No label kind %(kind)s.") % {"kind": kind}, code="CW404", hint=_("Reload the report."))
    try:
        row = services.decide_label(user=request.user, report_id=report_id, kind=kind, index=index,
                                    decision=request.POST.get("decision", ""), value=_value(request),
                                    note=request.POST.get("note", ""))
    except (PermissionDenied, NotFoundError):
        raise
    except CarewatchError as exc:
        if _is_htmx(request):
            current = services.get_report(user=request.user, report_id=report_id)["labels"][kind][index]
            return _row_response(request, report_id, kind, current, error=exc.message)
        messages.error(request, exc.message)
        return _back(report_id)
    if _is_htmx(request):
        return _row_response(request, report_id, kind, row)
    return _back(report_id, f"#label-{kind}-{index}")


@login_required
@require_POST
def add_label(request: HttpRequest, report_id: int) -> HttpResponse:
    kind = request.POST.get("kind", "")
    try:
        row = services.add_label(user=request.user, report_id=report_id, kind=kind, value=_value(request),
                                 start=_int(request.POST.get("start"), -1),
                                 end=_int(request.POST.get("end"), -1),
                                 quote=request.POST.get("quote", ""), note=request.POST.get("note", ""))
    except (PermissionDenied, NotFoundError):
        raise
    except CarewatchError as exc:
        messages.error(request, exc.message)
        return _back(report_id, "#add-label")
    messages.success(request, _("Label added: %(label)s") % {"label": present.label_text(kind, row)})
    return _back(report_id, f"#label-{kind}-{row['review']['index']}")
