"""Views of the testimony area: intake form, list (no personal data), detail (audited read).

Thin: parse the form into the JSON shape ``carewatch testimony add`` takes, call
``carewatch.protection.testimony`` with keyword arguments, render. Role checks and the audit
events happen in that service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from carewatch.errors import CarewatchError, PermissionDenied
from carewatch.protection import testimony as service
from carewatch.review.roles import can, require
from carewatch.store.protectdb.signals import client_ip

TEXT_LIMITS = {"narrative": 20000, "place": 200, "event_date": 10}


def _submission(post: Any) -> dict[str, Any]:
    data: dict[str, Any] = {k: str(post.get(k, ""))[:n] for k, n in TEXT_LIMITS.items()}
    data["relation"] = post.get("relation", "")
    data["consent"] = {k: post.get(f"consent_{k}") == "on" for k in service.CONSENTS}
    data["person"] = {k: str(post.get(f"person_{k}", ""))[:500] for k in service.PERSON_FIELDS}
    return data


def _relations() -> list[tuple[str, str]]:
    return [("victim", _("Victim")), ("witness", _("Witness")), ("relative", _("Relative")),
            ("medical_worker", _("Medical worker"))]


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    require(request.user, "add_testimony")
    data: dict[str, Any] = {"consent": {"store": False}, "person": {}}
    error = ""
    if request.method == "POST":
        data = _submission(request.POST)
        try:
            tid = service.add_testimony(user=request.user, data=data, ip=client_ip(request))
        except PermissionDenied:
            raise
        except CarewatchError as exc:
            error = exc.message
        else:
            messages.success(request, _("Testimony %(id)s recorded; personal data is encrypted.") % {"id": tid})
            return HttpResponseRedirect(reverse("testimony:index"))
    return render(request, "carewatch/testimony/form.html", {
        "data": data, "error": error, "relations": _relations(), "status": 400 if error else 200,
    }, status=400 if error else 200)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    items = service.list_testimonies(user=request.user)
    labels = dict(_relations())
    for item in items:
        item["relation_label"] = labels.get(item["relation"], item["relation"])
    return render(request, "carewatch/testimony/list.html", {
        "items": items,
        "can_read": can(request.user, "view_personal_data"),
    })


@login_required
@require_GET
def detail(request: HttpRequest, testimony_id: int) -> HttpResponse:
    record = service.get_testimony(user=request.user, testimony_id=testimony_id, ip=client_ip(request))
    record["relation_label"] = dict(_relations()).get(record["relation"], record["relation"])
    return render(request, "carewatch/testimony/detail.html", {"t": record})
