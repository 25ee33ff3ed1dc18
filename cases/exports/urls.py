from __future__ import annotations

from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("exports/", views.export_list, name="list"),
    path("exports/new/", views.export_new, name="new"),
    path("exports/<int:pk>/", views.export_job, name="job"),
    path("exports/<int:pk>/status/", views.export_status, name="status"),
    path("exports/<int:pk>/download/", views.export_download, name="download"),
]
