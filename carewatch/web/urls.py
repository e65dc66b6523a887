"""URL map: each area of the workspace includes its own url module."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from carewatch.web.views import home

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("reports/", include("carewatch.web.reports.urls")),
    path("incidents/", include("carewatch.web.incidents.urls")),
    path("search/", include("carewatch.web.search.urls")),
    path("dashboard/", include("carewatch.web.dashboard.urls")),
    path("testimony/", include("carewatch.web.testimony.urls")),
    path("exports/", include("carewatch.web.exports.urls")),
    path("api/", include("carewatch.web.api.urls")),
]
