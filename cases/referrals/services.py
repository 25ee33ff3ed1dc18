"""Writes of the referrals app: receive, move along the lifecycle, transfer, link the subject,
record the surrender, and reveal the sealed source.

No service ever writes the source's identity anywhere but the sealed fields: not into an event,
a history reason, a notification, a log line or an error message.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.models import Unit, User
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.models import Case
from cases.casefiles.services import case_record_intake, sequence_next
from cases.deadlines.models import Deadline
from cases.deadlines.services import (
    deadline_cancel,
    deadline_meet_for,
    deadline_open,
    notify_now,
    supervisors_of,
)
from cases.people.models import Person
from cases.security.history import history_reason

from . import deadline_kinds as kinds
from . import rules
from .models import Referral, ReferralNumberSequence, ReferralStep, ReferralTransfer

logger = logging.getLogger(__name__)
S = Referral.Status

#: The sealed fields: what a reveal shows, and what nothing else may.
SOURCE_FIELDS = ("source_name", "source_phone", "source_address", "source_relation")


class ReferralError(ValueError):
    """A change the rules refuse; the message is for the user (translated)."""


def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _event(referral: Referral, kind: str, by: User | None, note: str = "", **fields) -> None:
    ReferralStep.objects.create(referral=referral, kind=kind, by=by, note=note, **fields)


@transaction.atomic
def referral_receive(
    *, data: dict[str, Any], source: dict[str, str], unit: Unit, by: User
) -> Referral:
    """Record a referral received at ``unit``: the source sealed under a fresh code name, the
    72-hour deadline to contact him opened, and a critical risk escalated to the supervisors at
    once. Refuses a referral dated in the future or without the source's name."""
    if not (source.get("source_name") or "").strip():
        raise ValidationError({"source_name": _("Record the source's name: it is sealed.")})
    received_at = data.get("received_at") or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"received_at": _("A referral cannot be dated in the future.")})
    year = timezone.localdate(received_at).year
    number = sequence_next(ReferralNumberSequence, governorate=unit.governorate, year=year)
    referral = Referral(
        number=f"REF-{unit.governorate.code}-{year}-{number:05d}",
        unit=unit,
        governorate=unit.governorate,
        received_by=by,
        assigned_officer=data.pop("assigned_officer", None) or by,
        **{k: v for k, v in data.items() if k != "received_at"},
        received_at=received_at,
        **{k: (v or None) if k != "source_name" else v for k, v in source.items()},
    )
    for _attempt in range(5):  # a code name is random: try again on the rare collision
        referral.source_code = rules.new_code_name()
        if not Referral.objects.filter(source_code=referral.source_code).exists():
            break
    referral.full_clean()
    with history_reason(_("Referral received"), by):
        referral.save()
    _event(referral, ReferralStep.Kind.STATUS, by, to_status=S.RECEIVED)
    deadline_open(
        kind=kinds.CONTACT_72H,
        record=referral,
        governorate=referral.governorate,
        event_at=received_at,
        responsible_user=referral.assigned_officer,
        responsible_unit=unit,
        event_key="contact",
        by=by,
    )
    if referral.is_critical:
        url = referral.get_absolute_url()
        number = referral.number
        notify_now(
            users=supervisors_of(referral.governorate_id),
            title=lambda: _("Critical referral %(number)s received") % {"number": number},
            body=lambda: _("The reprisal risk is critical: review it now."),
            url=url,
            escalation=True,
        )
    logger.info("referral %s received at unit %s", referral.number, unit.pk)
    return referral


@transaction.atomic
def referral_transition(
    *, referral: Referral, to_status: str, by: User, note: str, close_reason: str = ""
) -> Referral:
    """Move a referral along its lifecycle. Contact established meets the 72-hour deadline and
    starts the weekly follow-up; closing needs one of the closing reasons and cancels what runs.
    Refuses a move the lifecycle does not allow and a move without a note."""
    if not note.strip():
        raise ReferralError(_("Give a note: what happened. It stays in the referral's history."))
    referral = _lock(referral)
    if not rules.can_move(referral.status, to_status):
        raise ReferralError(
            _("A referral cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(referral.status).label, "to": S(to_status).label}
        )
    if to_status == S.CLOSED and close_reason not in Referral.CloseReason.values:
        raise ReferralError(_("Say why the referral is closed."))
    previous = referral.status
    referral.status = to_status
    referral.close_reason = close_reason if to_status == S.CLOSED else ""
    referral.version += 1
    with history_reason(note, by):
        referral.save(update_fields=["status", "close_reason", "version"])
    _event(referral, ReferralStep.Kind.STATUS, by, note, from_status=previous, to_status=to_status)
    if to_status == S.CONTACT:
        deadline_meet_for(kind=kinds.CONTACT_72H, record=referral, event_key="contact", by=by)
        _open_follow_up(referral, by, 1)
    if to_status == S.CLOSED:
        _cancel_running(referral, by, note)
    return referral


def _open_follow_up(referral: Referral, by: User, n: int) -> None:
    deadline_open(
        kind=kinds.FOLLOW_UP,
        record=referral,
        governorate=referral.governorate,
        responsible_user=referral.assigned_officer,
        responsible_unit=referral.unit,
        event_key=f"follow-up-{n}",
        by=by,
    )


def _cancel_running(referral: Referral, by: User, reason: str) -> None:
    for deadline in Deadline.objects.for_object(referral).filter(
        status__in=[Deadline.Status.OPEN, Deadline.Status.MISSED], met_at__isnull=True
    ):
        deadline_cancel(deadline=deadline, by=by, reason=reason)


@transaction.atomic
def referral_follow_up(*, referral: Referral, by: User, note: str) -> Referral:
    """Record a follow-up with the source: meets the running follow-up deadline and opens the
    next. Refuses a referral that is not open, and an empty note."""
    if not note.strip():
        raise ReferralError(_("Say what the follow-up found."))
    referral = _lock(referral)
    if referral.status not in rules.OPEN:
        raise ReferralError(_("This referral is no longer open."))
    _event(referral, ReferralStep.Kind.FOLLOW_UP, by, note)
    done = referral.steps.filter(kind=ReferralStep.Kind.FOLLOW_UP).count()
    deadline_meet_for(kind=kinds.FOLLOW_UP, record=referral, event_key=f"follow-up-{done}", by=by)
    if referral.status in (S.CONTACT, S.ARRANGED):
        _open_follow_up(referral, by, done + 1)
    return referral


@transaction.atomic
def referral_link_subject(
    *, referral: Referral, person: Person, by: User, note: str = ""
) -> Referral:
    """Name the subject: the person he is. Another open referral about the same person becomes
    linked to the first one (several referrals about one man are linked, never duplicated)."""
    referral = _lock(referral)
    first = (
        Referral.objects.filter(subject=person, same_subject_as__isnull=True)
        .exclude(pk=referral.pk)
        .order_by("received_at")
        .first()
    )
    referral.subject = person
    referral.same_subject_as = (
        first if first and first.received_at <= referral.received_at else None
    )
    with history_reason(note or _("Subject identified"), by):
        referral.save(update_fields=["subject", "same_subject_as"])
    _event(referral, ReferralStep.Kind.LINK, by, note or _("Subject identified"))
    return referral


@transaction.atomic
def referral_record_surrender(
    *,
    referral: Referral,
    by: User,
    person: Person | None,
    person_data: dict[str, Any],
    aliases: list[str],
    kind: str,
    receiving_unit: Unit,
    intake_data: dict[str, Any],
    assigned_officer: User | None = None,
) -> Case:
    """Record the surrender of the referral's subject: the intake opens his case, and the case is
    linked to the referral (the evidence that he came in voluntarily). The referral is then
    surrendered and its deadlines met. Refuses a referral already closed or surrendered."""
    referral = _lock(referral)
    if referral.status not in rules.OPEN:
        raise ReferralError(_("This referral is no longer open."))
    case = case_record_intake(
        person=person or referral.subject,
        person_data=person_data,
        aliases=aliases,
        kind=kind,
        receiving_unit=receiving_unit,
        intake_data=intake_data,
        assigned_officer=assigned_officer,
        by=by,
    )
    previous = referral.status
    referral.case = case
    referral.subject = case.person
    referral.status = S.SURRENDERED
    referral.version += 1
    with history_reason(_("Surrender recorded"), by):
        referral.save(update_fields=["case", "subject", "status", "version"])
    _event(
        referral,
        ReferralStep.Kind.STATUS,
        by,
        case.number,
        from_status=previous,
        to_status=S.SURRENDERED,
    )
    for deadline in Deadline.objects.for_object(referral).filter(status=Deadline.Status.OPEN):
        from cases.deadlines.services import deadline_meet

        deadline_meet(deadline=deadline, by=by, reason=case.number)
    return case


# --- Transfers -----------------------------------------------------------------------------------


@transaction.atomic
def referral_transfer_request(
    *, referral: Referral, to_unit: Unit, by: User, reason: str
) -> ReferralTransfer:
    """Ask another unit (possibly of another governorate) to take the referral over. Refuses a
    transfer to the same unit, without a reason, or while another waits."""
    if not reason.strip():
        raise ReferralError(_("Give the reason for the transfer."))
    referral = _lock(referral)
    if to_unit.pk == referral.unit_id:
        raise ReferralError(_("The referral is already with this unit."))
    if referral.status not in rules.OPEN:
        raise ReferralError(_("This referral is no longer open."))
    try:
        with transaction.atomic():
            transfer = ReferralTransfer.objects.create(
                referral=referral,
                from_unit=referral.unit,
                to_unit=to_unit,
                reason=reason,
                requested_by=by,
            )
    except IntegrityError:
        raise ReferralError(_("A transfer of this referral is already waiting.")) from None
    _event(
        referral,
        ReferralStep.Kind.TRANSFER,
        by,
        _("Transfer requested to %(unit)s") % {"unit": to_unit},
    )
    return transfer


@transaction.atomic
def referral_transfer_decide(
    *, transfer: ReferralTransfer, by: User, accept: bool, note: str = ""
) -> ReferralTransfer:
    """The receiving unit accepts (the referral, its deadlines and its follow-up move to it) or
    declines (with a note). Refuses a decision by someone outside the receiving unit's
    governorate, and a transfer already decided."""
    transfer = (
        ReferralTransfer.objects.select_for_update().select_related("to_unit").get(pk=transfer.pk)
    )
    if transfer.status != ReferralTransfer.Status.PENDING:
        raise ReferralError(_("This transfer has already been decided."))
    if not by.sees_governorate(transfer.to_unit.governorate_id):
        raise PermissionDenied
    if not accept and not note.strip():
        raise ReferralError(_("Say why the transfer is declined."))
    transfer.status = (
        ReferralTransfer.Status.ACCEPTED if accept else ReferralTransfer.Status.DECLINED
    )
    transfer.decided_by, transfer.decided_at, transfer.decision_note = by, timezone.now(), note
    transfer.save()
    referral = _lock(transfer.referral)
    if accept:
        referral.unit = transfer.to_unit
        referral.governorate = transfer.to_unit.governorate
        referral.assigned_officer = by
        with history_reason(_("Transfer accepted"), by):
            referral.save(update_fields=["unit", "governorate", "assigned_officer"])
        Deadline.objects.for_object(referral).filter(status=Deadline.Status.OPEN).update(
            governorate=referral.governorate, responsible_unit=referral.unit, responsible_user=by
        )
    label = _("Transfer accepted by %(unit)s") if accept else _("Transfer declined by %(unit)s")
    _event(referral, ReferralStep.Kind.TRANSFER, by, label % {"unit": transfer.to_unit})
    return transfer


# --- The sealed source ---------------------------------------------------------------------------


def source_may_reveal(user: User, referral: Referral) -> bool:
    """Whether ``user`` may reveal the source: the permission, the referral's governorate, and,
    for a restricted referral, being its receiving officer or a supervisor of the governorate."""
    if not user.has_perm("referrals.reveal_source"):
        return False
    if not user.sees_governorate(referral.governorate_id):
        return False
    if referral.reveal_restricted:
        return user.pk == referral.received_by_id or user.has_perm("accounts.supervisor_desk")
    return True


def source_reveal(*, referral: Referral, by: User, reason: str, request=None) -> dict[str, str]:
    """The source's identity, for this one view, after checking who asks and why. Every reveal is
    written to the access log with the reason (and never the identity). Refuses a short reason
    and anyone who may not reveal it."""
    if len(reason.strip()) < 10:
        raise ReferralError(_("State the reason for revealing the source (at least a sentence)."))
    if not source_may_reveal(by, referral):
        access_log_record(
            action=AccessLogEntry.Action.REFUSED,
            request=request,
            user=by,
            obj=referral,
            reason="source reveal refused",
        )
        raise PermissionDenied
    access_log_record(
        action=AccessLogEntry.Action.REVEAL,
        request=request,
        user=by,
        obj=referral,
        reason=reason.strip(),
    )
    return {field: getattr(referral, field) or "" for field in SOURCE_FIELDS}
