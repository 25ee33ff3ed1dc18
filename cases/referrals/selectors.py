"""Reads of the referrals app that depend on the user. None of them returns the source's
identity: lists and pages read only the code name (the sealed columns are deferred)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cases.accounts.jurisdiction import get_for_change, get_for_user

from .models import Referral, ReferralTransfer

SEALED = ("source_name", "source_phone", "source_address", "source_relation")


def referrals_for_user(user) -> QuerySet[Referral]:
    """The referrals of ``user``'s jurisdiction, without the sealed columns."""
    return (
        Referral.objects.in_jurisdiction(user)
        .defer(*SEALED)
        .select_related("unit", "governorate", "assigned_officer", "subject", "case")
    )


def referral_get_for_user(user, pk) -> Referral:
    return get_for_user(referrals_for_user(user), user, pk=pk)


def referral_get_for_change(user, pk) -> Referral:
    return get_for_change(referrals_for_user(user), user, "referrals.change_referral", pk=pk)


@dataclass(frozen=True)
class ReferralFilters:
    status: str = ""
    risk: str = ""
    channel: str = ""
    action: str = ""
    unit: Any = None
    number: str = ""
    critical_open: bool = False


def referral_list(user, filters: ReferralFilters) -> QuerySet[Referral]:
    qs = referrals_for_user(user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.risk:
        qs = qs.filter(Q(source_risk=filters.risk) | Q(family_risk=filters.risk))
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.action:
        qs = qs.filter(requested_action=filters.action)
    if filters.unit is not None:
        qs = qs.filter(unit=filters.unit)
    if filters.number:
        qs = qs.filter(number__icontains=filters.number.strip())
    if filters.critical_open:
        qs = qs.critical().open()
    return qs.order_by("-received_at", "-pk")


def transfers_waiting_for(user) -> QuerySet[ReferralTransfer]:
    """Transfers of referrals offered to the units of ``user``'s governorates."""
    qs = ReferralTransfer.objects.filter(status=ReferralTransfer.Status.PENDING).select_related(
        "referral", "from_unit", "to_unit"
    )
    if user.has_national_scope:
        return qs
    return qs.filter(to_unit__governorate__in=user.jurisdiction_ids)


def transfer_get_for_user(user, pk) -> ReferralTransfer:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(transfers_waiting_for(user), pk=pk)


def referrals_of_case(case) -> list[Referral]:
    """The referrals that led to a case (the evidence of a voluntary surrender)."""
    return list(Referral.objects.filter(case=case).defer(*SEALED).order_by("received_at"))
