"""Writes of the casefiles app: intake, the pipeline, screening, weapons, custody, edits.

Every state change is one service: it locks the case row, checks the move is allowed, raises
:class:`CaseError` (with a message for the user) when it is not, and records who, when and why.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.models import Unit, User
from cases.deadlines.models import Deadline
from cases.deadlines.services import (
    deadline_cancel,
    deadline_meet_for,
    deadline_move,
    deadline_open,
)
from cases.people.models import Person
from cases.people.services import (
    duplicates_find_for,
    person_add_spellings,
    person_create,
    person_update,
)
from cases.security.history import history_reason

from . import deadline_kinds as kinds
from . import rules
from .models import (
    Case,
    CaseNumberSequence,
    CaseStatusChange,
    CustodyRule,
    DetentionOrder,
    Intake,
    Screening,
    WeaponCustodyEntry,
    WeaponItem,
)

S = Case.Status


class CaseError(ValueError):
    """A change the rules refuse; the message is for the user (translated)."""


class ConflictError(CaseError):
    """Someone else saved the case since this edit began."""

    def __init__(self, message: str, current: Case) -> None:
        super().__init__(message)
        self.current = current


def _context(by: User | None, reason: str):
    return history_reason(reason, by)


# --- Numbering ---------------------------------------------------------------------------------


def sequence_next(sequence_model, *, governorate, year: int) -> int:
    """The next value of a per-governorate, per-year counter kept in ``sequence_model`` (a model
    with governorate, year and last_value, unique on the first two). One statement that
    increments and returns under the row's lock: two callers at once never share a value."""
    table = connection.ops.quote_name(sequence_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (governorate_id, year, last_value) VALUES (%s, %s, 1)
            ON CONFLICT (governorate_id, year) DO UPDATE SET last_value = {table}.last_value + 1
            RETURNING last_value
            """,  # noqa: S608 - the table name comes from the model, never from input
            [governorate.pk, year],
        )
        return cursor.fetchone()[0]


def case_number_next(*, governorate, year: int) -> str:
    """The next case number of a governorate's year, e.g. ``ANB-2017-00042``."""
    value = sequence_next(CaseNumberSequence, governorate=governorate, year=year)
    return f"{governorate.code}-{year}-{value:05d}"


# --- Intake ------------------------------------------------------------------------------------


def _apply_age(intake: Intake, person: Person) -> None:
    age = person.age_on(intake.acts_from)
    intake.age_at_acts = age
    intake.age_band = rules.age_band(age)
    intake.is_juvenile = intake.age_band in rules.JUVENILE_BANDS


@transaction.atomic
def case_record_intake(
    *,
    person: Person | None = None,
    person_data: dict[str, Any] | None = None,
    aliases: list[str] = (),
    kind: str,
    receiving_unit: Unit,
    intake_data: dict[str, Any],
    assigned_officer: User | None = None,
    by: User,
) -> Case:
    """Open a case for a person who came in: register him (or take the person found by name
    matching), number the case, record the intake, and open the 24-hour deadline for his papers
    to reach an investigating judge (not for a deserter returning to his unit).

    Refuses an intake dated in the future and an affiliation period that ends before it starts.
    """
    at = intake_data["at"]
    if at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"at": _("The intake cannot be dated in the future.")})
    start, end = intake_data.get("affiliated_from"), intake_data.get("affiliated_until")
    if start and end and end < start:
        raise ValidationError(
            {"affiliated_until": _("The affiliation cannot end before it began.")}
        )
    governorate = receiving_unit.governorate
    if person is None:
        person = person_create(
            data=person_data or {}, governorate=governorate, by=by, aliases=list(aliases)
        )
        duplicates_find_for(person=person)  # proposed to a supervisor, never merged by itself
    else:
        person_add_spellings(person=person, data=person_data or {}, aliases=list(aliases))
    case = Case(
        number=case_number_next(governorate=governorate, year=timezone.localdate(at).year),
        person=person,
        kind=kind,
        governorate=governorate,
        receiving_unit=receiving_unit,
        assigned_officer=assigned_officer or by,
        status=rules.initial_status(kind),
        opened_at=at,
    )
    case.full_clean()
    with _context(by, _("Intake recorded")):
        case.save()
        intake = Intake(case=case, receiving_officer=by, **intake_data)
        _apply_age(intake, person)
        intake.full_clean()
        intake.save()
    CaseStatusChange.objects.create(
        case=case, to_status=case.status, at=at, by=by, reason=_("Intake recorded")
    )
    if kind != Case.Kind.DESERTER_RETURN:
        deadline_open(
            kind=kinds.JUDGE_24H,
            record=case,
            governorate=governorate,
            event_at=at,
            responsible_unit=receiving_unit,
            responsible_user=case.assigned_officer,
            event_key="intake",
            by=by,
        )
    return case


# --- The pipeline ------------------------------------------------------------------------------


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_transition(*, case: Case, to_status: str, by: User | None, reason: str) -> Case:
    """Move a case along the pipeline. Refuses a move the pipeline does not allow (the message
    names the allowed ones) and a move without a reason."""
    if not reason.strip():
        raise CaseError(_("Give the reason for this change: it stays in the case's history."))
    case = _lock(case)
    if not rules.can_move(case.status, to_status):
        allowed = ", ".join(str(S(s).label) for s in sorted(rules.ALLOWED_MOVES[case.status]))
        raise CaseError(
            _("A case cannot go from “%(from)s” to “%(to)s”. Allowed next: %(allowed)s.")
            % {"from": S(case.status).label, "to": S(to_status).label, "allowed": allowed or "—"}
        )
    previous = case.status
    case.status = to_status
    case.version += 1
    with _context(by, reason):
        case.save(update_fields=["status", "version"])
    CaseStatusChange.objects.create(
        case=case, from_status=previous, to_status=to_status, by=by, reason=reason
    )
    if to_status not in rules.DETAINABLE:
        # Released, amnestied, tried: his detention deadlines no longer run.
        for deadline in Deadline.objects.for_object(case).filter(
            kind__code__in=[kinds.ORDER_END, kinds.DETENTION_CAP],
            status__in=[Deadline.Status.OPEN, Deadline.Status.MISSED],
        ):
            deadline_cancel(deadline=deadline, by=by, reason=reason)
    return case


@transaction.atomic
def case_record_presentation(*, case: Case, at: dt.datetime, court: Unit, by: User) -> Case:
    """Record that his papers reached an investigating judge: meets the 24-hour deadline (late
    if it was missed). Refuses a time in the future or before the intake."""
    intake = Intake.objects.select_for_update().get(case=case)
    if at > timezone.now() + dt.timedelta(minutes=5):
        raise CaseError(_("The time cannot be in the future."))
    if at < intake.at:
        raise CaseError(_("The papers cannot reach the judge before the intake."))
    intake.presented_to_judge_at = at
    intake.presented_to_court = court
    with _context(by, _("Papers before the investigating judge")):
        intake.save(update_fields=["presented_to_judge_at", "presented_to_court"])
    deadline = Deadline.objects.for_object(case).filter(kind__code=kinds.JUDGE_24H).first()
    if deadline is not None:
        from cases.deadlines.services import deadline_meet

        deadline_meet(deadline=deadline, by=by, at=at, reason=str(court))
    return case


# --- Screening ---------------------------------------------------------------------------------


@transaction.atomic
def screening_record(*, case: Case, data: dict[str, Any], by: User) -> Screening:
    """Record (or correct) the screening. A case just received moves to screening. Refuses a
    case already past screening."""
    case = _lock(case)
    if case.status not in (S.SURRENDERED, S.ARRESTED, S.SCREENING):
        raise CaseError(_("Screening is recorded before the investigation starts."))
    screening, _created = Screening.objects.get_or_create(
        case=case, defaults={**data, "interviewing_officer": data.get("interviewing_officer", by)}
    )
    if not _created:
        for field, value in data.items():
            setattr(screening, field, value)
    screening.full_clean()
    with _context(by, _("Screening recorded")):
        screening.save()
    if case.status != S.SCREENING:
        case_transition(case=case, to_status=S.SCREENING, by=by, reason=_("Screening recorded"))
    return screening


# --- Weapons -----------------------------------------------------------------------------------


@transaction.atomic
def weapon_add(*, case: Case, data: dict[str, Any], by: User) -> WeaponItem:
    """Register a weapon handed over, with the first link of its chain of custody."""
    weapon = WeaponItem(case=case, received_by=data.pop("received_by", by), **data)
    weapon.full_clean()
    weapon.save()
    WeaponCustodyEntry.objects.create(
        weapon=weapon,
        at=weapon.received_at,
        from_holder=_("Handed over at intake"),
        to_holder=str(weapon.received_by),
        location=weapon.storage_location,
        recorded_by=by,
    )
    return weapon


@transaction.atomic
def weapon_custody_add(
    *, weapon: WeaponItem, to_holder: str, location: str, note: str, by: User, at=None
) -> WeaponCustodyEntry:
    """Record the weapon passing to another holder or store. The chain stays unbroken: the new
    link starts from whoever held it last."""
    last = weapon.custody.order_by("-at", "-pk").first()
    entry = WeaponCustodyEntry(
        weapon=weapon,
        at=at or timezone.now(),
        from_holder=last.to_holder if last else str(weapon.received_by),
        to_holder=to_holder,
        location=location,
        note=note,
        recorded_by=by,
    )
    if last and entry.at < last.at:
        raise CaseError(_("A custody entry cannot be earlier than the previous one."))
    entry.full_clean()
    entry.save()
    WeaponItem.objects.filter(pk=weapon.pk).update(storage_location=location)
    return entry


# --- Custody -----------------------------------------------------------------------------------


def custody_limits(on: dt.date) -> rules.Limits:
    rule = CustodyRule.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if rule is None:
        return rules.Limits(15, 180, rules.Decimal("0.25"))
    return rules.Limits(rule.max_order_days, rule.max_total_days, rule.max_share_of_penalty)


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


@transaction.atomic
def detention_order_add(*, case: Case, data: dict[str, Any], by: User) -> DetentionOrder:
    """Record a judge's detention order, within the limits of CPC Art. 109 (each order at most
    15 days; in all at most a quarter of the heaviest penalty and six months, unless the felony
    court extends). Opens the deadline of the order's end and of the total limit; the previous
    order's end deadline is met by the renewal. Refuses (field by field) what breaks a limit."""
    case = _lock(case)
    if case.status not in rules.DETAINABLE:
        raise CaseError(_("A detention order is recorded only before the trial."))
    existing = list(case.detention_orders.values_list("starts_on", "ends_on"))
    limits = custody_limits(data["starts_on"])
    errors = rules.detention_order_errors(
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        extension=data.get("felony_court_extension", False),
        existing=existing,
        limits=limits,
        max_penalty_months=case.max_penalty_months,
    )
    if data.get("felony_court_extension") and not data.get("extension_reference"):
        errors["extension_reference"] = _("Give the felony court's decision.")
    if errors:
        raise ValidationError(errors)
    order = DetentionOrder(case=case, recorded_by=by, **data)
    order.full_clean()
    with _context(by, _("Detention order recorded")):
        order.save()
    for previous in case.detention_orders.exclude(pk=order.pk):
        deadline_meet_for(
            kind=kinds.ORDER_END,
            record=case,
            event_key=f"order-{previous.pk}",
            by=by,
            reason=_("Renewed by a new order"),
        )
    deadline_open(
        kind=kinds.ORDER_END,
        record=case,
        governorate=case.governorate,
        due_at=_end_of_day(order.ends_on),
        responsible_unit=case.receiving_unit,
        responsible_user=case.assigned_officer,
        event_key=f"order-{order.pk}",
        by=by,
    )
    _sync_cap_deadline(case=case, limits=limits, by=by, extended=order.felony_court_extension)
    return order


def _sync_cap_deadline(*, case: Case, limits: rules.Limits, by: User, extended: bool) -> None:
    first = case.detention_orders.order_by("starts_on").first()
    cap = rules.total_cap_days(limits, case.max_penalty_months)
    due = _end_of_day(first.starts_on + dt.timedelta(days=cap - 1))
    deadline = deadline_open(
        kind=kinds.DETENTION_CAP,
        record=case,
        governorate=case.governorate,
        due_at=due,
        responsible_unit=case.receiving_unit,
        responsible_user=case.assigned_officer,
        event_key="cap",
        by=by,
    )
    if extended and deadline.status == Deadline.Status.OPEN:
        deadline_cancel(deadline=deadline, by=by, reason=_("Extended by the felony court"))
    elif deadline.status == Deadline.Status.OPEN and deadline.due_at != due:
        deadline_move(deadline=deadline, due_at=due, by=by, reason=_("Penalty of the charges"))


# --- Editing with optimistic locking -----------------------------------------------------------

CASE_EDIT_FIELDS = ("kind", "receiving_unit", "assigned_officer")
INTAKE_EDIT_FIELDS = (
    "at",
    "place",
    "handed_over_by",
    "affiliation",
    "role",
    "role_detail",
    "affiliated_from",
    "affiliated_until",
    "killing_declared",
    "coercion_claimed",
    "coercion_details",
    "cooperation_given",
    "information_given",
    "family_at_risk",
    "family_at_risk_details",
    "protection_needed",
    "medical_needs",
)


@transaction.atomic
def case_update(
    *,
    case: Case,
    version: int,
    case_data: dict[str, Any],
    intake_data: dict[str, Any],
    person_data: dict[str, Any],
    by: User,
    reason: str,
) -> Case:
    """Save an edit begun on ``version`` of the case. Refused with :class:`ConflictError`
    (carrying the current case, so the user can review the other change) when someone else saved
    it meanwhile: nothing is overwritten silently. A change of how he came in needs a reason."""
    current = _lock(case)
    if current.version != version:
        raise ConflictError(
            _(
                "Someone else saved this case while you were editing it (version %(theirs)d, "
                "yours was %(yours)d). Nothing of yours was saved: review their change below and "
                "apply yours again."
            )
            % {"theirs": current.version, "yours": version},
            current,
        )
    if case_data.get("kind", current.kind) != current.kind and not reason.strip():
        raise CaseError(
            _("Changing how he came in decides his right to commutation: give the reason.")
        )
    reason = reason or _("Case edited")
    with _context(by, reason):
        for field in CASE_EDIT_FIELDS:
            if field in case_data:
                setattr(current, field, case_data[field])
        current.version += 1
        current.full_clean()
        current.save()
        intake = current.intake
        for field in INTAKE_EDIT_FIELDS:
            if field in intake_data:
                setattr(intake, field, intake_data[field])
        person = person_update(person=current.person, data=person_data, by=by, reason=reason)
        _apply_age(intake, person)
        intake.full_clean()
        intake.save()
    return current
