"""Reads of the legal app."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cases.accounts.jurisdiction import get_for_change
from cases.casefiles.models import Case
from cases.casefiles.selectors import TimelineEvent, cases_for_user

from .models import Charge, Offence


def offences_in_use() -> QuerySet[Offence]:
    """The catalogue as a charge form offers it."""
    return Offence.objects.active().order_by("law_en", "article", "code")


def charges_of_case(case: Case) -> list[Charge]:
    """Every charge of the case, active first, with what the charges section shows (one
    query)."""
    charges = Charge.objects.filter(case_id=case.pk).select_related(
        "offence", "added_by", "withdrawn_by"
    )
    return sorted(charges, key=lambda c: (c.status != Charge.Status.ACTIVE, c.added_at, c.pk))


def case_get_for_charging(user, pk) -> Case:
    """The case, 404 outside the jurisdiction, 403 without the permission to add charges."""
    return get_for_change(cases_for_user(user), user, "legal.add_charge", pk=pk)


def charge_get_for_change(user, pk) -> Charge:
    """The charge, 404 outside the jurisdiction, 403 without the permission to change it."""
    qs = Charge.objects.in_jurisdiction(user).select_related("case", "offence")
    return get_for_change(qs, user, "legal.change_charge", pk=pk)


def charge_timeline(case: Case) -> list[TimelineEvent]:
    """The charges' events on the case's timeline: added, and withdrawn (one query)."""
    events = []
    for charge in Charge.objects.filter(case_id=case.pk).select_related(
        "offence", "added_by", "withdrawn_by"
    ):
        events.append(
            TimelineEvent(
                charge.added_at,
                "charge",
                _("Charge: %(offence)s") % {"offence": charge.offence.reference},
                charge.added_reason,
                charge.added_by,
            )
        )
        if charge.withdrawn_at:
            events.append(
                TimelineEvent(
                    charge.withdrawn_at,
                    "charge",
                    _("Charge withdrawn: %(offence)s") % {"offence": charge.offence.reference},
                    charge.withdrawn_reason,
                    charge.withdrawn_by,
                )
            )
    return events
