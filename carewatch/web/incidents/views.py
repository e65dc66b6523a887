"""Incident pages: thin views that parse the request, call ``incidents.services``, render.

Role checks happen in the services; a refused action shows a message, never a stack trace.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carewatch.errors import CarewatchError, NotFoundError, PermissionDenied
from carewatch.incidents import services
from carewatch.incidents.independence import CERTAINTY_LEVELS
from carewatch.review.roles import require

FILTERS = ("violation", "oblast", "certainty", "date_from", "date_to", "q", "status", "sort")
PER_PAGE = 25


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET[k].strip()[:100] for k in FILTERS if request.GET.get(k, "").strip()}


def _page(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _missing(request: HttpRequest, message: str) -> HttpResponse:
    error = {"message": message, "hint": _("Check the number, or go back to the list.")}
    return render(request, "carewatch/error.html", {"error": error}, status=404)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    try:
        result = services.list_incidents(user=request.user, filters=filters, page=_page(request), per_page=PER_PAGE)
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    pages = max(1, -(-result["total"] // PER_PAGE))
    context: dict[str, Any] = {"result": result, "filters": filters, "levels": CERTAINTY_LEVELS,
                               "pages": pages, "query": urlencode({k: v for k, v in filters.items() if k != "sort"}),
                               "keep": urlencode(filters)}
    return render(request, "carewatch/incidents/list.html", context)


@login_required
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    try:
        rec = services.get_incident(user=request.user, incident_id=incident_id)
    except NotFoundError:
        return _missing(request, _("No such incident."))
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    policies = [services.get_policy(user=request.user, policy_id=p) for p in rec.get("policies", [])]
    return render(request, "carewatch/incidents/detail.html",
                  {"inc": rec, "levels": CERTAINTY_LEVELS, "policies": policies})


def _act(request: HttpRequest, incident_id: int, done: str, call: Any) -> HttpResponse:
    try:
        call()
        messages.success(request, done)
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    except CarewatchError as exc:
        messages.error(request, f"{exc.message} — {exc.hint}" if exc.hint else exc.message)
    return redirect("incidents:detail", incident_id=incident_id)


@login_required
@require_POST
def certainty(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, _("Certainty saved."), lambda: services.set_certainty(
        user=request.user, incident_id=incident_id, level=request.POST.get("level", ""),
        reason=request.POST.get("reason", "")))


@login_required
@require_POST
def merge(request: HttpRequest, incident_id: int) -> HttpResponse:
    def call() -> None:
        require(request.user, "merge_incidents")  # refuse before reading the form
        try:
            other = int(request.POST.get("other", ""))
        except ValueError:
            raise CarewatchError(_("Give the number of the incident to merge in."), code="CW422") from None
        services.merge_incidents(user=request.user, target_id=incident_id, source_ids=[other],
                                 reason=request.POST.get("reason", ""))
    return _act(request, incident_id, _("Incidents merged."), call)


@login_required
@require_POST
def comment(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, _("Comment added."), lambda: services.add_comment(
        user=request.user, incident_id=incident_id, text=request.POST.get("text", "")))


@login_required
@require_POST
def assign(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, _("Assignee saved."), lambda: services.assign(
        user=request.user, incident_id=incident_id, assignee=request.POST.get("assignee") or None))


@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    try:
        items = services.list_policies(user=request.user)
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    return render(request, "carewatch/incidents/policies.html", {"policies": items})


@login_required
def policy_detail(request: HttpRequest, policy_id: int) -> HttpResponse:
    try:
        policy = services.get_policy(user=request.user, policy_id=policy_id)
    except NotFoundError:
        return _missing(request, _("No such policy."))
    except PermissionDenied as exc:
        return HttpResponseForbidden(str(exc))
    return render(request, "carewatch/incidents/policy.html", {"p": policy})
