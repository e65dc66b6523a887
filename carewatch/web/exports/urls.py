"""URL patterns of the exports area."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "exports"
urlpatterns: list[URLPattern | URLResolver] = []
