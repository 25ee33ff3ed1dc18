"""Top-level URLs. Each app owns its own ``urls.py``; this file only mounts them."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("cases.health.urls")),
    path("", include("cases.accounts.urls")),
    path("", include("cases.audit.urls")),
    path("", include("cases.deadlines.urls")),
    path("", include("cases.people.urls")),
    path("", include("cases.casefiles.urls")),
    path("", include("cases.referrals.urls")),
    path("", include("cases.legal.urls")),
    path("", include("cases.amnesty.urls")),
    path("", include("cases.courts.urls")),
    path("", include("cases.tribal.urls")),
    path("", include("cases.exports.urls")),
    path("", include("cases.imports.urls")),
    path("", include("cases.printouts.urls")),
    path("", include("cases.operations.urls")),
    path("", include("cases.reports.urls")),
]

# Refused and not-found answers are written to the access log before the page is shown.
handler403 = "cases.audit.views.permission_denied"
handler404 = "cases.audit.views.page_not_found"
