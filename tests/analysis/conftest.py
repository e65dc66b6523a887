"""Analysis tests render translated labels: Django's apps must be ready even without a store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _django_ready() -> Iterator[None]:
    """Django ready, and labels in English (outside a request Django falls back to uk)."""
    import django

    django.setup()
    from django.utils import translation

    with translation.override("en"):
        yield
