"""API bearer tokens: issue one for a user, resolve one to its user (store side of API auth).

Tokens are 256 random bits, shown once; only their SHA-256 is stored, so a copy of the
database gives no working token. Used by ``carewatch users token`` and ``carewatch.web.api``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from carewatch.errors import NotFoundError

PREFIX = "cw_"
TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is a hint, not an audit log: write it rarely


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue(*, username: str, name: str = "") -> str:
    """A new token for ``username`` (printed once by the CLI; never stored in clear)."""
    from django.contrib.auth import get_user_model

    from carewatch.store.searchdb.models import ApiToken

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFoundError(f"no user named {username!r}", code="CW404",
                            hint="create it first with `carewatch users add`")
    token = PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name[:100], prefix=token[:10], digest=digest(token))
    return token


def revoke(*, username: str) -> int:
    """Revoke every token of ``username``; returns how many were active."""
    from carewatch.store.searchdb.models import ApiToken

    return ApiToken.objects.filter(user__username=username, revoked=False).update(revoked=True)


def user_for(token: str) -> Any | None:
    """The active user a token belongs to, or None (unknown, revoked, or user disabled)."""
    from carewatch.store.searchdb.models import ApiToken

    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    wanted = digest(token)
    row = ApiToken.objects.select_related("user").filter(digest=wanted, revoked=False).first()
    if row is None or not hmac.compare_digest(row.digest, wanted) or not row.user.is_active:
        return None
    now = datetime.now(UTC)
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
