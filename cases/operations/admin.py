from __future__ import annotations

from django.contrib import admin

from cases.security.listing import ReadOnlyAdminMixin

from .models import BackupRecord, PurgeRecord


@admin.register(BackupRecord)
class BackupRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("started_at", "status", "filename", "size", "duration_seconds", "key_id")
    list_filter = ("status",)
    search_fields = ("filename", "sha256")
    date_hierarchy = "started_at"


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "purged_at",
        "rule",
        "record_type",
        "record_id",
        "qualified_on",
        "retention_years",
        "rows_changed",
        "history_rows_changed",
    )
    list_filter = ("rule", "record_type")
    search_fields = ("record_id",)
    date_hierarchy = "purged_at"
