"""URL patterns of the incidents area: incidents, their actions, and policies."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from carewatch.web.incidents import views

app_name = "incidents"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.incident_list, name="list"),
    path("<int:incident_id>/", views.incident_detail, name="detail"),
    path("<int:incident_id>/certainty/", views.certainty, name="certainty"),
    path("<int:incident_id>/merge/", views.merge, name="merge"),
    path("<int:incident_id>/comment/", views.comment, name="comment"),
    path("<int:incident_id>/assign/", views.assign, name="assign"),
    path("policies/", views.policy_list, name="policies"),
    path("policies/<int:policy_id>/", views.policy_detail, name="policy"),
]
