"""Who may do what: the role matrix, enforced in services (templates only hide buttons).

Roles are Django groups with these names; a superuser is an admin. Keeping the matrix as
data makes the authorisation test a loop over it.
"""

from __future__ import annotations

from typing import Any

from carewatch.errors import PermissionDenied

ROLES: tuple[str, ...] = ("admin", "coordinator", "investigator", "analyst", "viewer")

_STAFF = frozenset({"admin", "coordinator", "investigator"})
_READERS = _STAFF | {"analyst"}
_LEADS = frozenset({"admin", "coordinator"})

PERMISSIONS: dict[str, frozenset[str]] = {
    "view_published": frozenset(ROLES),      # published incidents, dashboard of published data
    "view_reports": _READERS,                # inbox, report text, extraction
    "view_incidents": _READERS,              # all incidents, not only published
    "search": _READERS,
    "add_reports": _STAFF,
    "review_labels": _STAFF,                 # accept / correct / reject machine labels
    "comment": _STAFF,
    "add_testimony": _STAFF,
    "view_personal_data": _STAFF,
    "assign": _LEADS,
    "merge_incidents": _LEADS,
    "set_certainty": _LEADS,
    "publish": _LEADS,
    "export_public": _READERS,
    "export_partner": _STAFF,
    "export_internal": _LEADS,
    "manage_users": frozenset({"admin"}),
}


def role_of(user: Any) -> str | None:
    """The user's role name, or None for anonymous users and users without one."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return None
    cached: str | None = getattr(user, "_carewatch_role", "")
    if cached != "":
        return cached
    role: str | None = "admin" if getattr(user, "is_superuser", False) else None
    if role is None:
        names = set(user.groups.values_list("name", flat=True))
        role = next((r for r in ROLES if r in names), None)
    user._carewatch_role = role
    return role


def can(user: Any, action: str) -> bool:
    if action not in PERMISSIONS:
        raise KeyError(f"unknown action {action!r}")
    role = role_of(user)
    return role is not None and role in PERMISSIONS[action]


def require(user: Any, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may perform ``action``."""
    if not can(user, action):
        who = role_of(user) or "anonymous"
        raise PermissionDenied(f"a {who} user may not {action.replace('_', ' ')}", code="CW403",
                               hint="ask an administrator for a role that allows it")
