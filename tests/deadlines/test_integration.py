"""A real worker and beat on the configured broker (filesystem in `make test`, Redis and RabbitMQ
in CI): a reminder is sent once when two sweeps run at once, and when a worker dies mid-send."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from cases.deadlines.models import Notification, Reminder
from cases.deadlines.registry import sync_kinds
from cases.deadlines.services import deadline_open
from cases.deadlines.tasks import sweep
from caseweb.celery import app
from tests.factories import DossierFactory
from tests.support.worker import celery_beat, celery_worker, new_queue, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]
FAST = {"DEADLINE_SWEEP_INTERVAL": "1", "DEADLINE_REQUEUE_AFTER": "3"}


@pytest.fixture
def not_eager():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.fixture
def due_reminder(officer):
    """A deadline whose 1-day stage has been reached: the next sweep writes one reminder."""
    sync_kinds()
    dossier = DossierFactory()
    return deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        due_at=timezone.now() + dt.timedelta(hours=20),
        responsible_user=officer,
    )


def test_two_sweeps_at_once_with_beat_running_send_one_reminder(not_eager, due_reminder, officer):
    queue = new_queue()
    with celery_worker(queue=queue, concurrency=2, env=FAST), celery_beat(queue=queue, env=FAST):
        sweep.apply_async(queue=queue)
        sweep.apply_async(queue=queue)
        assert wait_for(lambda: Notification.objects.filter(user=officer).exists(), timeout=90)
        time.sleep(4)  # more sweeps from beat meanwhile
    assert Notification.objects.filter(user=officer).count() == 1
    assert Reminder.objects.get().status == Reminder.Status.SENT


def test_a_worker_killed_while_sending_loses_nothing_and_sends_once(
    not_eager, due_reminder, officer, tmp_path
):
    marker = tmp_path / "marker"
    queue = new_queue()
    slow = {
        "DEADLINE_CHANNELS": "tests.support.channels.SlowInAppChannel",
        "CASEWEB_TEST_MARKER": str(marker),
        **FAST,
    }
    with celery_worker(queue=queue, env=slow) as doomed:
        sweep.apply_async(queue=queue)
        assert wait_for(marker.exists, timeout=90), "the worker never started sending"
        doomed.kill()  # mid-send, inside the transaction
    assert not Notification.objects.exists()
    assert Reminder.objects.get().status == Reminder.Status.PENDING
    with celery_worker(queue=queue, env=FAST), celery_beat(queue=queue, env=FAST):
        assert wait_for(lambda: Notification.objects.filter(user=officer).exists(), timeout=90)
        time.sleep(5)  # further sweeps and any redelivered message change nothing
    assert Notification.objects.filter(user=officer).count() == 1
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.SENT
