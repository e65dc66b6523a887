"""API authentication and audience: bearer tokens, and which Redactor a caller's role gets.

Roles that may see personal data get ``internal``; analysts ``partner`` (persons pseudonymised);
everyone else ``public``. Every response body passes through :func:`shape`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from carewatch.protection.audience import Redactor
from carewatch.review.roles import can, role_of


class BearerToken(HttpBearer):
    """``Authorization: Bearer cw_…``; the user is then ``request.auth``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        from carewatch.store.searchdb.tokens import user_for

        return user_for(token)


def audience_for(user: Any) -> str:
    if can(user, "view_personal_data"):
        return "internal"
    return "partner" if role_of(user) == "analyst" else "public"


def shape(user: Any, record: dict[str, Any]) -> dict[str, Any] | None:
    """The record as this caller's audience may see it (None: not at all)."""
    return Redactor(audience_for(user)).record(record)


def shape_page(user: Any, page: dict[str, Any]) -> dict[str, Any]:
    redactor = Redactor(audience_for(user))
    items = [r for r in (redactor.record(i) for i in page["items"]) if r is not None]
    return {**page, "items": items}
