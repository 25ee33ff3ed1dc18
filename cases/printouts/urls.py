from __future__ import annotations

from django.urls import path

from . import views

app_name = "printouts"

urlpatterns = [
    path("cases/<int:pk>/case-file.pdf", views.case_file_pdf, name="case_file"),
]
