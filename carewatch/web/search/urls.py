"""URL patterns of the search area."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.search import views

app_name = "search"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
]
