"""Analysis tests render translated labels: Django's apps must be ready even without a store."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _django_ready() -> None:
    import django

    django.setup()
