"""URL patterns of the testimony area."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.testimony import views

app_name = "testimony"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:testimony_id>/", views.detail, name="detail"),
]
