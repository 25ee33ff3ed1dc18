"""The access log in the admin: read-only for everyone, administrators included."""

from __future__ import annotations

from django.contrib import admin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "object_label", "governorate", "ip_address")
    list_filter = ("action", "governorate")
    search_fields = ("username", "object_label", "object_id")
    list_select_related = ("governorate",)
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AccessLogEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
