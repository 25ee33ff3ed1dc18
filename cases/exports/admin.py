"""Exports in the admin: seen, never changed; the file is not offered for download here (only
its owner downloads it, through the logged view)."""

from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(HistoryAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "pk",
        "requested_by",
        "dataset",
        "format",
        "status",
        "rows_done",
        "rows_total",
        "created_at",
        "expires_at",
    )
    list_filter = ("status", "dataset", "format")
    search_fields = ("requested_by__username",)
    list_select_related = ("requested_by",)
    date_hierarchy = "created_at"
    exclude = ("file",)
    readonly_fields = (
        "requested_by",
        "dataset",
        "format",
        "filters",
        "language",
        "status",
        "rows_total",
        "rows_done",
        "error",
        "created_at",
        "started_at",
        "finished_at",
        "expires_at",
        "attempts",
    )
