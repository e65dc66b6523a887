"""URL patterns of the reports area: inbox, report view, review actions."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.reports import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.inbox, name="inbox"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/labels/add/", views.add_label, name="add_label"),
    path("<int:report_id>/labels/<str:kind>/<int:index>/", views.decide, name="decide"),
]
