"""User accounts and their roles (Django auth users in role-named groups)."""

from __future__ import annotations

from carewatch.errors import CarewatchError
from carewatch.review.roles import ROLES, role_of


def create_user(*, username: str, role: str, password: str, actor: str = "") -> int:
    """Create ``username`` with ``role``; returns the user id. Audited as ``user.create``.

    ``actor`` is who did it (default: the configured operator, i.e. the CLI user).
    """
    from carewatch import config
    from carewatch.review import audit
    from carewatch.store import db

    db.setup(migrate=True)
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    if role not in ROLES:
        raise CarewatchError(f"unknown role {role!r}", code="CW110", hint=f"one of {', '.join(ROLES)}")
    if User.objects.filter(username=username).exists():
        raise CarewatchError(f"user {username!r} exists already", code="CW111",
                             hint="choose another name or change that user's password")
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password,
                                        is_staff=role == "admin", is_superuser=role == "admin")
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
        audit.record(actor=actor or config.load().operator, action="user.create", target=username,
                     detail={"role": role})
    return int(user.pk)


def list_users() -> list[tuple[str, str | None, bool]]:
    from carewatch.store import db

    db.setup(migrate=True)
    from django.contrib.auth.models import User

    return [(u.username, role_of(u), u.is_active) for u in User.objects.order_by("username")]
