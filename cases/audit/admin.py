"""The access log in the admin: read-only for everyone, administrators included."""

from __future__ import annotations

from django.contrib import admin

from cases.security.listing import ReadOnlyAdminMixin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "username", "action", "object_label", "governorate", "ip_address")
    list_filter = ("action", "governorate")
    search_fields = ("username", "object_label", "object_id")
    list_select_related = ("governorate",)
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AccessLogEntry._meta.fields]
