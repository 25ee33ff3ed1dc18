"""Admin of the amnesty app: decrees with their exclusions and conditions (edited here, with their
sources), and read-only views of absences, applications and decisions (those change through the
pages, which keep the rules and the deadlines)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import (
    AbsenceReport,
    Application,
    Decision,
    Decree,
    DecreeCondition,
    DecreeExclusion,
)
from .services import decree_sync_window_deadlines


class ExclusionInline(admin.TabularInline):
    model = DecreeExclusion
    extra = 0
    fields = (
        "order",
        "category",
        "flags",
        "label_en",
        "label_ar",
        "effective_from",
        "effective_until",
        "source_text",
        "source_verified",
    )


class ConditionInline(admin.TabularInline):
    model = DecreeCondition
    extra = 0
    fields = (
        "order",
        "kind",
        "applies_to_flag",
        "days_allowed",
        "label_en",
        "label_ar",
        "effective_from",
        "effective_until",
        "source_text",
        "source_verified",
    )


@admin.register(Decree)
class DecreeAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "title_en",
        "effective_on",
        "window_event",
        "window_days",
        "window_ends_on",
        "seeded",
        "source_verified",
    )
    list_filter = ("seeded", "source_verified", "window_event", "allows_retrial")
    search_fields = ("code", "title_en", "title_ar", "legal_reference")
    inlines = [ExclusionInline, ConditionInline]
    actions = ["sync_window_deadlines"]
    fieldsets = (
        (None, {"fields": ("code", "title_en", "title_ar", "legal_reference")}),
        (_("Dates"), {"fields": ("issued_on", "effective_on", "active_from", "active_until")}),
        (_("Window"), {"fields": ("window_event", "window_days", "window_ends_on")}),
        (
            _("Whom and what it covers"),
            {"fields": ("groups", "covered_categories", "covered_acts_text", "acts_until")},
        ),
        (None, {"fields": ("allows_retrial", "source_text", "source_verified", "seeded", "notes")}),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # applications and decisions refer to it

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # The window may have opened or moved: the absent members' deadlines follow it.
        decree_sync_window_deadlines(decree=form.instance, by=request.user)

    @admin.action(description=_("Open or move the window deadlines of the members still away"))
    def sync_window_deadlines(self, request, queryset) -> None:
        looked_at = sum(decree_sync_window_deadlines(decree=d, by=request.user) for d in queryset)
        messages.success(
            request, _("%(count)d absences were brought in line.") % {"count": looked_at}
        )


@admin.register(AbsenceReport)
class AbsenceReportAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "service_number", "unit", "absent_since", "status", "status_on")
    list_filter = ("status", "circumstances", "governorate")
    search_fields = ("service_number", "case__number")
    list_select_related = ("unit",)
    date_hierarchy = "absent_since"


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "decree", "status", "engine_status", "applied_on", "filed_at")
    list_filter = ("status", "engine_status", "decree")
    search_fields = ("case__number",)
    list_select_related = ("case", "decree")
    exclude = ("engine_lines",)


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "application",
        "outcome",
        "override",
        "engine_status",
        "decided_by",
        "decided_at",
    )
    list_filter = ("outcome", "override", "engine_status")
    search_fields = ("application__case__number",)
    list_select_related = ("application", "application__case", "decided_by")
    exclude = ("engine_lines",)
