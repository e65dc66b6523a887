"""URL patterns of the dashboard area."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.dashboard import views

app_name = "dashboard"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("chart/<slug:name>.svg", views.chart, name="chart"),
]
