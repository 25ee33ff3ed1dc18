"""Writes of the legal app: charges added, their facts recorded, charges withdrawn; and the
case's heaviest penalty, which caps his pre-trial detention.

Every change locks the case row (two officers charging the same case at once cannot leave the
heaviest penalty wrong), records who and why in the history, and tells the apps above through
:data:`cases.legal.signals.charges_changed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.models import User
from cases.casefiles.models import Case
from cases.security.history import history_reason

from . import rules
from .models import Charge, Offence
from .signals import charges_changed


class ChargeError(ValueError):
    """A change of charges the rules refuse; the message is for the user (translated)."""


def _lock_case(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _acts_from(case: Case) -> dt.date | None:
    intake = getattr(case, "intake", None)
    return intake.acts_from if intake is not None else None


def case_sync_max_penalty(*, case: Case, by: User | None, reason: str) -> int | None:
    """Set ``Case.max_penalty_months`` to the heaviest penalty of the case's active charges
    (life = 240 months; death counts as life; None while no charge's penalty is known).

    The field caps the total of his pre-trial detention (CPC Art. 109). The cap deadline of the
    case file follows on the next detention order, when casefiles recomputes it from this value.
    Called by the charge services with the case row already locked.
    """
    charges = Charge.objects.filter(case_id=case.pk, status=Charge.Status.ACTIVE).select_related(
        "offence"
    )
    months = rules.heaviest(charge.offence.max_months for charge in charges)
    with history_reason(reason, by):
        Case.objects.filter(pk=case.pk).update(max_penalty_months=months)
    case.max_penalty_months = months
    return months


@transaction.atomic
def charge_add(
    *,
    case: Case,
    offence: Offence,
    by: User,
    reason: str = "",
    acts_from: dt.date | None = None,
    flags: Iterable[str] = (),
    facts_established: bool = False,
    particulars: str = "",
) -> Charge:
    """Hold ``offence`` against the person of ``case``. The acts are taken to begin when his
    affiliation began (the intake) unless a date is given. Refuses a closed case, an offence no
    longer in use, and acts dated in the future."""
    case = _lock_case(case)
    if case.status == Case.Status.CLOSED:
        raise ChargeError(_("A closed case takes no new charge."))
    if not offence.is_active:
        raise ChargeError(_("This offence is no longer in use in the catalogue."))
    acts_from = acts_from or _acts_from(case)
    if acts_from and acts_from > timezone.localdate():
        raise ChargeError(_("The acts cannot be dated in the future."))
    reason = reason.strip() or _("Charge added")
    charge = Charge(
        case=case,
        offence=offence,
        particulars=particulars,
        acts_from=acts_from,
        flags=sorted(set(flags)),
        facts_established=facts_established,
        added_by=by,
        added_reason=reason,
    )
    charge.full_clean()
    with history_reason(reason, by):
        charge.save()
    case_sync_max_penalty(case=case, by=by, reason=reason)
    charges_changed.send(sender=Charge, case=case, by=by)
    return charge


def _lock(charge: Charge) -> Charge:
    return Charge.objects.select_for_update().select_related("offence").get(pk=charge.pk)


@transaction.atomic
def charge_record_facts(
    *, charge: Charge, flags: Iterable[str], facts_established: bool, by: User, reason: str
) -> Charge:
    """Record what is known of the acts of a charge (caused death or permanent disability, a
    complainant ...) and whether that is now complete. Refuses a withdrawn charge and a change
    without a reason."""
    if not reason.strip():
        raise ChargeError(_("Give the reason: it stays in the charge's history."))
    _lock_case(charge.case)
    charge = _lock(charge)
    if charge.status != Charge.Status.ACTIVE:
        raise ChargeError(_("This charge was withdrawn."))
    charge.flags = sorted(set(flags))
    charge.facts_established = facts_established
    charge.full_clean()
    with history_reason(reason, by):
        charge.save(update_fields=["flags", "facts_established"])
    charges_changed.send(sender=Charge, case=charge.case, by=by)
    return charge


@transaction.atomic
def charge_withdraw(*, charge: Charge, by: User, reason: str) -> Charge:
    """Withdraw a charge (dropped by the judge, added in error), with the reason; the case's
    heaviest penalty is recomputed. Refuses an empty reason and a charge already withdrawn."""
    if not reason.strip():
        raise ChargeError(_("Give the reason for withdrawing the charge."))
    case = _lock_case(charge.case)
    charge = _lock(charge)
    if charge.status != Charge.Status.ACTIVE:
        raise ChargeError(_("This charge was already withdrawn."))
    charge.status = Charge.Status.WITHDRAWN
    charge.withdrawn_at = timezone.now()
    charge.withdrawn_by = by
    charge.withdrawn_reason = reason
    with history_reason(reason, by):
        charge.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    case_sync_max_penalty(case=case, by=by, reason=reason)
    charges_changed.send(sender=Charge, case=case, by=by)
    return charge
