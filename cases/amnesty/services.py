"""Writes of the amnesty app: absences and what became of the absent, applications, their
conditions, and the committee's decisions; and the deadlines that follow them.

Every state change is one service: it locks the row, checks the move, raises
:class:`AmnestyError` (a message for the user) when the rules refuse it, and records who, when and
why. A decision that goes against the eligibility engine is recorded only with a written reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.models import Unit, User
from cases.casefiles.models import Case, Intake
from cases.casefiles.services import CaseError, case_record_intake, case_transition
from cases.deadlines.models import Deadline
from cases.deadlines.services import (
    deadline_cancel,
    deadline_meet,
    deadline_move,
    deadline_open,
)
from cases.people.models import Person
from cases.people.services import person_add_spellings, person_create, person_update
from cases.security.history import history_reason

from . import deadline_kinds as kinds
from . import rules
from .models import (
    AbsenceReport,
    AbsenceStatusChange,
    Application,
    ApplicationCondition,
    Decision,
    Decree,
    DecreeCondition,
)
from .selectors import (
    CONVICTED_STATUSES,
    absence_evaluate,
    active_charges,
    application_evaluate,
    charge_act,
    decrees_with_terms,
)

AS = AbsenceReport.Status
OPEN_DEADLINE = (Deadline.Status.OPEN, Deadline.Status.MISSED)


class AmnestyError(ValueError):
    """A change the rules refuse; the message is for the user (translated)."""


def _today() -> dt.date:
    return timezone.localdate()


def _end_of_day(day: dt.date) -> dt.datetime:
    return rules.end_of_day(day, rules.BAGHDAD)


# --- Absences ------------------------------------------------------------------------------------


def _find_person(*, service_number: str, unit: Unit) -> Person | None:
    """The one registered person of the unit's governorate with this service number, if there
    is exactly one (service numbers are how units know their men)."""
    matches = list(
        Person.objects.active().filter(service_number=service_number, governorate=unit.governorate)[
            :2
        ]
    )
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def absence_report(
    *,
    service_number: str,
    unit: Unit,
    absent_since: dt.date,
    circumstances: str,
    by: User,
    person: Person | None = None,
    person_data: dict[str, Any] | None = None,
    aliases: Iterable[str] = (),
    notes: str = "",
) -> AbsenceReport:
    """Record that a member of ``unit`` left his post. The person is the one chosen, else the one
    registered with this service number, else a new record. Opens the window deadline of every
    decree still open to him (the unit is reminded before it closes).

    Refuses a date in the future, a missing service number, and a man already reported away.
    """
    service_number = service_number.strip()
    if not service_number:
        raise ValidationError({"service_number": _("Give his service number.")})
    if absent_since > _today():
        raise ValidationError({"absent_since": _("The absence cannot start in the future.")})
    reason = _("Absence reported")
    with history_reason(reason, by):
        if person is None:
            person = _find_person(service_number=service_number, unit=unit)
        if person is None:
            person = person_create(
                data={**(person_data or {}), "service_number": service_number},
                governorate=unit.governorate,
                by=by,
                aliases=list(aliases),
            )
        else:
            person_add_spellings(person=person, data=person_data or {}, aliases=list(aliases))
            if not person.service_number:
                person_update(
                    person=person, data={"service_number": service_number}, by=by, reason=reason
                )
        away = AbsenceReport.objects.filter(person=person, status__in=rules.AWAY).first()
        if away is not None:
            raise AmnestyError(
                _("He is already reported away since %(day)s (%(label)s).")
                % {"day": away.absent_since.isoformat(), "label": away.audit_label}
            )
        absence = AbsenceReport(
            person=person,
            service_number=service_number,
            unit=unit,
            governorate=unit.governorate,
            absent_since=absent_since,
            circumstances=circumstances,
            status=AS.ABSENT,
            status_on=absent_since,
            notes=notes,
            reported_by=by,
        )
        absence.full_clean()
        absence.save()
        AbsenceStatusChange.objects.create(
            report=absence, to_status=AS.ABSENT, on=absent_since, by=by, reason=reason
        )
    absence_sync_window_deadlines(absence=absence, by=by)
    return absence


def _open_return_case(absence: AbsenceReport, returned_at: dt.datetime, by: User) -> Case:
    """His return is his intake: a case of kind "deserter's return" at his unit."""
    return case_record_intake(
        person=absence.person,
        kind=Case.Kind.DESERTER_RETURN,
        receiving_unit=absence.unit,
        intake_data={
            "at": returned_at,
            "place": str(absence.unit)[:200],
            "affiliation": _("Security forces: return after absence"),
            "role": Intake.Role.OTHER,
            "role_detail": str(AbsenceReport.Circumstance(absence.circumstances).label),
        },
        by=by,
    )


@transaction.atomic
def absence_change_status(
    *,
    absence: AbsenceReport,
    to_status: str,
    by: User,
    reason: str,
    on: dt.date | None = None,
    returned_at: dt.datetime | None = None,
    emigrated_to: str = "",
) -> AbsenceReport:
    """Record what became of an absent member: returned to his unit (when, to the minute: the
    window's last day ends at midnight in Baghdad; the case of his return is opened), prosecuted,
    emigrated (and where), deceased. The window deadlines follow: met by his return, cancelled
    when he is no longer awaited.

    Refuses a move the rules do not allow, a change without a reason, a date in the future or
    before he left, and a return without its time.
    """
    if not reason.strip():
        raise AmnestyError(_("Give the reason for this change: it stays in the history."))
    absence = (
        AbsenceReport.objects.select_for_update(of=("self",))
        .select_related("person", "unit", "case")
        .get(pk=absence.pk)
    )
    if not rules.absence_can_move(absence.status, to_status):
        allowed = ", ".join(str(AS(s).label) for s in sorted(rules.ABSENCE_MOVES[absence.status]))
        raise AmnestyError(
            _("An absence cannot go from “%(from)s” to “%(to)s”. Allowed next: %(allowed)s.")
            % {
                "from": AS(absence.status).label,
                "to": AS(to_status).label,
                "allowed": allowed or "—",
            }
        )
    now = timezone.now()
    if to_status == AS.RETURNED:
        if returned_at is None:
            raise ValidationError({"returned_at": _("Give the day and time of his return.")})
        if timezone.is_naive(returned_at):
            raise ValidationError({"returned_at": _("Give the time with its time zone.")})
        if returned_at > now + dt.timedelta(minutes=5):
            raise ValidationError({"returned_at": _("The return cannot be in the future.")})
        on = rules.local_day(returned_at)
    on = on or _today()
    if on > _today():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if on < absence.absent_since:
        raise ValidationError({"on": _("The date cannot be before he left.")})
    previous = absence.status
    with history_reason(reason, by):
        if to_status == AS.RETURNED:
            absence.returned_at = returned_at
            if absence.case_id is None:
                absence.case = _open_return_case(absence, returned_at, by)
        if to_status == AS.EMIGRATED:
            absence.emigrated_to = emigrated_to.strip()
        absence.status = to_status
        absence.status_on = on
        absence.full_clean()
        absence.save()
        AbsenceStatusChange.objects.create(
            report=absence, from_status=previous, to_status=to_status, on=on, by=by, reason=reason
        )
    absence_sync_window_deadlines(absence=absence, by=by)
    for application in absence.applications.filter(status__in=Application.OPEN):
        application_refresh(application=application, by=by)
    return absence


def _window_deadline(absence: AbsenceReport, decree: Decree) -> Deadline | None:
    return (
        Deadline.objects.for_object(absence)
        .filter(kind__code=kinds.WINDOW_CLOSE, event_key=f"decree-{decree.pk}")
        .first()
    )


def _sync_window(absence: AbsenceReport, decree: Decree, by: User | None, on: dt.date) -> None:
    deadline = _window_deadline(absence, decree)
    is_open = deadline is not None and deadline.status in OPEN_DEADLINE and not deadline.met_at
    if absence.status == AS.RETURNED:
        if is_open:
            deadline_meet(
                deadline=deadline, by=by, at=absence.returned_at, reason=_("Returned to his unit")
            )
        return
    if absence.status not in rules.AWAY:
        if is_open:
            deadline_cancel(
                deadline=deadline,
                by=by,
                reason=_("No longer awaited: %(status)s") % {"status": AS(absence.status).label},
            )
        return
    closes_at = decree.window_closes_at
    if closes_at is None or timezone.now() > closes_at:
        return  # a window already closed opens nothing; one opened before stays as it is
    if absence_evaluate(absence, decree, on=on).status == rules.NOT_ELIGIBLE:
        if is_open:
            deadline_cancel(deadline=deadline, by=by, reason=_("Not eligible under this decree"))
        return
    if deadline is None:
        deadline_open(
            kind=kinds.WINDOW_CLOSE,
            record=absence,
            governorate=absence.governorate,
            due_at=closes_at,
            responsible_unit=absence.unit,
            event_key=f"decree-{decree.pk}",
            note=decree.code,
            by=by,
        )
    elif deadline.status == Deadline.Status.OPEN and deadline.due_at != closes_at:
        deadline_move(
            deadline=deadline, due_at=closes_at, by=by, reason=_("The decree's window changed")
        )


def absence_sync_window_deadlines(*, absence: AbsenceReport, by: User | None) -> None:
    """Bring the window deadlines of one absence in line with every decree whose window runs
    until a deserter's return: open while he is away, still eligible and the window open; met
    by his return; cancelled once he is no longer awaited (prosecuted, deceased) or no longer
    eligible. Safe to run twice."""
    on = _today()
    for decree in decrees_with_terms().return_windows():
        _sync_window(absence, decree, by, on)


@transaction.atomic
def decree_sync_window_deadlines(*, decree: Decree, by: User | None) -> int:
    """After a decree is entered or its window changed: the window deadline of every member
    still away (in every governorate). Returns how many absences were looked at."""
    if decree.window_event != Decree.WindowEvent.RETURN:
        return 0
    decree = decrees_with_terms().get(pk=decree.pk)
    on = _today()
    absences = list(AbsenceReport.objects.still_away().select_related("unit", "case"))
    for absence in absences:
        _sync_window(absence, decree, by, on)
    return len(absences)


# --- Applications --------------------------------------------------------------------------------


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("case", "absence", "decree")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_open(
    *,
    decree: Decree,
    case: Case,
    by: User,
    applied_on: dt.date | None = None,
    absence: AbsenceReport | None = None,
    note: str = "",
) -> Application:
    """Ask for ``decree`` to be applied to ``case`` (a deserter's return, or any case). The
    engine's explanation is computed and kept; the conditions the decree sets for his acts are
    listed as awaited, with their deadlines where the decree gives days.

    Refuses a date in the future, a closed case, an absence of another person, and a second
    open application under the same decree.
    """
    applied_on = applied_on or _today()
    if applied_on > _today():
        raise ValidationError({"applied_on": _("The application cannot be dated in the future.")})
    if case.status == Case.Status.CLOSED:
        raise AmnestyError(_("The case is closed."))
    if absence is None:
        absence = case.absences.order_by("-absent_since").first()
    elif absence.person_id != case.person_id:
        raise AmnestyError(_("This absence is another person's."))
    if Application.objects.filter(decree=decree, case=case, status__in=Application.OPEN).exists():
        raise AmnestyError(_("An application under this decree is already open for this case."))
    application = Application(
        decree=decree,
        case=case,
        absence=absence,
        applied_on=applied_on,
        note=note,
        filed_by=by,
    )
    application.full_clean()
    with history_reason(_("Amnesty application filed"), by):
        application.save()
    return application_refresh(application=application, by=by)


def _condition_key(condition: DecreeCondition) -> str:
    return f"condition-{condition.pk}"


@transaction.atomic
def application_refresh(*, application: Application, by: User | None) -> Application:
    """Bring an open application up to date with the case: list the conditions that now apply
    to his acts, and keep the engine's latest explanation (for lists). A decided application is
    left as it was decided."""
    if application.status not in Application.OPEN:
        return application
    decree = decrees_with_terms().get(pk=application.decree_id)
    application.decree = decree
    acts = [charge_act(c) for c in active_charges(application.case)]
    existing = {s.condition_id for s in application.condition_states.all()}
    today = _today()
    for condition in decree.conditions.all():
        if condition.kind == DecreeCondition.Kind.RETURN_TO_UNIT or condition.pk in existing:
            continue
        if not rules.in_effect(condition.effective_from, condition.effective_until, today):
            continue
        flag = condition.applies_to_flag
        if flag and not any(flag in act.flags for act in acts):
            continue
        due = (
            application.applied_on + dt.timedelta(days=condition.days_allowed)
            if condition.days_allowed is not None
            else None
        )
        ApplicationCondition.objects.create(
            application=application, condition=condition, due_on=due, recorded_by=by
        )
        if due is not None:
            _open_condition_deadline(application, condition, due, by)
    result = application_evaluate(application)
    application.engine_status = result.status
    application.engine_lines = result.as_json()
    application.evaluated_at = timezone.now()
    application.save(update_fields=["engine_status", "engine_lines", "evaluated_at"])
    return application


def _open_condition_deadline(
    application: Application, condition: DecreeCondition, due: dt.date, by: User | None
) -> Deadline:
    case = application.case
    deadline = deadline_open(
        kind=kinds.CONDITION_DUE,
        record=application,
        governorate=case.governorate,
        due_at=_end_of_day(due),
        responsible_unit=case.receiving_unit,
        responsible_user=application.filed_by,
        event_key=_condition_key(condition),
        note=condition.label_en,
        by=by,
    )
    if deadline.status == Deadline.Status.OPEN and deadline.due_at != _end_of_day(due):
        deadline_move(
            deadline=deadline,
            due_at=_end_of_day(due),
            by=by,
            reason=_("New date for the condition"),
        )
    return deadline


def _condition_deadline(application: Application, condition: DecreeCondition) -> Deadline | None:
    return (
        Deadline.objects.for_object(application)
        .filter(kind__code=kinds.CONDITION_DUE, event_key=_condition_key(condition))
        .first()
    )


@transaction.atomic
def application_start_review(*, application: Application, by: User) -> Application:
    """The committee takes up an application. Refuses one already under review or decided."""
    application = _lock_application(application)
    if application.status != Application.Status.APPLIED:
        raise AmnestyError(_("Only a new application can be taken up for review."))
    application.status = Application.Status.REVIEW
    with history_reason(_("Review started"), by):
        application.save(update_fields=["status"])
    return application


@transaction.atomic
def application_record_condition(
    *,
    application: Application,
    condition: DecreeCondition,
    state: str,
    by: User,
    on: dt.date | None = None,
    note: str = "",
) -> ApplicationCondition:
    """Record where a condition stands: met (on a day), not met, or awaited (by a day: its
    deadline is opened or moved). Refuses a decided application, a condition of another decree,
    the return to the unit (recorded on the absence), and a day met in the future."""
    application = _lock_application(application)
    if not application.is_open:
        raise AmnestyError(_("This application has been decided."))
    if condition.decree_id != application.decree_id:
        raise AmnestyError(_("This condition belongs to another decree."))
    if condition.kind == DecreeCondition.Kind.RETURN_TO_UNIT:
        raise AmnestyError(_("The return to his unit is recorded on his absence."))
    State = ApplicationCondition.State
    if state == State.MET:
        if on is None:
            raise ValidationError({"on": _("Give the day it was met.")})
        if on > _today():
            raise ValidationError({"on": _("The day it was met cannot be in the future.")})
    record, _created = ApplicationCondition.objects.select_for_update().get_or_create(
        application=application, condition=condition, defaults={"recorded_by": by}
    )
    record.state = state
    record.note = note
    record.recorded_by = by
    record.recorded_at = timezone.now()
    record.met_on = on if state == State.MET else None
    record.due_on = on if state == State.PENDING else record.due_on
    reason = _("Condition: %(condition)s, %(state)s") % {
        "condition": condition.label,
        "state": State(state).label,
    }
    with history_reason(reason, by):
        record.full_clean()
        record.save()
        deadline = _condition_deadline(application, condition)
        if state == State.MET and deadline is not None:
            deadline_meet(deadline=deadline, by=by, reason=reason)
        elif state == State.FAILED and deadline is not None and deadline.status in OPEN_DEADLINE:
            deadline_cancel(deadline=deadline, by=by, reason=reason)
        elif state == State.PENDING and on is not None:
            _open_condition_deadline(application, condition, on, by)
    application_refresh(application=application, by=by)
    return record


_OUTCOME_STATUS = {
    rules.GRANT: Application.Status.GRANTED,
    rules.REFUSE: Application.Status.REFUSED,
    rules.RETRIAL: Application.Status.RETRIAL,
}


@transaction.atomic
def application_decide(
    *,
    application: Application,
    outcome: str,
    reason: str,
    by: User,
    override_reason: str = "",
    retrial_ground: str = "",
) -> Decision:
    """The committee's (or a supervisor's) decision: grant, refuse, or request a retrial (where
    the confession was coerced or rested on a secret informant).

    The engine is asked again at this moment and its explanation is kept with the decision. A
    decision the rules forbid (granting one found not eligible or whose conditions are awaited;
    refusing one found eligible; a retrial the decree does not provide, or without a conviction)
    is refused unless ``override_reason`` says in writing why. The case follows a grant (it
    moves to "amnestied", which ends its detention deadlines; refused when the pipeline does not
    allow that move yet); the application's pending condition deadlines are closed.

    Refuses a decision without grounds, an application already decided, and a retrial request
    without its ground.
    """
    if not reason.strip():
        raise AmnestyError(_("Give the grounds of the decision."))
    if outcome not in _OUTCOME_STATUS:
        raise AmnestyError(_("Choose grant, refuse or retrial."))
    application = _lock_application(application)
    if not application.is_open:
        raise AmnestyError(_("This application has already been decided."))
    if outcome == rules.RETRIAL and retrial_ground not in (
        rules.COERCED_CONFESSION,
        rules.SECRET_INFORMANT,
    ):
        raise AmnestyError(
            _("Say why a retrial is requested: a coerced confession or a secret informant.")
        )
    result = application_evaluate(application)
    objections = rules.decision_objections(
        outcome=outcome,
        result=result,
        allows_retrial=application.decree.allows_retrial,
        convicted=application.case.status in CONVICTED_STATUSES,
    )
    if objections and not override_reason.strip():
        raise AmnestyError(
            " ".join(
                [
                    *(rules.render(code, {}) for code in objections),
                    _("To decide so, give a written reason for going against the rules."),
                ]
            )
        )
    decision = Decision(
        application=application,
        outcome=outcome,
        reason=reason.strip(),
        retrial_ground=retrial_ground if outcome == rules.RETRIAL else "",
        override=bool(objections),
        override_reason=override_reason.strip(),
        engine_status=result.status,
        engine_lines=result.as_json(),
        decided_by=by,
    )
    decision.full_clean()
    label = Decision.Outcome(outcome).label
    with history_reason(reason, by):
        decision.save()
        application.status = _OUTCOME_STATUS[outcome]
        application.engine_status = result.status
        application.engine_lines = result.as_json()
        application.evaluated_at = timezone.now()
        application.save(update_fields=["status", "engine_status", "engine_lines", "evaluated_at"])
        if outcome == rules.GRANT:
            try:
                case_transition(
                    case=application.case,
                    to_status=Case.Status.AMNESTIED,
                    by=by,
                    reason=_("Amnesty granted under %(decree)s") % {"decree": application.decree},
                )
            except CaseError as error:
                raise AmnestyError(
                    _("The case cannot follow the grant: %(error)s") % {"error": error}
                ) from error
        for deadline in Deadline.objects.for_object(application).filter(
            kind__code=kinds.CONDITION_DUE, status__in=OPEN_DEADLINE, met_at__isnull=True
        ):
            deadline_cancel(
                deadline=deadline, by=by, reason=_("Decided: %(outcome)s") % {"outcome": label}
            )
    return decision


def on_charges_changed(sender: Any, *, case: Case, by: User | None, **kwargs: Any) -> None:
    """The charges of a case changed (``cases.legal.signals.charges_changed``): its open
    applications list the conditions that now apply and keep the engine's new answer. A charge
    added later counts like any other; a decided application keeps the answer it was decided
    on, and its page shows today's beside it."""
    for application in Application.objects.filter(case_id=case.pk, status__in=Application.OPEN):
        application_refresh(application=application, by=by)
