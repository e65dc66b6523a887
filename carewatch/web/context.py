"""Template context: what the signed-in user may do, so templates can hide what they can't."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from carewatch.review.roles import PERMISSIONS, can, role_of


def permissions(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "cw_role": role_of(user),
        "cw_can": {action: can(user, action) for action in PERMISSIONS},
    }
