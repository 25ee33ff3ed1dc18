"""Referrals in the admin: the sealed source is never shown, on the list or the form; it is
revealed only from the referral's page, with a reason, into the access log."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.security.history import HistoryAdminMixin

from .models import Referral, ReferralStep, ReferralTransfer
from .selectors import SEALED


class StepInline(admin.TabularInline):
    model = ReferralStep
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "from_status", "to_status", "at", "by", "note")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Referral)
class ReferralAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "source_code",
        "channel",
        "status",
        "source_risk",
        "family_risk",
        "unit",
        "received_at",
    )
    list_filter = ("status", "channel", "source_risk", "requested_action", "governorate")
    search_fields = ("number", "source_code")
    list_select_related = ("unit",)
    exclude = (*SEALED, "source_phone_index")
    readonly_fields = ("number", "source_code", "sealed_source", "status", "case", "version")
    raw_id_fields = ("subject", "same_subject_as", "received_by", "assigned_officer")
    inlines = [StepInline]

    @admin.display(description=_("source"))
    def sealed_source(self, obj: Referral) -> str:
        return _("Sealed (%(code)s): reveal it from the referral's page, with a reason.") % {
            "code": obj.source_code
        }

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*SEALED)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReferralTransfer)
class ReferralTransferAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("referral", "from_unit", "to_unit", "status", "requested_at")
    list_filter = ("status",)
    search_fields = ("referral__number",)
    list_select_related = ("referral", "from_unit", "to_unit")
    raw_id_fields = ("referral", "requested_by", "decided_by")
