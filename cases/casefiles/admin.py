"""Admin of the case files: every model, searchable by case number; cases are never deleted."""

from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import (
    Case,
    CaseStatusChange,
    CustodyRule,
    DetentionOrder,
    Intake,
    Screening,
    WeaponCustodyEntry,
    WeaponItem,
)


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # nobody deletes a case or its parts: records are closed or sealed


class IntakeInline(admin.StackedInline):
    model = Intake
    extra = 0
    can_delete = False
    readonly_fields = ("age_at_acts", "age_band", "is_juvenile")
    autocomplete_fields = ("receiving_officer",)


class StatusChangeInline(admin.TabularInline):
    model = CaseStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "at", "by", "reason")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("number", "kind", "status", "governorate", "receiving_unit", "opened_at")
    list_filter = ("status", "kind", "governorate")
    search_fields = ("number",)
    list_select_related = ("governorate", "receiving_unit")
    readonly_fields = ("number", "person", "status", "version")
    autocomplete_fields = ("receiving_unit", "assigned_officer")
    date_hierarchy = "opened_at"
    inlines = [IntakeInline, StatusChangeInline]


@admin.register(Screening)
class ScreeningAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "wanted_match", "risk_tier", "outcome", "screened_at")
    list_filter = ("wanted_match", "risk_tier", "outcome")
    search_fields = ("case__number", "wanted_reference")
    list_select_related = ("case",)
    raw_id_fields = ("case", "interviewing_officer")


class CustodyInline(admin.TabularInline):
    model = WeaponCustodyEntry
    extra = 0
    can_delete = False
    readonly_fields = ("at", "from_holder", "to_holder", "location", "note", "recorded_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # the chain grows through the case page, which keeps it unbroken


@admin.register(WeaponItem)
class WeaponItemAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "kind", "serial_number", "quantity", "condition", "storage_location")
    list_filter = ("kind", "condition")
    search_fields = ("serial_number", "case__number")
    list_select_related = ("case",)
    raw_id_fields = ("case", "received_by")
    inlines = [CustodyInline]


@admin.register(DetentionOrder)
class DetentionOrderAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "court", "judge_name", "starts_on", "ends_on", "felony_court_extension")
    list_filter = ("felony_court_extension", "court__governorate")
    search_fields = ("case__number", "order_number", "judge_name")
    list_select_related = ("case", "court")
    raw_id_fields = ("case", "recorded_by")


@admin.register(CustodyRule)
class CustodyRuleAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "effective_from",
        "max_order_days",
        "max_total_days",
        "max_share_of_penalty",
        "legal_source",
        "source_verified",
    )


@admin.register(CaseStatusChange)
class CaseStatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("case", "from_status", "to_status", "at", "by")
    list_filter = ("to_status",)
    search_fields = ("case__number",)
    list_select_related = ("case", "by")
