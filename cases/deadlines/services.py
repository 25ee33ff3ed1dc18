"""Writes of the deadlines app: open, move, meet and cancel deadlines; the sweep; sending.

Domain apps open their deadlines through :func:`deadline_open` (idempotent per event) and close
them with :func:`deadline_meet` or :func:`deadline_cancel`. Beat runs :func:`deadline_sweep`
every minute; it writes reminder rows (the outbox) with a constant number of SQL statements, and
queues one send task per reminder after commit. :func:`reminder_send` delivers a reminder to its
recipients through every channel, at most once per person and channel.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from cases.accounts.models import Governorate, Unit, User
from cases.security.history import history_reason

from .channels import channels
from .messages import compose
from .models import Deadline, DeadlineKind, Delivery, Reminder

logger = logging.getLogger(__name__)

#: pg_try_advisory_xact_lock key: one sweep at a time; an overlapping one returns at once.
SWEEP_LOCK = 0x444C494E  # "DLIN"


class DeadlineError(ValueError):
    """A deadline cannot be changed that way (the message says why)."""


# --- Pure rules ---------------------------------------------------------------------------------


def next_action_at(
    *,
    status: str,
    due_at: dt.datetime,
    offsets: Iterable[int],
    escalate_after: dt.timedelta | None,
    now: dt.datetime,
) -> dt.datetime | None:
    """When the sweep must next look at a deadline just opened or moved: now, when a reminder
    stage has already been reached (the nearest one is sent at once, earlier ones never); else its
    next stage, else its due time; after a miss, its escalation; nothing once met or cancelled.
    The sweep's SQL applies the same rule to the stages still ahead."""
    if status == Deadline.Status.OPEN:
        stages = [due_at - dt.timedelta(seconds=o) for o in offsets]
        if due_at > now and any(t <= now for t in stages):
            return now
        future = [t for t in stages if t > now]
        return min(future) if future else due_at
    if status == Deadline.Status.MISSED and escalate_after is not None:
        at = due_at + escalate_after
        return at if at > now else now
    return None


def backoff(attempt: int) -> dt.timedelta:
    """Wait before retry ``attempt`` (1-based): 1, 2, 4 … minutes, at most an hour."""
    return dt.timedelta(minutes=min(2 ** (attempt - 1), 60))


# --- Opening and closing ------------------------------------------------------------------------


def _record_key(record: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(record), str(record.pk)


@transaction.atomic
def deadline_open(
    *,
    kind: str,
    record: models.Model,
    governorate: Governorate,
    event_at: dt.datetime | None = None,
    due_at: dt.datetime | None = None,
    responsible_user: User | None = None,
    responsible_unit: Unit | None = None,
    event_key: str = "",
    object_label: str = "",
    note: str = "",
    by: User | None = None,
) -> Deadline:
    """Open the deadline of ``kind`` for ``record``, counted from ``event_at`` by the rule in
    effect that day, or due at ``due_at`` when given.

    Idempotent: a second call for the same kind, record and ``event_key`` returns the deadline
    the first one opened, unchanged. Refuses a kind that is not registered, a deadline with no due
    time, and one with nobody responsible.
    """
    try:
        kind_obj = DeadlineKind.objects.get(code=kind, is_active=True)
    except DeadlineKind.DoesNotExist:
        raise DeadlineError(f"Unknown or inactive deadline kind: {kind}") from None
    content_type, object_id = _record_key(record)
    existing = Deadline.objects.filter(
        kind=kind_obj, content_type=content_type, object_id=object_id, event_key=event_key
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    event_at = event_at or now
    rule = kind_obj.rule_on(timezone.localdate(event_at))
    if due_at is None:
        if rule.duration is None:
            raise DeadlineError(f"{kind} has no duration: give the due time.")
        due_at = event_at + rule.duration
    if responsible_user is None and responsible_unit is None:
        raise DeadlineError("A deadline needs a responsible user or unit.")
    deadline = Deadline(
        kind=kind_obj,
        rule=rule,
        content_type=content_type,
        object_id=object_id,
        object_label=(object_label or str(getattr(record, "audit_label", "") or record))[:200],
        event_key=event_key,
        governorate=governorate,
        responsible_user=responsible_user,
        responsible_unit=responsible_unit,
        starts_at=event_at,
        due_at=due_at,
        note=note,
        opened_by=by,
    )
    deadline.next_action_at = next_action_at(
        status=deadline.status,
        due_at=due_at,
        offsets=rule.reminder_offsets,
        escalate_after=rule.escalate_after,
        now=now,
    )
    deadline.full_clean()
    with history_reason(note or _opened_reason(kind_obj), by):
        deadline.save()
    return deadline


def _opened_reason(kind: DeadlineKind):
    """ "Deadline opened: <kind>", lazily: the history keeps it in every language."""

    def render() -> str:
        return gettext("Deadline opened: %(kind)s") % {"kind": kind.label}

    return lazy(render, str)()


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)


@transaction.atomic
def deadline_move(
    *, deadline: Deadline, due_at: dt.datetime, by: User | None, reason: str
) -> Deadline:
    """Move an open deadline's due time, with a reason (a court's extension, a correction).

    Reminder stages start again for the new time. Refuses a deadline that is not open, and an
    empty reason.
    """
    if not reason.strip():
        raise DeadlineError("A reason is required to move a deadline.")
    deadline = _locked(deadline)
    if deadline.status != Deadline.Status.OPEN:
        raise DeadlineError("Only an open deadline can be moved.")
    deadline.due_at = due_at
    deadline.generation += 1
    deadline.next_action_at = next_action_at(
        status=deadline.status,
        due_at=due_at,
        offsets=deadline.rule.reminder_offsets,
        escalate_after=deadline.rule.escalate_after,
        now=timezone.now(),
    )
    with history_reason(reason, by):
        deadline.save(update_fields=["due_at", "generation", "next_action_at"])
    return deadline


@transaction.atomic
def deadline_meet(
    *, deadline: Deadline, by: User | None, reason: str = "", at: dt.datetime | None = None
) -> Deadline:
    """Record that what was due was done. Idempotent. A missed deadline keeps its status and
    records when it was met late; nothing more is sent for it."""
    deadline = _locked(deadline)
    if deadline.status in (Deadline.Status.MET, Deadline.Status.CANCELLED) or deadline.met_at:
        return deadline
    now = timezone.now()
    deadline.met_at = at or now
    deadline.closed_at = now
    deadline.closed_by = by
    deadline.close_reason = reason
    deadline.next_action_at = None
    if deadline.status == Deadline.Status.OPEN:
        deadline.status = Deadline.Status.MET
    with history_reason(reason or gettext_lazy("Deadline met"), by):
        deadline.save()
    return deadline


@transaction.atomic
def deadline_cancel(*, deadline: Deadline, by: User | None, reason: str) -> Deadline:
    """Cancel a deadline that no longer applies (the person was released, the record closed).
    Idempotent. Refuses an empty reason and a deadline already met."""
    if not reason.strip():
        raise DeadlineError("A reason is required to cancel a deadline.")
    deadline = _locked(deadline)
    if deadline.status == Deadline.Status.CANCELLED:
        return deadline
    if deadline.status == Deadline.Status.MET:
        raise DeadlineError("A deadline that was met cannot be cancelled.")
    deadline.status = Deadline.Status.CANCELLED
    deadline.closed_at = timezone.now()
    deadline.closed_by = by
    deadline.close_reason = reason
    deadline.next_action_at = None
    with history_reason(reason, by):
        deadline.save()
    return deadline


def deadline_meet_for(
    *, kind: str, record: models.Model, event_key: str = "", by: User | None, reason: str = ""
) -> Deadline | None:
    """Meet the deadline of ``kind`` opened for ``record`` and ``event_key``, if there is one."""
    content_type, object_id = _record_key(record)
    deadline = Deadline.objects.filter(
        kind__code=kind, content_type=content_type, object_id=object_id, event_key=event_key
    ).first()
    return deadline_meet(deadline=deadline, by=by, reason=reason) if deadline else None


# --- The sweep ----------------------------------------------------------------------------------

_MARK_MISSED = """
UPDATE deadlines_deadline SET status = 'missed', missed_at = %(now)s
WHERE next_action_at <= %(now)s AND status = 'open' AND due_at <= %(now)s
"""

# For each deadline that needs action: the nearest reminder stage already reached (earlier stages
# that were never sent are superseded, not sent late), the miss, and the escalation.
_WRITE_REMINDERS = """
INSERT INTO deadlines_reminder
    (deadline_id, stage, status, created_at, next_attempt_at, attempts, last_error)
SELECT s.deadline_id, s.stage, 'pending', %(now)s, %(now)s, 0, ''
FROM (
    SELECT d.id AS deadline_id,
           'g' || d.generation || ':before:' || (
               SELECT min(o) FROM unnest(r.reminder_offsets) AS o
               WHERE d.due_at - make_interval(secs => o) <= %(now)s
           ) AS stage
    FROM deadlines_deadline d JOIN deadlines_deadlinerule r ON r.id = d.rule_id
    WHERE d.next_action_at <= %(now)s AND d.status = 'open'
    UNION ALL
    SELECT d.id, 'g' || d.generation || ':missed'
    FROM deadlines_deadline d
    WHERE d.next_action_at <= %(now)s AND d.status = 'missed' AND d.met_at IS NULL
    UNION ALL
    SELECT d.id, 'g' || d.generation || ':escalation'
    FROM deadlines_deadline d JOIN deadlines_deadlinerule r ON r.id = d.rule_id
    WHERE d.next_action_at <= %(now)s AND d.status = 'missed' AND d.met_at IS NULL
      AND r.escalate_after IS NOT NULL AND d.due_at + r.escalate_after <= %(now)s
) AS s
WHERE s.stage IS NOT NULL
ON CONFLICT (deadline_id, stage) DO NOTHING
"""

_NEXT_ACTION = """
UPDATE deadlines_deadline d SET next_action_at = CASE
    WHEN d.status = 'open' THEN COALESCE((
        SELECT min(d.due_at - make_interval(secs => o)) FROM unnest(r.reminder_offsets) AS o
        WHERE d.due_at - make_interval(secs => o) > %(now)s
    ), d.due_at)
    WHEN d.status = 'missed' AND d.met_at IS NULL AND r.escalate_after IS NOT NULL
         AND d.due_at + r.escalate_after > %(now)s THEN d.due_at + r.escalate_after
    ELSE NULL
END
FROM deadlines_deadlinerule r
WHERE r.id = d.rule_id AND d.next_action_at <= %(now)s
"""

_QUEUE = """
UPDATE deadlines_reminder SET queued_at = %(now)s, next_attempt_at = %(retry_at)s
WHERE next_attempt_at <= %(now)s AND status IN ('pending', 'failed')
RETURNING id
"""


@dataclass(frozen=True)
class SweepResult:
    ran: bool
    queued: list[int]


def deadline_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Find what needs a reminder or an escalation, write it to the outbox, queue the sends.

    Five statements whatever the number of deadlines (set-based SQL on the partial indexes of
    ``next_action_at`` and ``next_attempt_at``). Safe to run twice and when two sweeps overlap:
    the second waits for nothing and returns, and the unique key (deadline, stage) would refuse
    a duplicate anyway. Reminders whose message was lost (broker down, worker killed) are queued
    again after ``DEADLINE_REQUEUE_AFTER`` seconds.
    """
    now = now or timezone.now()
    params = {
        "now": now,
        "retry_at": now + dt.timedelta(seconds=settings.DEADLINE_REQUEUE_AFTER),
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SWEEP_LOCK])
        if not cursor.fetchone()[0]:
            return SweepResult(ran=False, queued=[])
        cursor.execute(_MARK_MISSED, params)
        cursor.execute(_WRITE_REMINDERS, params)
        cursor.execute(_NEXT_ACTION, params)
        cursor.execute(_QUEUE, params)
        queued = [row[0] for row in cursor.fetchall()]
        transaction.on_commit(lambda: _publish(queued))
    return SweepResult(ran=True, queued=queued)


#: Above this many reminders, the sweep queues them in batches that workers fan out (a broker
#: takes ~0.4 ms a message: 10,000 sends queued one by one would hold the sweep for 4 s).
DISPATCH_BATCH = 250


def _publish(reminder_ids: list[int]) -> None:
    """Queue one send task per reminder, over one broker connection; a large sweep queues
    batches instead, each fanned out by a worker (``reminders_dispatch``). A broker that is down
    loses nothing: the rows stay in the outbox and a later sweep queues them again."""
    if not reminder_ids:
        return
    from .tasks import dispatch_reminders

    try:
        if len(reminder_ids) <= DISPATCH_BATCH:
            reminders_dispatch(reminder_ids=reminder_ids)
            return
        with dispatch_reminders.app.producer_or_acquire() as producer:
            for start in range(0, len(reminder_ids), DISPATCH_BATCH):
                batch = reminder_ids[start : start + DISPATCH_BATCH]
                dispatch_reminders.apply_async(args=[batch], producer=producer)
    except Exception:
        logger.exception("could not queue %d reminders; the next sweeps will", len(reminder_ids))


def reminders_dispatch(*, reminder_ids: list[int]) -> None:
    """Queue one send task per reminder id over one broker connection."""
    from .tasks import send_reminder

    with send_reminder.app.producer_or_acquire() as producer:
        for reminder_id in reminder_ids:
            send_reminder.apply_async(args=[reminder_id], producer=producer)


# --- Sending ------------------------------------------------------------------------------------


def reminder_recipients(reminder: Reminder) -> list[User]:
    """Who is told: for a stage or a miss, the responsible user (or, when the deadline names only
    a unit, its active members who work with deadlines); for an escalation, the supervisors who
    see the deadline's governorate."""
    deadline = reminder.deadline
    active = User.objects.filter(is_active=True)
    if reminder.is_escalation:
        return supervisors_of(deadline.governorate_id)
    if deadline.responsible_user_id:
        user = deadline.responsible_user
        return [user] if user.is_active else []
    works = Q(groups__permissions__codename="view_deadline") | Q(
        user_permissions__codename="view_deadline"
    )
    return list(active.filter(unit=deadline.responsible_unit_id).filter(works).distinct())


def supervisors_of(governorate_id: int) -> list[User]:
    """The active supervisors who see ``governorate_id``."""
    desk = Q(groups__permissions__codename="supervisor_desk") | Q(
        user_permissions__codename="supervisor_desk"
    )
    scope = Q(national_scope=True) | Q(governorates=governorate_id)
    active = User.objects.filter(is_active=True)
    return list(active.filter(desk).filter(scope).distinct().order_by("pk"))


def notify_now(
    *,
    users: Iterable[User],
    title: Callable[[], str],
    body: Callable[[], str],
    url: str,
    escalation: bool = False,
) -> int:
    """Put a message in the bell of each user at once, each in his own language (``title`` and
    ``body`` are called with it active). For what cannot wait for a deadline's sweep (a critical
    referral). Never put personal data in them: they are shown in lists."""
    from django.utils import translation

    from .models import Notification

    count = 0
    for user in users:
        with translation.override(user.language or "en"):
            Notification.objects.create(
                user=user,
                title=str(title())[:200],
                body=str(body()),
                url=url,
                is_escalation=escalation,
            )
        count += 1
    return count


def _still_relevant(reminder: Reminder) -> bool:
    deadline = reminder.deadline
    if deadline.status in (Deadline.Status.MET, Deadline.Status.CANCELLED) or deadline.met_at:
        return False
    return reminder.stage.startswith(f"g{deadline.generation}:")


def reminder_send(*, reminder_id: int) -> Reminder | None:
    """Deliver a reminder to each recipient through each channel, and mark it sent.

    Safe to run twice and concurrently: the reminder row is locked for the duration and a
    delivery already made is not made again. A reminder of a deadline since met, cancelled or
    moved is skipped. A channel that fails leaves the reminder failing with its error, to be
    retried after an exponential backoff, and dead after ``DEADLINE_MAX_ATTEMPTS``.
    """
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("deadline__kind", "deadline__responsible_user")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None:  # purged since it was queued: nothing to send
            logger.warning("reminder %s no longer exists; nothing sent", reminder_id)
            return None
        if reminder.status in (Reminder.Status.SENT, Reminder.Status.DEAD, Reminder.Status.SKIPPED):
            return reminder
        now = timezone.now()
        if not _still_relevant(reminder):
            reminder.status = Reminder.Status.SKIPPED
            reminder.next_attempt_at = None
            reminder.save(update_fields=["status", "next_attempt_at"])
            return reminder
        reminder.attempts += 1
        done = set(
            reminder.deliveries.filter(status=Delivery.Status.SENT).values_list(
                "user_id", "channel"
            )
        )
        errors = []
        for user in reminder_recipients(reminder):
            for channel in channels():
                if (user.pk, channel.name) in done:
                    continue
                try:
                    with transaction.atomic():
                        channel.send(compose(reminder, user))
                        Delivery.objects.update_or_create(
                            reminder=reminder,
                            user=user,
                            channel=channel.name,
                            defaults={"status": Delivery.Status.SENT, "at": now, "error": ""},
                        )
                except Exception as exc:
                    logger.warning(
                        "reminder %s to user %s by %s failed", reminder.pk, user.pk, channel.name
                    )
                    Delivery.objects.update_or_create(
                        reminder=reminder,
                        user=user,
                        channel=channel.name,
                        defaults={
                            "status": Delivery.Status.FAILED,
                            "at": now,
                            "error": repr(exc)[:500],
                        },
                    )
                    errors.append(f"{channel.name} → {user.get_username()}: {exc!r}"[:300])
        if errors:
            reminder.last_error = "\n".join(errors)
            if reminder.attempts >= settings.DEADLINE_MAX_ATTEMPTS:
                reminder.status = Reminder.Status.DEAD
                reminder.next_attempt_at = None
            else:
                reminder.status = Reminder.Status.FAILED
                reminder.next_attempt_at = now + backoff(reminder.attempts)
        else:
            reminder.status = Reminder.Status.SENT
            reminder.sent_at = now
            reminder.next_attempt_at = None
            reminder.last_error = ""
        reminder.save()
    return reminder
