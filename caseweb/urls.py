"""Top-level URLs. Each app owns its own ``urls.py``; this file only mounts them."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("cases.accounts.urls")),
    path("", include("cases.reports.urls")),
]
