from __future__ import annotations

from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.job_list_view, name="jobs"),
    path("imports/absences/new/", views.upload_absences, name="upload_absences"),
    path("imports/wanted/new/", views.upload_wanted, name="upload_wanted"),
    path("imports/sample/absences.csv", views.sample_absences, name="sample_absences"),
    path("imports/sample/wanted.csv", views.sample_wanted, name="sample_wanted"),
    path("imports/<int:pk>/", views.job_detail, name="job"),
    path("imports/<int:pk>/confirm/", views.job_confirm, name="confirm"),
    path("imports/<int:pk>/discard/", views.job_cancel, name="cancel"),
    path("imports/<int:pk>/status/", views.job_status_view, name="status"),
    path("wanted-lists/", views.wanted_list_list_view, name="wanted_lists"),
    path("wanted-lists/<int:pk>/", views.wanted_list_detail, name="wanted_list"),
]
