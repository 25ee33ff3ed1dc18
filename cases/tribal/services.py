"""Writes of the tribal track: sheikhs, family links, disavowals, guarantees, settlements,
panels and petitions, clearance, return home, follow-up, protection, and the closing of a case.

Every state change is one service: it locks the row, checks the move is allowed, raises
:class:`TribalError` (with a message for the user) when it is not, and records who, when and why
(in the record's fields and, through ``history_reason``, in its change history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.models import Governorate, User
from cases.casefiles.models import Case
from cases.casefiles.services import CaseError, case_transition
from cases.deadlines.models import Deadline
from cases.deadlines.services import deadline_cancel, deadline_meet_for, deadline_open
from cases.people.models import Person
from cases.security.history import history_reason

from . import deadline_kinds as kinds
from . import rules
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
)

S = Case.Status


class TribalError(ValueError):
    """A change the rules refuse; the message is for the user (translated)."""


# --- Helpers -------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _need_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise TribalError(_("Give the reason: it stays in the record's history."))
    return reason.strip()


def _not_future(day: dt.date | None, field: str) -> None:
    if day and day > _today():
        raise ValidationError({field: _("This date cannot be in the future.")})


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


def _lock_case(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _refuse_closed(case: Case) -> None:
    if case.status == S.CLOSED:
        raise TribalError(_("The case is closed: nothing more is recorded on it."))


def _cancel_open_deadlines(record: models.Model, *, by: User | None, reason: str) -> None:
    for deadline in Deadline.objects.for_object(record).filter(
        status__in=[Deadline.Status.OPEN, Deadline.Status.MISSED], met_at__isnull=True
    ):
        deadline_cancel(deadline=deadline, by=by, reason=reason)


def _set(obj: models.Model, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(obj, field, value)


# --- Sheikhs -------------------------------------------------------------------------------------

SHEIKH_FIELDS = ("name_ar", "name_lat", "title", "tribe", "governorate", "district", "notes")


@transaction.atomic
def sheikh_create(*, data: dict[str, Any], by: User) -> Sheikh:
    """Record a sheikh or notable (never a user). Refuses a district outside his governorate."""
    sheikh = Sheikh(created_by=by, **{f: data[f] for f in SHEIKH_FIELDS if f in data})
    _check_district(sheikh.district, sheikh.governorate)
    sheikh.full_clean()
    with history_reason(_("Sheikh recorded"), by):
        sheikh.save()
    return sheikh


@transaction.atomic
def sheikh_update(*, sheikh: Sheikh, data: dict[str, Any], by: User, reason: str) -> Sheikh:
    """Correct a sheikh's record (or mark him inactive), with the reason in its history."""
    reason = _need_reason(reason)
    sheikh = Sheikh.objects.select_for_update().get(pk=sheikh.pk)
    _set(sheikh, {f: data[f] for f in (*SHEIKH_FIELDS, "is_active") if f in data})
    _check_district(sheikh.district, sheikh.governorate)
    sheikh.full_clean()
    with history_reason(reason, by):
        sheikh.save()
    return sheikh


def _check_district(district, governorate) -> None:
    if (
        district is not None
        and governorate is not None
        and district.governorate_id != governorate.pk
    ):
        raise ValidationError({"district": _("This district is not in that governorate.")})


# --- Family links --------------------------------------------------------------------------------


@transaction.atomic
def family_link_add(*, person: Person, relative: Person, relation: str, by: User) -> FamilyLink:
    """Record that ``relative`` is ``person``'s family (his ``relation``). Refuses linking a
    person to himself, a merged record, and a pair already linked (either way round)."""
    if person.pk == relative.pk:
        raise TribalError(_("A person cannot be linked to himself."))
    people = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[person.pk, relative.pk])
    }
    if any(p.merged_into_id for p in people.values()):
        raise TribalError(_("This record was merged into another: link the kept record."))
    if (
        FamilyLink.objects.current()
        .filter(
            models.Q(person=person, relative=relative) | models.Q(person=relative, relative=person)
        )
        .exists()
    ):
        raise TribalError(_("These two are already linked as family."))
    link = FamilyLink(person=person, relative=relative, relation=relation, recorded_by=by)
    link.full_clean()
    with history_reason(_("Family link recorded"), by):
        link.save()
    return link


@transaction.atomic
def family_link_remove(*, link: FamilyLink, by: User, reason: str) -> FamilyLink:
    """Remove a wrong family link. It stays on record, marked removed with who and why.
    Refuses a link already removed and a removal without a reason."""
    reason = _need_reason(reason)
    link = FamilyLink.objects.select_for_update().get(pk=link.pk)
    if link.removed_at:
        raise TribalError(_("This link has already been removed."))
    link.removed_at, link.removed_by, link.removed_reason = timezone.now(), by, reason
    with history_reason(reason, by):
        link.save(update_fields=["removed_at", "removed_by", "removed_reason"])
    return link


# --- Disavowals (bara'a) -------------------------------------------------------------------------

DISAVOWAL_FIELDS = (
    "filed_by",
    "filer_name",
    "filer_relation",
    "tribe",
    "sheikh",
    "filed_on",
    "document_reference",
    "registered_with",
    "statement",
)


@transaction.atomic
def disavowal_file(
    *, person: Person, governorate: Governorate, data: dict[str, Any], by: User
) -> Disavowal:
    """Record a disavowal filed against ``person``. Refuses a date in the future, a family
    member's disavowal without his name, and a tribe's without the tribe."""
    disavowal = Disavowal(
        person=person,
        governorate=governorate,
        recorded_by=by,
        **{f: data[f] for f in DISAVOWAL_FIELDS if f in data},
    )
    _not_future(disavowal.filed_on, "filed_on")
    if disavowal.filed_by == Disavowal.FiledBy.FAMILY and not disavowal.filer_name:
        raise ValidationError({"filer_name": _("Give the name of the family member who filed it.")})
    if disavowal.filed_by == Disavowal.FiledBy.TRIBE and disavowal.tribe is None:
        raise ValidationError({"tribe": _("Say which tribe or clan filed it.")})
    disavowal.full_clean()
    with history_reason(_("Disavowal recorded"), by):
        disavowal.save()
    return disavowal


@transaction.atomic
def disavowal_decide(
    *, disavowal: Disavowal, to_status: str, on: dt.date, by: User, reason: str
) -> Disavowal:
    """Record a disavowal upheld (it stands) or withdrawn (the family takes him back). Refuses
    a move the rules do not allow, a date in the future or before it was filed, and a decision
    without a reason."""
    reason = _need_reason(reason)
    disavowal = Disavowal.objects.select_for_update().get(pk=disavowal.pk)
    if not rules.can_move(rules.DISAVOWAL_MOVES, disavowal.status, to_status):
        raise TribalError(
            _("A disavowal that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": Disavowal.Status(disavowal.status).label,
                "to": Disavowal.Status(to_status).label,
            }
        )
    if on > _today() or on < disavowal.filed_on:
        raise TribalError(_("The date must lie between its filing and today."))
    disavowal.status, disavowal.decided_on = to_status, on
    disavowal.decided_by, disavowal.decision_reason = by, reason
    with history_reason(reason, by):
        disavowal.save(update_fields=["status", "decided_on", "decided_by", "decision_reason"])
    return disavowal


# --- Guarantees (kafala) -------------------------------------------------------------------------

GUARANTEE_FIELDS = (
    "guarantor_kind",
    "sheikh",
    "guarantor_name",
    "guarantor_relation",
    "tribe",
    "residence",
    "residence_district",
    "reporting_unit",
    "reporting_every_days",
    "other_terms",
    "starts_on",
    "ends_on",
    "document_reference",
)


def _open_report_deadline(guarantee: Guarantee, case: Case, by: User | None) -> None:
    due = guarantee.next_report_due
    if due is None:
        return
    deadline_open(
        kind=kinds.GUARANTEE_REPORT,
        record=guarantee,
        governorate=case.governorate,
        due_at=_end_of_day(due),
        responsible_user=case.assigned_officer,
        responsible_unit=guarantee.reporting_unit or case.receiving_unit,
        event_key=f"report-{due.isoformat()}",
        object_label=f"{case.number} · KF-{guarantee.pk}",
        by=by,
    )


@transaction.atomic
def guarantee_give(*, case: Case, data: dict[str, Any], by: User) -> Guarantee:
    """Record a guarantee (kafala) for the returnee of ``case``, and open the deadline of his
    first reporting date when the terms require reporting. Refuses a closed case, a sheikh's
    guarantee without the sheikh, a family's without the guarantor's name, reporting without
    the unit he reports to, and a period that ends before it starts."""
    case = _lock_case(case)
    _refuse_closed(case)
    guarantee = Guarantee(
        case=case, recorded_by=by, **{f: data[f] for f in GUARANTEE_FIELDS if f in data}
    )
    errors = {}
    if guarantee.guarantor_kind == Guarantee.GuarantorKind.SHEIKH and guarantee.sheikh is None:
        errors["sheikh"] = _("Choose the sheikh who guarantees him.")
    if guarantee.guarantor_kind == Guarantee.GuarantorKind.FAMILY and not guarantee.guarantor_name:
        errors["guarantor_name"] = _("Give the name of the family member who guarantees him.")
    if guarantee.reporting_every_days and guarantee.reporting_unit is None:
        errors["reporting_unit"] = _("Say where he must report.")
    if guarantee.starts_on and guarantee.ends_on and guarantee.ends_on < guarantee.starts_on:
        errors["ends_on"] = _("The guarantee cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    dates = rules.report_dates(
        guarantee.starts_on, guarantee.reporting_every_days, guarantee.ends_on
    )
    # Reporting dates already past when it is recorded late are not reopened as deadlines.
    upcoming = [d for d in dates if d >= _today()]
    guarantee.next_report_due = upcoming[0] if upcoming else None
    guarantee.full_clean()
    with history_reason(_("Guarantee recorded"), by):
        guarantee.save()
        _open_report_deadline(guarantee, case, by)
    return guarantee


def _lock_guarantee(guarantee: Guarantee) -> Guarantee:
    return (
        Guarantee.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=guarantee.pk)
    )


@transaction.atomic
def guarantee_record_report(
    *, guarantee: Guarantee, reported_on: dt.date, by: User, note: str = ""
) -> GuaranteeReport:
    """Record that he reported: meets the reporting date due (late if it was missed) and opens
    the next one. Refuses a guarantee no longer in force, and a date in the future or before
    the guarantee began."""
    guarantee = _lock_guarantee(guarantee)
    if guarantee.status != Guarantee.Status.ACTIVE:
        raise TribalError(_("The guarantee is no longer in force."))
    if reported_on > _today() or reported_on < guarantee.starts_on:
        raise TribalError(_("The date must lie between the start of the guarantee and today."))
    due = guarantee.next_report_due
    report = GuaranteeReport(
        guarantee=guarantee, due_on=due, reported_on=reported_on, note=note, recorded_by=by
    )
    report.full_clean()
    with history_reason(_("Reported under the guarantee"), by):
        report.save()
        if due is not None:
            deadline_meet_for(
                kind=kinds.GUARANTEE_REPORT,
                record=guarantee,
                event_key=f"report-{due.isoformat()}",
                by=by,
                reason=_("He reported"),
            )
            following = rules.next_report_date(
                due, guarantee.reporting_every_days, guarantee.ends_on
            )
            # Reporting late does not shift the schedule, but a date already past is not due.
            while following is not None and following < reported_on:
                following = rules.next_report_date(
                    following, guarantee.reporting_every_days, guarantee.ends_on
                )
            guarantee.next_report_due = following
            guarantee.save(update_fields=["next_report_due"])
            _open_report_deadline(guarantee, guarantee.case, by)
    return report


BREACH_FIELDS = ("kind", "occurred_on", "description", "action_taken")


@transaction.atomic
def guarantee_record_breach(
    *, guarantee: Guarantee, data: dict[str, Any], by: User
) -> GuaranteeBreach:
    """Record a breach of the guarantee's terms (it stays on record). Refuses a guarantee no
    longer in force, and a date in the future or before the guarantee began."""
    guarantee = _lock_guarantee(guarantee)
    if guarantee.status != Guarantee.Status.ACTIVE:
        raise TribalError(_("The guarantee is no longer in force."))
    breach = GuaranteeBreach(
        guarantee=guarantee, recorded_by=by, **{f: data[f] for f in BREACH_FIELDS if f in data}
    )
    if breach.occurred_on and (
        breach.occurred_on > _today() or breach.occurred_on < guarantee.starts_on
    ):
        raise TribalError(_("The date must lie between the start of the guarantee and today."))
    breach.full_clean()
    with history_reason(_("Breach of the guarantee recorded"), by):
        breach.save()
    return breach


@transaction.atomic
def guarantee_end(
    *, guarantee: Guarantee, to_status: str, on: dt.date, by: User, reason: str
) -> Guarantee:
    """End a guarantee: completed, revoked (only after a recorded breach) or withdrawn by the
    guarantor. Its open reporting deadline is cancelled. Refuses a guarantee already ended, a
    date in the future or before it began, and an end without a reason."""
    reason = _need_reason(reason)
    guarantee = _lock_guarantee(guarantee)
    if not rules.can_move(rules.GUARANTEE_MOVES, guarantee.status, to_status):
        raise TribalError(_("This guarantee has already ended."))
    if on > _today() or on < guarantee.starts_on:
        raise TribalError(_("The date must lie between the start of the guarantee and today."))
    if to_status == Guarantee.Status.REVOKED and not guarantee.breaches.exists():
        raise TribalError(_("A guarantee is revoked after a breach: record the breach first."))
    guarantee.status, guarantee.ended_on = to_status, on
    guarantee.ended_by, guarantee.end_reason = by, reason
    guarantee.next_report_due = None
    with history_reason(reason, by):
        guarantee.save(
            update_fields=["status", "ended_on", "ended_by", "end_reason", "next_report_due"]
        )
        _cancel_open_deadlines(guarantee, by=by, reason=reason)
    return guarantee


# --- Reconciliation settlements (sulh) -----------------------------------------------------------

SETTLEMENT_FIELDS = (
    "victim_party",
    "victim_tribe",
    "offender_tribe",
    "mediator",
    "terms",
    "compensation_amount",
    "compensation_currency",
    "waiver_needed",
    "amnesty_reference",
)


@transaction.atomic
def settlement_open(*, case: Case, data: dict[str, Any], by: User) -> Settlement:
    """Record a settlement being negotiated with the victims' side. Refuses a closed case."""
    case = _lock_case(case)
    _refuse_closed(case)
    settlement = Settlement(
        case=case, recorded_by=by, **{f: data[f] for f in SETTLEMENT_FIELDS if f in data}
    )
    settlement.full_clean()
    with history_reason(_("Settlement recorded"), by):
        settlement.save()
    return settlement


def _lock_settlement(settlement: Settlement) -> Settlement:
    return (
        Settlement.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=settlement.pk)
    )


@transaction.atomic
def settlement_move(
    *, settlement: Settlement, to_status: str, on: dt.date, by: User, reason: str
) -> Settlement:
    """Move a settlement on: agreed, fulfilled (only with the waiver its amnesty needs and the
    compensation paid) or failed. Refuses a move the rules do not allow, a date in the future,
    and a move without a reason."""
    reason = _need_reason(reason)
    settlement = _lock_settlement(settlement)
    if not rules.can_move(rules.SETTLEMENT_MOVES, settlement.status, to_status):
        raise TribalError(
            _("A settlement that is “%(from)s” cannot become “%(to)s”.")
            % {
                "from": Settlement.Status(settlement.status).label,
                "to": Settlement.Status(to_status).label,
            }
        )
    if on > _today():
        raise TribalError(_("This date cannot be in the future."))
    if to_status == Settlement.Status.FULFILLED:
        missing = rules.settlement_missing(
            waiver_needed=settlement.waiver_needed,
            waiver_given=settlement.waiver_given_on is not None,
            compensation_due=bool(settlement.compensation_amount),
            compensation_paid=settlement.compensation_paid_on is not None,
        )
        if missing:
            raise TribalError(
                _("The settlement is not fulfilled yet: record %(missing)s first.")
                % {"missing": _(" and ").join(missing)}
            )
    settlement.status, settlement.status_changed_on = to_status, on
    settlement.status_changed_by, settlement.status_reason = by, reason
    with history_reason(reason, by):
        settlement.save(
            update_fields=["status", "status_changed_on", "status_changed_by", "status_reason"]
        )
    return settlement


@transaction.atomic
def settlement_record_waiver(
    *, settlement: Settlement, given_on: dt.date, document: str, by: User
) -> Settlement:
    """Record the victim's (or his family's) waiver under an agreed settlement. Refuses a
    settlement not agreed, a waiver already recorded, a date in the future, and no document."""
    settlement = _lock_settlement(settlement)
    if settlement.status != Settlement.Status.AGREED:
        raise TribalError(_("A waiver is recorded once the settlement is agreed."))
    if settlement.waiver_given_on:
        raise TribalError(_("The waiver has already been recorded."))
    if given_on > _today():
        raise TribalError(_("This date cannot be in the future."))
    if not document.strip():
        raise TribalError(_("Give the reference of the waiver document."))
    settlement.waiver_given_on, settlement.waiver_document = given_on, document.strip()
    with history_reason(_("Victim's waiver recorded"), by):
        settlement.save(update_fields=["waiver_given_on", "waiver_document"])
    return settlement


@transaction.atomic
def settlement_record_payment(*, settlement: Settlement, paid_on: dt.date, by: User) -> Settlement:
    """Record the compensation paid under an agreed settlement. Refuses a settlement not agreed,
    one with no compensation, a payment already recorded, and a date in the future."""
    settlement = _lock_settlement(settlement)
    if settlement.status != Settlement.Status.AGREED:
        raise TribalError(_("A payment is recorded once the settlement is agreed."))
    if not settlement.compensation_amount:
        raise TribalError(_("This settlement sets no compensation."))
    if settlement.compensation_paid_on:
        raise TribalError(_("The payment has already been recorded."))
    if paid_on > _today():
        raise TribalError(_("This date cannot be in the future."))
    settlement.compensation_paid_on = paid_on
    with history_reason(_("Compensation paid"), by):
        settlement.save(update_fields=["compensation_paid_on"])
    return settlement


# --- Panels, sittings and petitions --------------------------------------------------------------

PANEL_FIELDS = ("name", "governorate", "district", "established_on", "notes")


@transaction.atomic
def panel_create(*, data: dict[str, Any], by: User) -> Panel:
    """Record a panel. Refuses a district outside its governorate and a date in the future."""
    panel = Panel(created_by=by, **{f: data[f] for f in PANEL_FIELDS if f in data})
    _check_district(panel.district, panel.governorate)
    _not_future(panel.established_on, "established_on")
    panel.full_clean()
    with history_reason(_("Panel recorded"), by):
        panel.save()
    return panel


MEMBER_FIELDS = ("kind", "role", "name", "rank_or_title", "sheikh", "unit", "since")


@transaction.atomic
def panel_member_add(*, panel: Panel, data: dict[str, Any], by: User) -> PanelMember:
    """Seat a member on a panel. Refuses a second chair while one sits, a tribal leader seat
    given to a sheikh of another governorate, and a panel no longer sitting."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not panel.is_active:
        raise TribalError(_("This panel no longer sits."))
    member = PanelMember(
        panel=panel, recorded_by=by, **{f: data[f] for f in MEMBER_FIELDS if f in data}
    )
    if member.sheikh is not None and not member.name:
        member.name = member.sheikh.name_ar
    seated = panel.members.filter(until__isnull=True)
    if (
        member.role == PanelMember.Role.CHAIR
        and seated.filter(role=PanelMember.Role.CHAIR).exists()
    ):
        raise ValidationError({"role": _("The panel already has a chair.")})
    if member.sheikh is not None and member.sheikh.governorate_id != panel.governorate_id:
        raise ValidationError({"sheikh": _("This sheikh is recorded in another governorate.")})
    member.full_clean()
    with history_reason(_("Panel member seated"), by):
        member.save()
    return member


@transaction.atomic
def panel_member_leave(*, member: PanelMember, on: dt.date, by: User, reason: str) -> PanelMember:
    """Record that a member left the panel. Refuses a member who already left, a date in the
    future or before he was seated, and no reason."""
    reason = _need_reason(reason)
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if member.until:
        raise TribalError(_("This member has already left the panel."))
    if on > _today() or on < member.since:
        raise TribalError(_("The date must lie between his seating and today."))
    member.until = on
    with history_reason(reason, by):
        member.save(update_fields=["until"])
    return member


def _open_sitting_deadline(sitting: PanelSitting, panel: Panel, by: User) -> None:
    deadline_open(
        kind=kinds.PANEL_SITTING,
        record=sitting,
        governorate=panel.governorate,
        due_at=sitting.scheduled_at,
        responsible_user=by,
        responsible_unit=by.unit,
        event_key="sitting",
        object_label=f"{panel.name} · {timezone.localtime(sitting.scheduled_at):%Y-%m-%d}",
        by=by,
    )


@transaction.atomic
def sitting_schedule(
    *, panel: Panel, scheduled_at: dt.datetime, place: str, by: User
) -> PanelSitting:
    """Schedule a sitting of a panel; its date is a deadline with reminders. Refuses a panel no
    longer sitting."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not panel.is_active:
        raise TribalError(_("This panel no longer sits."))
    sitting = PanelSitting(panel=panel, scheduled_at=scheduled_at, place=place, recorded_by=by)
    sitting.full_clean()
    with history_reason(_("Sitting scheduled"), by):
        sitting.save()
        _open_sitting_deadline(sitting, panel, by)
    return sitting


def _lock_sitting(sitting: PanelSitting) -> PanelSitting:
    return (
        PanelSitting.objects.select_for_update(of=("self",))
        .select_related("panel")
        .get(pk=sitting.pk)
    )


@transaction.atomic
def sitting_record_held(
    *,
    sitting: PanelSitting,
    held_at: dt.datetime,
    members_present: Iterable[PanelMember],
    minutes: str,
    by: User,
) -> PanelSitting:
    """Record that a scheduled sitting was held, who sat and the minutes; meets its deadline.
    Refuses a sitting not scheduled, a time in the future, and members of another panel."""
    sitting = _lock_sitting(sitting)
    if not rules.can_move(rules.SITTING_MOVES, sitting.status, PanelSitting.Status.HELD):
        raise TribalError(_("Only a scheduled sitting can be recorded as held."))
    if held_at > timezone.now() + dt.timedelta(minutes=5):
        raise TribalError(_("A sitting cannot be recorded as held in the future."))
    members = list(members_present)
    if any(m.panel_id != sitting.panel_id for m in members):
        raise TribalError(_("Only the panel's own members can be present."))
    sitting.status, sitting.held_at, sitting.minutes = PanelSitting.Status.HELD, held_at, minutes
    sitting.status_changed_by = by
    with history_reason(_("Sitting held"), by):
        sitting.save(update_fields=["status", "held_at", "minutes", "status_changed_by"])
        sitting.members_present.set(members)
    deadline_meet_for(
        kind=kinds.PANEL_SITTING, record=sitting, event_key="sitting", by=by, reason=_("Held")
    )
    return sitting


@transaction.atomic
def sitting_call_off(
    *,
    sitting: PanelSitting,
    by: User,
    reason: str,
    new_scheduled_at: dt.datetime | None = None,
) -> PanelSitting | None:
    """Postpone a scheduled sitting to ``new_scheduled_at`` (a new sitting, to which its
    petitions move) or, without a new time, cancel it (its petitions go back to waiting for a
    sitting). Its deadline is cancelled. Returns the new sitting, if any. Refuses a sitting not
    scheduled, a new time not after the old one, and no reason."""
    reason = _need_reason(reason)
    sitting = _lock_sitting(sitting)
    if sitting.status != PanelSitting.Status.SCHEDULED:
        raise TribalError(_("Only a scheduled sitting can be postponed or cancelled."))
    if new_scheduled_at is not None and new_scheduled_at <= sitting.scheduled_at:
        raise TribalError(_("A postponed sitting must be later than the one it replaces."))
    status = PanelSitting.Status.POSTPONED if new_scheduled_at else PanelSitting.Status.CANCELLED
    sitting.status, sitting.status_reason, sitting.status_changed_by = status, reason, by
    new = None
    with history_reason(reason, by):
        sitting.save(update_fields=["status", "status_reason", "status_changed_by"])
        _cancel_open_deadlines(sitting, by=by, reason=reason)
        listed = Petition.objects.filter(sitting=sitting, status=Petition.Status.LISTED)
        if new_scheduled_at is not None:
            new = sitting_schedule(
                panel=sitting.panel, scheduled_at=new_scheduled_at, place=sitting.place, by=by
            )
            listed.update(sitting=new)
        else:
            listed.update(sitting=None, status=Petition.Status.FILED)
    return new


PETITION_FIELDS = (
    "filed_by",
    "filer_name",
    "filed_on",
    "joining",
    "coercion_details",
    "declares_no_killing",
    "information_given",
    "request",
)


@transaction.atomic
def petition_file(*, case: Case, panel: Panel, data: dict[str, Any], by: User) -> Petition:
    """Record a petition for forgiveness by him or for him to a panel. Refuses a closed case, a
    panel of another governorate or no longer sitting, a date in the future, and a claim of
    coercion that does not say how."""
    case = _lock_case(case)
    _refuse_closed(case)
    if panel.governorate_id != case.governorate_id:
        raise ValidationError({"panel": _("The panel must sit in the case's governorate.")})
    if not panel.is_active:
        raise ValidationError({"panel": _("This panel no longer sits.")})
    petition = Petition(
        case=case,
        panel=panel,
        recorded_by=by,
        **{f: data[f] for f in PETITION_FIELDS if f in data},
    )
    _not_future(petition.filed_on, "filed_on")
    if petition.joining == Petition.Joining.COERCED and not petition.coercion_details.strip():
        raise ValidationError({"coercion_details": _("Say how he says he was coerced.")})
    if petition.filed_by != Petition.FiledBy.SELF and not petition.filer_name.strip():
        raise ValidationError({"filer_name": _("Give the name of who filed it for him.")})
    petition.full_clean()
    with history_reason(_("Petition recorded"), by):
        petition.save()
    return petition


def _lock_petition(petition: Petition) -> Petition:
    return (
        Petition.objects.select_for_update(of=("self",)).select_related("case").get(pk=petition.pk)
    )


@transaction.atomic
def petition_list(*, petition: Petition, sitting: PanelSitting, by: User) -> Petition:
    """List a petition for a scheduled sitting of its panel (or move it to another). Refuses a
    petition decided or withdrawn, and a sitting of another panel or not scheduled."""
    petition = _lock_petition(petition)
    if not rules.can_move(rules.PETITION_MOVES, petition.status, Petition.Status.LISTED):
        raise TribalError(_("This petition can no longer be listed."))
    if sitting.panel_id != petition.panel_id:
        raise TribalError(_("The sitting is of another panel."))
    if sitting.status != PanelSitting.Status.SCHEDULED:
        raise TribalError(_("A petition is listed for a scheduled sitting."))
    petition.status, petition.sitting = Petition.Status.LISTED, sitting
    with history_reason(_("Petition listed for a sitting"), by):
        petition.save(update_fields=["status", "sitting"])
    return petition


@transaction.atomic
def petition_decide(
    *,
    petition: Petition,
    recommendation: str,
    reasons: str,
    evidence_for_commutation: bool = False,
    to_court: bool = False,
    to_committee: bool = False,
    by: User,
) -> Petition:
    """Record the panel's recommendation on a petition heard at a held sitting, and what it is
    for in his case (evidence for commutation, a recommendation to the court or to the amnesty
    committee). Refuses a petition not listed, a sitting not held, no reasons, and a refusal
    presented as evidence or recommendation for him."""
    reasons = reasons.strip()
    if not reasons:
        raise TribalError(_("Give the panel's reasons: the court and the committee read them."))
    petition = _lock_petition(petition)
    if not rules.can_move(rules.PETITION_MOVES, petition.status, Petition.Status.DECIDED):
        raise TribalError(_("Only a petition listed for a sitting can be decided."))
    sitting = PanelSitting.objects.get(pk=petition.sitting_id)
    if sitting.status != PanelSitting.Status.HELD:
        raise TribalError(_("Record the sitting as held before its recommendations."))
    if recommendation == Petition.Recommendation.REJECT and (
        evidence_for_commutation or to_court or to_committee
    ):
        raise TribalError(_("A petition not forgiven is no evidence or recommendation for him."))
    petition.status, petition.recommendation = Petition.Status.DECIDED, recommendation
    petition.recommendation_text = reasons
    petition.evidence_for_commutation = evidence_for_commutation
    petition.to_court, petition.to_committee = to_court, to_committee
    petition.decided_at, petition.decided_by = sitting.held_at or timezone.now(), by
    petition.full_clean()
    with history_reason(_("Panel's recommendation recorded"), by):
        petition.save()
    return petition


@transaction.atomic
def petition_withdraw(*, petition: Petition, by: User, reason: str) -> Petition:
    """Record a petition withdrawn by whoever filed it. Refuses one decided or withdrawn."""
    reason = _need_reason(reason)
    petition = _lock_petition(petition)
    if not rules.can_move(rules.PETITION_MOVES, petition.status, Petition.Status.WITHDRAWN):
        raise TribalError(_("This petition can no longer be withdrawn."))
    petition.status, petition.status_reason = Petition.Status.WITHDRAWN, reason
    with history_reason(reason, by):
        petition.save(update_fields=["status", "status_reason"])
    return petition


# --- Security clearance --------------------------------------------------------------------------


@transaction.atomic
def clearance_request(
    *, case: Case, requested_on: dt.date, requested_from: str, note: str, by: User
) -> Clearance:
    """Record a request for security clearance. Refuses a closed case, a request while another
    is pending, and a date in the future."""
    case = _lock_case(case)
    _refuse_closed(case)
    if case.clearances.filter(status=Clearance.Status.REQUESTED).exists():
        raise TribalError(_("A clearance request is already pending for this case."))
    _not_future(requested_on, "requested_on")
    clearance = Clearance(
        case=case,
        requested_on=requested_on,
        requested_from=requested_from,
        request_note=note,
        requested_by=by,
    )
    clearance.full_clean()
    with history_reason(_("Security clearance requested"), by):
        clearance.save()
    return clearance


@transaction.atomic
def clearance_decide(
    *,
    clearance: Clearance,
    granted: bool,
    decided_on: dt.date,
    authority: str,
    reason: str,
    reference: str = "",
    by: User,
) -> Clearance:
    """Record the security authority's decision: granted or denied, by whom and why. Refuses a
    request already decided, a date in the future or before the request, and a decision
    without the authority or the reason."""
    reason = _need_reason(reason)
    if not authority.strip():
        raise TribalError(_("Say which authority decided."))
    clearance = (
        Clearance.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=clearance.pk)
    )
    if clearance.status != Clearance.Status.REQUESTED:
        raise TribalError(_("This clearance has already been decided."))
    if decided_on > _today() or decided_on < clearance.requested_on:
        raise TribalError(_("The date must lie between the request and today."))
    clearance.status = Clearance.Status.GRANTED if granted else Clearance.Status.DENIED
    clearance.decided_on, clearance.decided_by_authority = decided_on, authority.strip()
    clearance.decision_reference, clearance.decision_reason = reference, reason
    clearance.decision_recorded_by = by
    with history_reason(reason, by):
        clearance.save()
    return clearance


# --- Return home, follow-up and protection -------------------------------------------------------

RETURN_FIELDS = (
    "returned_on",
    "governorate",
    "district",
    "locality",
    "visit_every_days",
    "notes",
)


def _open_visit_deadline(visit: FollowUpVisit, case: Case, by: User | None) -> None:
    deadline_open(
        kind=kinds.FOLLOW_UP_VISIT,
        record=visit,
        governorate=case.governorate,
        due_at=_end_of_day(visit.due_on),
        responsible_user=visit.case_worker,
        responsible_unit=case.receiving_unit,
        event_key="visit",
        object_label=f"{case.number} · VS-{visit.pk}",
        by=by,
    )


@transaction.atomic
def return_record(
    *,
    case: Case,
    clearance: Clearance,
    data: dict[str, Any],
    by: User,
    guarantee: Guarantee | None = None,
    case_worker: User | None = None,
) -> ReturnHome:
    """Record that he went home: where and when, on a granted clearance, under a guarantee in
    force if there is one. The case moves to reintegration and the first follow-up visit is
    planned (a deadline for the case worker). Refuses a man still held, a second return, a
    clearance not granted or of another case, a date before the clearance or in the future,
    and a guarantee of another case or no longer in force."""
    case = _lock_case(case)
    if case.status not in rules.RETURNABLE:
        raise TribalError(_("He goes home once released, amnestied or conditionally released."))
    if ReturnHome.objects.filter(case=case).exists():
        raise TribalError(_("His return home is already recorded."))
    # Read afresh: the decision may have been recorded since these objects were loaded.
    clearance = Clearance.objects.filter(pk=clearance.pk).first() or clearance
    if guarantee is not None:
        guarantee = Guarantee.objects.filter(pk=guarantee.pk).first() or guarantee
    if clearance.case_id != case.pk or clearance.status != Clearance.Status.GRANTED:
        raise ValidationError({"clearance": _("He goes home on a security clearance granted.")})
    if guarantee is not None and (
        guarantee.case_id != case.pk or guarantee.status != Guarantee.Status.ACTIVE
    ):
        raise ValidationError({"guarantee": _("Choose a guarantee of his in force.")})
    home = ReturnHome(
        case=case,
        clearance=clearance,
        guarantee=guarantee,
        recorded_by=by,
        **{f: data[f] for f in RETURN_FIELDS if f in data},
    )
    _not_future(home.returned_on, "returned_on")
    if home.returned_on and home.returned_on < clearance.decided_on:
        raise ValidationError({"returned_on": _("He cannot go home before his clearance.")})
    _check_district(home.district, home.governorate)
    home.full_clean()
    with history_reason(_("Returned home"), by):
        home.save()
        if case.status != S.REINTEGRATION:
            try:
                case = case_transition(
                    case=case, to_status=S.REINTEGRATION, by=by, reason=_("Returned home")
                )
            except CaseError as error:
                raise TribalError(str(error)) from error
        first_due = max(home.returned_on + dt.timedelta(days=home.visit_every_days), _today())
        _plan_visit(case, first_due, case_worker or case.assigned_officer or by, by)
    return home


def _plan_visit(case: Case, due_on: dt.date, case_worker: User, by: User) -> FollowUpVisit:
    visit = FollowUpVisit(case=case, due_on=due_on, case_worker=case_worker, recorded_by=by)
    visit.full_clean()
    visit.save()
    _open_visit_deadline(visit, case, by)
    return visit


@transaction.atomic
def visit_plan(*, case: Case, due_on: dt.date, case_worker: User, by: User) -> FollowUpVisit:
    """Plan a follow-up visit (a deadline for the case worker). Refuses a case not in
    reintegration, one whose return is not recorded, a date before his return, and a case
    worker outside the case's governorate."""
    case = _lock_case(case)
    if case.status != S.REINTEGRATION:
        raise TribalError(_("Follow-up visits are planned while the case is in reintegration."))
    home = ReturnHome.objects.filter(case=case).first()
    if home is None:
        raise TribalError(_("Record his return home first."))
    if due_on < home.returned_on:
        raise ValidationError({"due_on": _("A visit cannot be due before his return home.")})
    if not case_worker.sees_governorate(case.governorate_id):
        raise ValidationError({"case_worker": _("The case worker must work in this governorate.")})
    with history_reason(_("Follow-up visit planned"), by):
        return _plan_visit(case, due_on, case_worker, by)


def _lock_visit(visit: FollowUpVisit) -> FollowUpVisit:
    return (
        FollowUpVisit.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=visit.pk)
    )


@transaction.atomic
def visit_record(
    *,
    visit: FollowUpVisit,
    visited_on: dt.date,
    outcome: str,
    notes: str,
    by: User,
    next_due_on: dt.date | None = None,
) -> FollowUpVisit:
    """Record a planned visit made, with its outcome; meets its deadline and plans the next
    visit when a date is given. Refuses a visit not planned, a date in the future or before
    his return, a next visit not after this one, and an outcome that needs notes without them."""
    visit = _lock_visit(visit)
    if visit.status != FollowUpVisit.Status.PLANNED:
        raise TribalError(_("This visit is no longer planned."))
    home = ReturnHome.objects.get(case_id=visit.case_id)
    if visited_on > _today() or visited_on < home.returned_on:
        raise ValidationError({"visited_on": _("The date must lie between his return and today.")})
    if next_due_on is not None and next_due_on <= visited_on:
        raise ValidationError({"next_due_on": _("The next visit must come after this one.")})
    if outcome != FollowUpVisit.Outcome.SETTLED and not notes.strip():
        raise ValidationError({"notes": _("Say what the case worker found.")})
    visit.status, visit.visited_on, visit.outcome = FollowUpVisit.Status.DONE, visited_on, outcome
    visit.notes, visit.recorded_by = notes, by
    visit.full_clean()
    with history_reason(_("Follow-up visit made"), by):
        visit.save()
        deadline_meet_for(
            kind=kinds.FOLLOW_UP_VISIT, record=visit, event_key="visit", by=by, reason=outcome
        )
        if next_due_on is not None:
            _plan_visit(visit.case, next_due_on, visit.case_worker, by)
    return visit


@transaction.atomic
def visit_cancel(*, visit: FollowUpVisit, by: User, reason: str) -> FollowUpVisit:
    """Cancel a planned visit (and its deadline). Refuses a visit not planned, and no reason."""
    reason = _need_reason(reason)
    visit = _lock_visit(visit)
    if visit.status != FollowUpVisit.Status.PLANNED:
        raise TribalError(_("This visit is no longer planned."))
    visit.status, visit.notes = FollowUpVisit.Status.CANCELLED, reason
    with history_reason(reason, by):
        visit.save(update_fields=["status", "notes"])
        _cancel_open_deadlines(visit, by=by, reason=reason)
    return visit


PROTECTION_FIELDS = ("kind", "protected", "details", "starts_on")


@transaction.atomic
def protection_start(*, case: Case, data: dict[str, Any], by: User) -> ProtectionMeasure:
    """Record a measure protecting his family. Refuses a closed case."""
    case = _lock_case(case)
    _refuse_closed(case)
    measure = ProtectionMeasure(
        case=case, recorded_by=by, **{f: data[f] for f in PROTECTION_FIELDS if f in data}
    )
    measure.full_clean()
    with history_reason(_("Protection measure recorded"), by):
        measure.save()
    return measure


@transaction.atomic
def protection_end(
    *, measure: ProtectionMeasure, on: dt.date, by: User, reason: str
) -> ProtectionMeasure:
    """End a protection measure. Refuses one already ended, a date in the future or before it
    started, and no reason."""
    reason = _need_reason(reason)
    measure = ProtectionMeasure.objects.select_for_update().get(pk=measure.pk)
    if measure.status != ProtectionMeasure.Status.ACTIVE:
        raise TribalError(_("This measure has already ended."))
    if on > _today() or on < measure.starts_on:
        raise TribalError(_("The date must lie between its start and today."))
    measure.status, measure.ends_on = ProtectionMeasure.Status.ENDED, on
    measure.end_reason, measure.ended_by = reason, by
    with history_reason(reason, by):
        measure.save(update_fields=["status", "ends_on", "end_reason", "ended_by"])
    return measure


# --- Closing the case ----------------------------------------------------------------------------


def reintegration_state(case: Case) -> rules.ReintegrationState:
    """What the closing of ``case`` looks at, read from the database."""
    last = (
        case.follow_up_visits.filter(status=FollowUpVisit.Status.DONE)
        .order_by("-visited_on", "-pk")
        .values_list("outcome", flat=True)
        .first()
    )
    visits = case.follow_up_visits.aggregate(
        done=models.Count("pk", filter=models.Q(status=FollowUpVisit.Status.DONE)),
        planned=models.Count("pk", filter=models.Q(status=FollowUpVisit.Status.PLANNED)),
    )
    return rules.ReintegrationState(
        case_status=case.status,
        returned=ReturnHome.objects.filter(case=case).exists(),
        visits_done=visits["done"],
        visits_planned=visits["planned"],
        protection_active=case.protection_measures.filter(
            status=ProtectionMeasure.Status.ACTIVE
        ).count(),
        guarantees_active=case.guarantees.filter(status=Guarantee.Status.ACTIVE).count(),
        last_outcome=last or "",
    )


@transaction.atomic
def reintegration_complete(*, case: Case, by: User, reason: str) -> Case:
    """Close the case: his reintegration is complete. Goes through the case pipeline
    (reintegration → closed). Refuses while anything of his return is still open (see
    :func:`rules.reintegration_blockers`: the message lists it all) and without a reason."""
    reason = _need_reason(reason)
    case = _lock_case(case)
    blockers = rules.reintegration_blockers(reintegration_state(case))
    if blockers:
        raise TribalError(_("The case cannot be closed yet: %(why)s") % {"why": " ".join(blockers)})
    try:
        return case_transition(case=case, to_status=S.CLOSED, by=by, reason=reason)
    except CaseError as error:
        raise TribalError(str(error)) from error
