"""Bring up Django's ORM outside the web app (CLI, workers, tests)."""

from __future__ import annotations

import os

_ready = False


def setup(*, migrate: bool = False) -> None:
    """Configure Django once per process; optionally apply migrations."""
    global _ready
    if not _ready:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carewatch.settings")
        import django

        django.setup()
        _ready = True
    if migrate:
        from carewatch import config

        config.load().home.mkdir(parents=True, exist_ok=True)
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
