"""Celery tasks of the deadlines app: the sweep (beat, every minute) and one send per reminder.

Both take ids (or nothing), load, and call a service; both are safe to run twice. Retries of a
failing channel are scheduled in the database by the sweep (``Reminder.next_attempt_at``), not as
long-ETA messages: the broker is not a calendar.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from .services import deadline_sweep, reminder_send, reminders_dispatch


@shared_task(name="deadlines.sweep", ignore_result=True)
def sweep() -> int:
    """Write due reminders to the outbox and queue them; returns how many were queued."""
    return len(deadline_sweep().queued)


@shared_task(name="deadlines.dispatch", ignore_result=True, acks_late=True)
def dispatch_reminders(reminder_ids: list[int]) -> None:
    """Queue the send task of each reminder in a batch written by a large sweep. Safe to run
    twice: a reminder already sent is not sent again."""
    reminders_dispatch(reminder_ids=reminder_ids)


@shared_task(
    name="deadlines.send_reminder",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def send_reminder(reminder_id: int) -> str:
    """Deliver one reminder (see ``reminder_send``); returns its status."""
    reminder = reminder_send(reminder_id=reminder_id)
    return reminder.status if reminder else "gone"
