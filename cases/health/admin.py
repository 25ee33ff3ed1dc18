from __future__ import annotations

from django.contrib import admin

from cases.security.listing import ReadOnlyAdminMixin

from .models import Heartbeat


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("source", "beat_at", "count")
    readonly_fields = ("source", "beat_at", "count")
