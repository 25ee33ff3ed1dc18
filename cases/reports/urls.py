from __future__ import annotations

from django.urls import include, path

from . import views

#: The dashboard under the "reports" namespace; the start page keeps its plain name "home".
dashboard_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:panel>.csv", views.dashboard_csv, name="dashboard_csv"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", include((dashboard_patterns, "reports"))),
]
