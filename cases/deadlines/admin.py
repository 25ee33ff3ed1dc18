"""Deadline kinds and rules are edited here, with their legal source beside each figure; the
deadlines, the outbox and the deliveries are shown read-only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.security.history import HistoryAdminMixin
from cases.security.listing import ReadOnlyAdminMixin

from .models import Deadline, DeadlineKind, DeadlineRule, Delivery, Notification, Reminder


class DeadlineRuleInline(admin.StackedInline):
    model = DeadlineRule
    extra = 0
    fields = (
        "effective_from",
        "duration",
        "reminder_offsets",
        "escalate_after",
        "legal_source",
        "legal_source_ar",
        "source_verified",
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # A rule once used must stay: deadlines opened under it point to it.
        return False


@admin.register(DeadlineKind)
class DeadlineKindAdmin(admin.ModelAdmin):
    list_display = ("code", "label_en", "label_ar", "current_rule", "is_active")
    search_fields = ("code", "label_en", "label_ar")
    list_filter = ("is_active",)
    readonly_fields = ("code",)
    inlines = [DeadlineRuleInline]

    @admin.display(description=_("rule in effect"))
    def current_rule(self, obj: DeadlineKind) -> str:
        from django.utils import timezone

        try:
            rule = obj.rule_on(timezone.localdate())
        except DeadlineRule.DoesNotExist:
            return "—"
        return f"{rule.duration or '—'} · {rule.legal_source[:60]}"

    def has_add_permission(self, request) -> bool:
        return False  # kinds come from the code's registry

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    fields = ("stage", "status", "attempts", "queued_at", "sent_at", "last_error")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Deadline)
class DeadlineAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "object_label", "due_at", "status", "governorate", "responsible_user")
    list_filter = ("status", "kind", "governorate")
    search_fields = ("object_label",)
    list_select_related = ("kind", "governorate", "responsible_user")
    date_hierarchy = "due_at"
    inlines = [ReminderInline]
    readonly_fields = [f.name for f in Deadline._meta.fields if f.name != "note"]

    def has_add_permission(self, request) -> bool:
        return False  # deadlines are opened by the services of the domain apps

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("deadline", "stage", "status", "attempts", "sent_at", "short_error")
    list_filter = ("status",)
    list_select_related = ("deadline__kind",)
    readonly_fields = [f.name for f in Reminder._meta.fields]

    @admin.display(description=_("last error"))
    def short_error(self, obj: Reminder) -> str:
        return obj.last_error[:80]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("reminder", "user", "channel", "status", "at")
    list_filter = ("channel", "status")
    list_select_related = ("reminder", "user")
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "created_at", "read_at")
    list_filter = ("is_escalation",)
    list_select_related = ("user",)
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
