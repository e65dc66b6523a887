"""URL patterns of the exports area: the export form and the streamed download."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.exports import views

app_name = "exports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("download/", views.download, name="download"),
]
