"""The landing page after sign-in: what needs attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from carewatch.review.roles import can, role_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from carewatch.store.models import Report

    context = {
        "role": role_of(request.user),
        "can_reports": can(request.user, "view_reports"),
        "report_counts": (
            {s: Report.objects.filter(status=s).count() for s in ("captured", "processed", "failed")}
            if can(request.user, "view_reports") else {}
        ),
    }
    return render(request, "carewatch/home.html", context)
