from __future__ import annotations

from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("audit/access-log/", views.access_log, name="access_log"),
    path("audit/access-log/export.csv", views.access_log_export, name="access_log_export"),
]
