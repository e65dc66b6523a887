"""Sign-in, sign-out and failed sign-in become audit events (who, when, from where)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed


def client_ip(request: Any) -> str | None:
    """The peer address Django saw (proxies are not trusted: X-Forwarded-For is ignored)."""
    meta = getattr(request, "META", None) or {}
    value = meta.get("REMOTE_ADDR") or None
    return str(value) if value else None


def _logged_in(sender: Any, request: Any = None, user: Any = None, **_: Any) -> None:
    from carewatch.review import audit

    audit.record(actor=str(getattr(user, "username", "")), action="auth.login", ip=client_ip(request))


def _logged_out(sender: Any, request: Any = None, user: Any = None, **_: Any) -> None:
    from carewatch.review import audit

    audit.record(actor=str(getattr(user, "username", "") or "anonymous"), action="auth.logout",
                 ip=client_ip(request))


def _failed(sender: Any, credentials: dict[str, Any] | None = None, request: Any = None, **_: Any) -> None:
    from carewatch.review import audit

    name = str((credentials or {}).get("username", ""))[:150]  # never the password
    audit.record(actor=name or "anonymous", action="auth.login_failed", ip=client_ip(request))


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="carewatch.audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="carewatch.audit.logout")
    user_login_failed.connect(_failed, dispatch_uid="carewatch.audit.failed")
