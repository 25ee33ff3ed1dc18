"""Admin of the imports app: read-only views of the imports and of the wanted lists (they are
written only by the import, which checks every row and keeps them whole)."""

from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import ImportJob, WantedEntry, WantedList


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "kind",
        "status",
        "governorate",
        "unit",
        "row_count",
        "error_row_count",
        "rows_done",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = ("kind", "status", "governorate")
    search_fields = ("=id", "file_name", "uploaded_by__username")
    list_select_related = ("governorate", "unit", "uploaded_by")
    # The rows carry names: they are read on the import's page, which logs the reading.
    exclude = ("rows", "columns")


class WantedEntryInline(admin.TabularInline):
    model = WantedEntry
    extra = 0
    fields = ("line", "warrant_number", "warrant_date", "article", "governorate", "matched_person")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WantedList)
class WantedListAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "received_on", "governorate", "imported_by", "imported_at")
    list_filter = ("governorate",)
    search_fields = ("source",)
    list_select_related = ("governorate", "imported_by")
    date_hierarchy = "received_on"
    inlines = [WantedEntryInline]


@admin.register(WantedEntry)
class WantedEntryAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "warrant_number",
        "warrant_date",
        "issuing_authority",
        "governorate",
        "matched_person",
        "match_score",
    )
    list_filter = ("governorate",)
    search_fields = ("warrant_number", "issuing_authority")
    list_select_related = ("wanted_list", "governorate", "matched_person")
    raw_id_fields = ("matched_person",)
