"""URL patterns of the testimony area."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "testimony"
urlpatterns: list[URLPattern | URLResolver] = []
