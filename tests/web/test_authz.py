"""Every URL in the URL conf, for every role and for an anonymous visitor, against the role matrix.

The URL list is walked from ``get_resolver()``, so pages other areas add later are checked too;
the expected answer comes from ``carewatch.review.roles.PERMISSIONS`` plus the small table below
naming the action each URL needs. A new URL whose name is not in the table and whose area has no
default fails the test with a message saying where to add it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from carewatch.review.roles import PERMISSIONS

from .test_reports import ROLES, TEXTS, client_for, ingest, make_users

PUBLIC = "public"  # anyone, signed in or not (sign-in page, language switch)
SIGNED_IN = "signed_in"  # any signed-in user whatever their role
ACTIONS: dict[str, str] = {
    "home": SIGNED_IN, "login": PUBLIC, "logout": PUBLIC, "set_language": PUBLIC,
    "password_change": SIGNED_IN, "password_change_done": SIGNED_IN,
    "reports:inbox": "view_reports", "reports:detail": "view_reports",
    "reports:decide": "review_labels", "reports:add_label": "review_labels",
    # the incident the test picks is unpublished, so only roles that see all incidents get it
    "incidents:detail": "view_incidents", "incidents:certainty": "set_certainty", "incidents:merge": "merge_incidents",
    "incidents:comment": "comment", "incidents:assign": "assign",
}
#: The action an area's URLs need unless ACTIONS names the URL itself.
AREA_DEFAULTS: dict[str, str] = {
    "reports": "view_reports", "incidents": "view_published", "search": "search",
    "dashboard": "view_published", "testimony": "add_testimony", "exports": "export_public",
    "api": SIGNED_IN,
}
SKIP_NAMESPACES = ("admin",)  # Django's own admin: checked separately below
SKIP_NAMES = ("logout",)  # an empty POST would sign the test client out
#: The JSON API authenticates by token, not by the session cookie: without one every answer
#: must refuse (401/403), and only its schema may be public.
API_PUBLIC = ("api:openapi-json", "api:docs", "api:api-root")
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def walk(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str, bool]]:
    """(route, full name, is a route pattern) for every leaf of the URL conf."""
    from django.urls import URLResolver
    from django.urls.resolvers import RoutePattern

    for p in patterns:
        routed = isinstance(p.pattern, RoutePattern)
        if isinstance(p, URLResolver):
            sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from ((r, n, ok and routed) for r, n, ok in walk(p.url_patterns, prefix + str(p.pattern), sub))
        else:
            name = f"{ns}:{p.name}" if ns and p.name else (p.name or "")
            yield prefix + str(p.pattern), name, routed


def known_ids() -> dict[str, Any]:
    """Existing ids to put into path parameters (incidents only once that area exists)."""
    from carewatch.store.models import Report

    ids: dict[str, Any] = {"report_id": Report.objects.order_by("id").values_list("id", flat=True).first(),
                           "kind": "violations", "index": 0}
    try:
        from carewatch.incidents import services as incidents
    except ImportError:
        return ids
    rebuild = getattr(incidents, "rebuild", None)
    if callable(rebuild):
        rebuild()
    items = incidents.list_incidents(user=None, filters=None)["items"] if hasattr(incidents, "list_incidents") else []
    if items:
        ids["incident_id"] = items[0]["id"]
    return ids


def fill(route: str, area: str, ids: dict[str, Any]) -> tuple[str, bool]:
    """The route with parameters filled; False when some value had to be guessed."""
    guessed = False

    def value(m: re.Match[str]) -> str:
        nonlocal guessed
        name, conv = m["name"], m["conv"] or "str"
        if name in ids and ids[name] is not None:
            return str(ids[name])
        if name in ("pk", "id") and area in ("reports", "incidents"):
            key = "report_id" if area == "reports" else "incident_id"
            if ids.get(key) is not None:
                return str(ids[key])
        guessed = True
        return "1" if conv == "int" else ("00000000-0000-0000-0000-000000000001" if conv == "uuid" else "x")

    return "/" + PARAM.sub(value, route).lstrip("^").rstrip("$"), not guessed


def action_for(name: str) -> str | None:
    if name in API_PUBLIC:
        return PUBLIC
    if name in ACTIONS:
        return ACTIONS[name]
    return AREA_DEFAULTS.get(name.split(":", 1)[0]) if ":" in name else None


def allowed(role: str | None, action: str) -> bool:
    if action == PUBLIC:
        return True
    if role is None:
        return False
    return action == SIGNED_IN or role in PERMISSIONS[action]


def check(client: Any, url: str, role: str | None, action: str, exact: bool) -> str | None:
    """None when the answer fits the matrix, else what went wrong."""
    resp = client.get(url)
    method = "GET"
    if resp.status_code == 405:  # a POST-only action: an empty POST still passes the role check
        resp, method = client.post(url, {}), "POST"
    code = resp.status_code
    if code >= 500:
        return f"{method} {url} as {role}: server error {code}"
    if action == PUBLIC:
        return None
    if url.startswith("/api/"):
        return None if code in (401, 403) else f"{method} {url} as {role} without a token: {code}"
    if role is None:
        if code == 302 and "/accounts/login/" in resp.get("Location", ""):
            return None
        return f"{method} {url} anonymous: {code}, expected a redirect to sign-in"
    ok = {200, 302, 400} if method == "POST" else {200, 302}
    if not exact:
        ok = ok | {404}
    if allowed(role, action):
        return None if code in ok else f"{method} {url} as {role}: {code}, expected {sorted(ok)} ({action})"
    # 404 is a refusal too: a record the role may not see is not admitted to exist.
    return None if code in (403, 404) else f"{method} {url} as {role}: {code}, expected 403 ({action})"


def test_every_url_answers_every_role_as_the_matrix_says(store: Path, tmp_path: Path) -> None:
    from django.urls import get_resolver

    ingest(tmp_path / "corpus", {k: TEXTS[k] for k in ("uk.txt", "en.txt")})
    users = make_users()
    ids = known_ids()
    clients = {role: client_for(users[role]) for role in ROLES}
    clients[None] = client_for(None)  # type: ignore[index]
    problems: list[str] = []
    seen = 0
    for route, name, routed in walk(get_resolver().url_patterns):
        area = name.split(":", 1)[0] if ":" in name else ""
        if area in SKIP_NAMESPACES or route.startswith("admin/") or name in SKIP_NAMES or not routed:
            continue
        action = action_for(name)
        if action is None:
            problems.append(f"{route!r} (name {name!r}): add it to ACTIONS in tests/web/test_authz.py")
            continue
        url, exact = fill(route, area, ids)
        seen += 1
        for role, client in clients.items():
            problem = check(client, url, role, action, exact)
            if problem:
                problems.append(problem)
    assert seen >= 8, "the URL walk found too few URLs"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", [None, "viewer", "admin"])
def test_admin_is_for_admins_only(store: Path, role: str | None) -> None:
    users = make_users()
    resp = client_for(users[role] if role else None).get("/admin/")
    if role == "admin":
        assert resp.status_code == 200
    else:
        assert resp.status_code == 302 and "/admin/login/" in resp["Location"]
