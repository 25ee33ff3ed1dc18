"""Admin of the legal app: the offence catalogue (edited here, never deleted), and charges
(read here; added and withdrawn on the case's pages, which keep the heaviest penalty right)."""

from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import Charge, Offence


@admin.register(Offence)
class OffenceAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "law_en",
        "article",
        "title_en",
        "category",
        "penalty_max",
        "source_verified",
        "is_active",
    )
    list_filter = ("category", "source_verified", "is_active", "penalty_max", "law_en")
    search_fields = ("code", "law_en", "law_ar", "article", "title_en", "title_ar")
    fieldsets = (
        (None, {"fields": ("code", "law_en", "law_ar", "article", "title_en", "title_ar")}),
        (None, {"fields": ("category", "flags")}),
        (
            None,
            {
                "fields": (
                    "penalty_max",
                    "penalty_max_months",
                    "penalty_min_months",
                    "penalty_text",
                )
            },
        ),
        (None, {"fields": ("legal_source", "source_verified", "is_active")}),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # charges refer to it: untick "in use" instead


@admin.register(Charge)
class ChargeAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "offence", "status", "facts_established", "added_at", "withdrawn_at")
    list_filter = ("status", "offence__category", "facts_established")
    search_fields = ("case__number", "offence__code", "offence__article")
    list_select_related = ("case", "offence")
    date_hierarchy = "added_at"
