"""The one NinjaAPI of carewatch: bearer-token auth, error mapping, OpenAPI at /api/openapi.json.

Ninja's Swagger page is turned off (its UI needs inline styles the CSP forbids); ``/api/docs``
is a server-rendered list of the endpoints built from the same OpenAPI document.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI

from carewatch.errors import CarewatchError
from carewatch.web.api.auth import BearerToken
from carewatch.web.api.routes import router

STATUS = {"CW403": 403, "CW404": 404}

api = NinjaAPI(
    title="carewatch API",
    version="1",
    description="Reports, incidents, review decisions and search. Send `Authorization: Bearer TOKEN` "
                "(issue one with `carewatch users token NAME`). Responses are redacted for your role.",
    auth=BearerToken(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)
api.add_router("/", router)


@api.exception_handler(CarewatchError)
def carewatch_error(request: HttpRequest, exc: CarewatchError) -> HttpResponse:
    """A carewatch error as ``{code, message, hint}`` with a fitting status."""
    status = STATUS.get(exc.code, 404 if exc.code.startswith("CW404") else 400)
    return api.create_response(request, exc.to_dict(), status=status)


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "tag": (op.get("tags") or [""])[0],
                        "params": [p.get("name") for p in op.get("parameters", [])]})
    return sorted(ops, key=lambda o: (o["tag"], o["path"], o["method"]))


@login_required
def docs(request: HttpRequest) -> HttpResponse:
    """A readable list of the endpoints (no script: the page obeys the CSP)."""
    schema = api.get_openapi_schema()
    return render(request, "carewatch/api/docs.html", {
        "info": schema.get("info", {}), "operations": _operations(schema)})
