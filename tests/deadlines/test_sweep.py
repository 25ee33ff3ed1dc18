"""The sweep and the sending, with time travel: each stage once, in the right language, to the
right people; escalation when missed; nothing more once met or cancelled; failures retried."""

from __future__ import annotations

import datetime as dt
import threading
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from cases.deadlines.models import Deadline, Delivery, Notification, Reminder
from cases.deadlines.services import (
    SWEEP_LOCK,
    deadline_cancel,
    deadline_meet,
    deadline_move,
    deadline_open,
    deadline_sweep,
    reminder_send,
)
from tests.deadlines.conftest import DAY, HOUR
from tests.factories import DossierFactory, UnitFactory, UserFactory, governorate

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
DUE = START + 10 * DAY


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run the sweep and the send tasks it queues (eager Celery), as beat and a worker would."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return deadline_sweep()

    return run


@pytest.fixture
def deadline(clock, kind, dossier, officer):
    return deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        due_at=DUE,
        responsible_user=officer,
    )


def titles(user) -> list[str]:
    return list(
        Notification.objects.filter(user=user).order_by("id").values_list("title", flat=True)
    )


def test_each_stage_is_sent_once_at_its_time(deadline, officer, clock, sweep):
    sweep()
    assert titles(officer) == []  # nothing before the 7-day stage
    for moment, count in [
        (DUE - 7 * DAY, 1),
        (DUE - 7 * DAY + HOUR, 1),
        (DUE - DAY, 2),
        (DUE - 2 * HOUR, 3),
        (DUE - HOUR, 3),
    ]:
        clock.move_to(moment)
        sweep()
        sweep()  # a second sweep in the same minute sends nothing more
        assert len(titles(officer)) == count, moment
    assert titles(officer)[0].startswith("Due in 7 days: Hearing, ANB-")
    assert titles(officer)[2].startswith("Due in 2 hours")
    assert Reminder.objects.filter(deadline=deadline, status="sent").count() == 3


def test_reminders_go_by_e_mail_too_in_the_users_language(deadline, officer, clock, sweep):
    officer.language = "ar"
    officer.email = "officer@example.iq"
    officer.save()
    clock.move_to(DUE - DAY)
    sweep()
    title = titles(officer)[0]
    assert "جلسة" in title and not title.startswith("Due")  # Arabic in the bell
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["officer@example.iq"]
    assert "جلسة" in mail.outbox[0].subject


def test_opened_late_the_nearest_stage_is_sent_at_once_and_earlier_ones_never(
    clock, kind, dossier, officer, sweep
):
    deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        due_at=START + 20 * HOUR,
        responsible_user=officer,
    )
    sweep()
    assert titles(officer) == [f"Due in 20 hours: Hearing, {dossier.label}"]
    assert Reminder.objects.get().stage == "g1:before:86400"
    clock.move_to(START + 18 * HOUR)
    sweep()
    assert titles(officer)[1].startswith("Due in 2 hours")
    assert Reminder.objects.count() == 2


def test_a_missed_deadline_is_marked_and_escalated_to_the_supervisor(
    deadline, officer, supervisor, clock, sweep
):
    elsewhere = UserFactory(unit=UnitFactory(governorate=governorate("NIN")), roles=["supervisor"])
    clock.move_to(DUE + dt.timedelta(minutes=1))
    sweep()
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.MISSED
    assert any(t.startswith("Deadline missed") for t in titles(officer))
    assert titles(supervisor) == []  # escalation waits for escalate_after (1 hour)
    clock.move_to(DUE + HOUR + dt.timedelta(minutes=1))
    sweep()
    sweep()
    assert len(titles(supervisor)) == 1
    assert titles(supervisor)[0].startswith("Missed deadline to act on")
    assert titles(elsewhere) == []  # another governorate's supervisor is not told
    assert Notification.objects.get(user=supervisor).is_escalation


@pytest.mark.parametrize("close", ["meet", "cancel"])
def test_met_and_cancelled_deadlines_send_nothing_more(deadline, officer, clock, sweep, close):
    clock.move_to(DUE - 7 * DAY)
    sweep()
    if close == "meet":
        deadline_meet(deadline=deadline, by=officer)
    else:
        deadline_cancel(deadline=deadline, by=officer, reason="released")
    for moment in (DUE - DAY, DUE - HOUR, DUE + 2 * HOUR):
        clock.move_to(moment)
        sweep()
    assert len(titles(officer)) == 1
    assert Reminder.objects.count() == 1


def test_a_reminder_written_before_the_deadline_was_met_is_skipped(deadline, officer, clock):
    clock.move_to(DUE - DAY)
    with mock.patch("cases.deadlines.services._publish"):  # written, not yet sent
        deadline_sweep()
    deadline_meet(deadline=deadline, by=officer)
    reminder = Reminder.objects.get()
    assert reminder_send(reminder_id=reminder.pk).status == Reminder.Status.SKIPPED
    assert titles(officer) == []


def test_a_moved_deadline_gets_its_stages_again(deadline, officer, clock, sweep):
    clock.move_to(DUE - DAY)
    sweep()
    deadline_move(deadline=deadline, due_at=DUE + 5 * DAY, by=officer, reason="adjourned")
    clock.move_to(DUE + 4 * DAY)
    sweep()
    assert len(titles(officer)) == 2
    assert titles(officer)[1].startswith("Due in 1 day")


def test_a_unit_deadline_reaches_the_units_members_who_work_deadlines(clock, kind, sweep):
    unit = UnitFactory()
    on_duty = UserFactory(unit=unit, roles=["officer"])
    clerk = UserFactory(unit=unit)  # no role: not told
    dossier = DossierFactory()
    deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        due_at=DUE,
        responsible_unit=unit,
    )
    clock.move_to(DUE - DAY)
    sweep()
    assert len(titles(on_duty)) == 1
    assert titles(clerk) == []


def test_the_sweep_runs_the_same_statements_for_ten_or_a_hundred_deadlines(
    clock, kind, officer, sweep
):
    def count_for(n: int, start: dt.datetime) -> tuple[int, int]:
        clock.move_to(start)
        for _ in range(n):
            dossier = DossierFactory()
            deadline_open(
                kind="tests.hearing",
                record=dossier,
                governorate=dossier.governorate,
                due_at=start + 3 * DAY,
                responsible_user=officer,
            )
        clock.move_to(start + 2 * DAY)
        with (
            mock.patch("cases.deadlines.services._publish"),
            CaptureQueriesContext(connection) as queries,
        ):
            result = deadline_sweep()
        return len(queries.captured_queries), len(result.queued)

    small = count_for(10, START)
    large = count_for(100, START + 30 * DAY)
    assert small[1] == 10 and large[1] >= 100  # (plus the first ten, missed by then)
    assert small[0] == large[0]


def test_nothing_is_lost_while_the_broker_is_down(deadline, officer, clock, sweep, settings):
    clock.move_to(DUE - DAY)
    with mock.patch(
        "cases.deadlines.tasks.send_reminder.apply_async", side_effect=ConnectionError("down")
    ):
        sweep()
    reminder = Reminder.objects.get()
    assert reminder.status == Reminder.Status.PENDING
    assert titles(officer) == []
    clock.shift(settings.DEADLINE_REQUEUE_AFTER - 10)
    sweep()
    assert titles(officer) == []  # not yet: it might still be on its way
    clock.shift(20)
    sweep()  # broker back: queued again and sent, once
    sweep()
    assert len(titles(officer)) == 1


class FlakyChannel:
    name = "flaky"
    transactional = False
    failures = 1

    def send(self, message):
        if FlakyChannel.failures > 0:
            FlakyChannel.failures -= 1
            raise ConnectionError("SMS gateway unreachable")


def test_a_failing_channel_retries_with_backoff_and_the_error_is_visible(
    deadline, officer, clock, sweep, settings
):
    from cases.deadlines import channels

    settings.DEADLINE_CHANNELS = [
        "cases.deadlines.channels.InAppChannel",
        "tests.deadlines.test_sweep.FlakyChannel",
    ]
    channels._load.cache_clear()
    FlakyChannel.failures = 1
    try:
        clock.move_to(DUE - DAY)
        sweep()
        reminder = Reminder.objects.get()
        assert reminder.status == Reminder.Status.FAILED
        assert "SMS gateway unreachable" in reminder.last_error
        assert reminder.next_attempt_at == DUE - DAY + dt.timedelta(minutes=1)
        assert len(titles(officer)) == 1  # the bell got through
        clock.shift(61)
        sweep()
        reminder.refresh_from_db()
        assert reminder.status == Reminder.Status.SENT and reminder.attempts == 2
        assert len(titles(officer)) == 1  # not sent twice in the bell
        assert Delivery.objects.filter(reminder=reminder, status="sent").count() == 2
    finally:
        channels._load.cache_clear()


def test_a_sweep_that_overlaps_another_returns_at_once(deadline, clock):
    clock.move_to(DUE - DAY)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK])
            assert deadline_sweep().ran is False
            cursor.execute("ROLLBACK")
    finally:
        other.close()
    assert Reminder.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_reminder_deliver_it_once(officer):
    with time_machine.travel(START, tick=False) as clock:
        from cases.deadlines.registry import sync_kinds

        sync_kinds()
        dossier = DossierFactory()
        deadline_open(
            kind="tests.hearing",
            record=dossier,
            governorate=dossier.governorate,
            due_at=DUE,
            responsible_user=officer,
        )
        clock.move_to(DUE - DAY)
        with mock.patch("cases.deadlines.services._publish"):
            deadline_sweep()
        reminder = Reminder.objects.get()
        barrier = threading.Barrier(2)

        def send():
            barrier.wait()
            try:
                reminder_send(reminder_id=reminder.pk)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert Notification.objects.filter(user=officer).count() == 1


def test_a_large_sweep_queues_batches_that_fan_out_to_one_send_each(
    clock, kind, officer, sweep, monkeypatch
):
    from cases.deadlines import services, tasks

    monkeypatch.setattr(services, "DISPATCH_BATCH", 3)
    for _ in range(7):
        dossier = DossierFactory()
        deadline_open(
            kind="tests.hearing",
            record=dossier,
            governorate=dossier.governorate,
            due_at=DUE,
            responsible_user=officer,
        )
    clock.move_to(DUE - DAY)
    dispatch = tasks.dispatch_reminders
    with mock.patch.object(dispatch, "apply_async", wraps=dispatch.apply_async) as batches:
        sweep()
    assert batches.call_count == 3  # 3 + 3 + 1
    assert len(titles(officer)) == 7
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


def test_a_send_for_a_reminder_that_no_longer_exists_does_nothing():
    from cases.deadlines.tasks import send_reminder

    assert send_reminder.delay(987654).get() == "gone"
