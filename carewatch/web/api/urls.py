"""URL patterns of the api area: the NinjaAPI routes plus the readable docs page."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.api.api import api, docs

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("docs", docs, name="docs"),
    *api.urls[0],
]
