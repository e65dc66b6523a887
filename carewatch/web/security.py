"""Security headers the framework does not set, and carewatch errors as HTTP answers.

Reports come from hostile sites, so the Content-Security-Policy allows no inline script and no
third-party origin: even an escaping bug could not run injected code.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from carewatch.errors import NotFoundError, PermissionDenied

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
])


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.path.startswith(("/reports/", "/incidents/", "/testimony/", "/api/")):
            response.setdefault("Cache-Control", "no-store")
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, PermissionDenied):
            if request.path.startswith("/api/"):
                return HttpResponse(status=403)
            return render(request, "carewatch/error.html", {"error": exc}, status=403)
        if isinstance(exc, NotFoundError):
            return render(request, "carewatch/error.html", {"error": exc}, status=404)
        return None
