"""Admin of the courts: the rule sets and commutation rules (edited here, with their sources;
a change of the law is a new rule set from its date), and the court records (read here; written
on the court pages, which keep the sentence, its dates and its history right)."""

from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import (
    CassationReview,
    CommutationRequest,
    CommutationRule,
    Hearing,
    Sentence,
    SentenceChange,
    SentenceRuleSet,
    Verdict,
)


@admin.register(SentenceRuleSet)
class SentenceRuleSetAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "effective_from",
        "life_years",
        "max_total_years",
        "appeal_days",
        "source_verified",
    )
    list_filter = ("source_verified",)
    search_fields = ("legal_source", "legal_source_ar")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # sentences refer to it: add a new one from its date instead


@admin.register(CommutationRule)
class CommutationRuleAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("code", "title_en", "stage", "effect", "is_active", "source_verified")
    list_filter = ("stage", "effect", "is_active", "source_verified")
    search_fields = ("code", "title_en", "title_ar", "legal_source", "legal_source_ar")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # untick "in use" instead


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "court", "scheduled_at", "kind", "judge", "outcome")
    list_filter = ("kind", "outcome", "court__governorate")
    search_fields = ("case__number", "court__name_en")
    list_select_related = ("case", "court", "judge")
    date_hierarchy = "scheduled_at"


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("case", "court", "judge", "decided_on", "final_on", "superseded_at", "version")
    list_filter = ("automatic_cassation", "court__governorate")
    search_fields = ("case__number",)
    list_select_related = ("case", "court", "judge")


@admin.register(Sentence)
class SentenceAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("verdict", "penalty", "total_days", "release_on", "conditional_release_on")
    list_filter = ("penalty", "juvenile", "capped")
    search_fields = ("verdict__case__number",)
    list_select_related = ("verdict", "verdict__case")


@admin.register(SentenceChange)
class SentenceChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("sentence", "source", "by", "at")
    list_filter = ("source",)
    search_fields = ("sentence__verdict__case__number",)
    list_select_related = ("sentence", "sentence__verdict", "sentence__verdict__case", "by")


@admin.register(CassationReview)
class CassationReviewAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("verdict", "automatic", "filed_on", "outcome", "decided_on")
    list_filter = ("automatic", "outcome")
    search_fields = ("verdict__case__number",)
    list_select_related = ("verdict", "verdict__case")


@admin.register(CommutationRequest)
class CommutationRequestAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("sentence", "status", "requested_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("sentence__verdict__case__number",)
    list_select_related = ("sentence", "sentence__verdict", "sentence__verdict__case")
