"""Admin of the tribal track: tribes and clans are edited here (reference data); the records
are shown with their history and never deleted."""

from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import (
    Clearance,
    Disavowal,
    FamilyLink,
    FollowUpVisit,
    Guarantee,
    GuaranteeBreach,
    GuaranteeReport,
    Panel,
    PanelMember,
    PanelSitting,
    Petition,
    ProtectionMeasure,
    ReturnHome,
    Settlement,
    Sheikh,
    Tribe,
)


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # records of the tribal track stay: they are ended, withdrawn or removed


@admin.register(Tribe)
class TribeAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name_en", "name_ar", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active", "governorates")
    search_fields = ("name_en", "name_ar", "code")
    list_select_related = ("parent",)
    filter_horizontal = ("governorates",)
    autocomplete_fields = ("parent",)


@admin.register(Sheikh)
class SheikhAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name_ar", "name_lat", "title", "tribe", "governorate", "is_active")
    list_filter = ("title", "governorate", "is_active")
    search_fields = ("name_ar", "name_lat", "tribe__name_en", "tribe__name_ar")
    list_select_related = ("tribe", "governorate")
    raw_id_fields = ("created_by",)
    autocomplete_fields = ("tribe",)


@admin.register(FamilyLink)
class FamilyLinkAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("person", "relation", "relative", "recorded_at", "removed_at")
    list_filter = ("relation",)
    search_fields = ("person__national_id", "relative__national_id")
    list_select_related = ("person", "relative")
    raw_id_fields = ("person", "relative", "recorded_by", "removed_by")


@admin.register(Disavowal)
class DisavowalAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "filed_by",
        "filed_on",
        "document_reference",
        "status",
        "governorate",
    )
    list_filter = ("status", "filed_by", "governorate")
    search_fields = ("document_reference", "person__national_id")
    list_select_related = ("governorate",)
    raw_id_fields = ("person", "sheikh", "recorded_by", "decided_by")
    readonly_fields = ("status", "decided_on", "decided_by", "decision_reason")


class ReportInline(admin.TabularInline):
    model = GuaranteeReport
    extra = 0
    can_delete = False
    readonly_fields = ("due_on", "reported_on", "note", "recorded_by", "recorded_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class BreachInline(admin.TabularInline):
    model = GuaranteeBreach
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "occurred_on", "description", "action_taken", "recorded_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Guarantee)
class GuaranteeAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "case", "guarantor_kind", "starts_on", "ends_on", "status")
    list_filter = ("status", "guarantor_kind", "case__governorate")
    search_fields = ("case__number", "document_reference")
    list_select_related = ("case",)
    raw_id_fields = ("case", "sheikh", "recorded_by", "ended_by")
    readonly_fields = ("status", "next_report_due", "ended_on", "ended_by", "end_reason")
    inlines = [ReportInline, BreachInline]


@admin.register(GuaranteeBreach)
class GuaranteeBreachAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("guarantee", "kind", "occurred_on", "recorded_by")
    list_filter = ("kind",)
    search_fields = ("guarantee__case__number",)
    list_select_related = ("guarantee", "recorded_by")


@admin.register(Settlement)
class SettlementAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "case", "victim_party", "status", "waiver_needed", "waiver_given_on")
    list_filter = ("status", "waiver_needed", "case__governorate")
    search_fields = ("case__number", "amnesty_reference", "waiver_document")
    list_select_related = ("case",)
    raw_id_fields = ("case", "mediator", "recorded_by", "status_changed_by")
    readonly_fields = ("status", "status_changed_on", "status_changed_by", "status_reason")


class MemberInline(admin.TabularInline):
    model = PanelMember
    extra = 0
    can_delete = False
    raw_id_fields = ("sheikh", "unit", "recorded_by")


@admin.register(Panel)
class PanelAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name", "governorate", "district", "established_on", "is_active")
    list_filter = ("is_active", "governorate")
    search_fields = ("name",)
    list_select_related = ("governorate", "district")
    raw_id_fields = ("created_by",)
    inlines = [MemberInline]


@admin.register(PanelSitting)
class PanelSittingAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("panel", "scheduled_at", "place", "status", "held_at")
    list_filter = ("status", "panel__governorate")
    search_fields = ("panel__name", "place")
    list_select_related = ("panel",)
    raw_id_fields = ("panel", "recorded_by", "status_changed_by")
    readonly_fields = ("status", "held_at", "status_reason")


@admin.register(Petition)
class PetitionAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "case", "panel", "filed_on", "status", "recommendation")
    list_filter = ("status", "recommendation", "joining", "panel__governorate")
    search_fields = ("case__number", "panel__name")
    list_select_related = ("case", "panel")
    raw_id_fields = ("case", "panel", "sitting", "recorded_by", "decided_by")
    readonly_fields = ("status", "recommendation", "decided_at", "decided_by")


@admin.register(Clearance)
class ClearanceAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "case", "requested_on", "status", "decided_on")
    list_filter = ("status", "case__governorate")
    search_fields = ("case__number", "decision_reference")
    list_select_related = ("case",)
    raw_id_fields = ("case", "requested_by", "decision_recorded_by")
    readonly_fields = ("status", "decided_on", "decided_by_authority", "decision_reason")


@admin.register(ReturnHome)
class ReturnHomeAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "returned_on", "governorate", "district", "locality")
    list_filter = ("governorate",)
    search_fields = ("case__number", "locality")
    list_select_related = ("case", "governorate", "district")
    raw_id_fields = ("case", "clearance", "guarantee", "recorded_by")


@admin.register(FollowUpVisit)
class FollowUpVisitAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "due_on", "case_worker", "status", "visited_on", "outcome")
    list_filter = ("status", "outcome", "case__governorate")
    search_fields = ("case__number",)
    list_select_related = ("case", "case_worker")
    raw_id_fields = ("case", "case_worker", "recorded_by")


@admin.register(ProtectionMeasure)
class ProtectionMeasureAdmin(NoDeleteMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "kind", "starts_on", "ends_on", "status")
    list_filter = ("status", "kind", "case__governorate")
    search_fields = ("case__number",)
    list_select_related = ("case",)
    raw_id_fields = ("case", "recorded_by", "ended_by")
