"""Opening, moving, meeting and cancelling deadlines; the pure rules behind them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from cases.deadlines.models import Deadline, DeadlineRule
from cases.deadlines.services import (
    DeadlineError,
    backoff,
    deadline_cancel,
    deadline_meet,
    deadline_meet_for,
    deadline_move,
    deadline_open,
    next_action_at,
)
from cases.security.history import history_for
from tests.deadlines.conftest import DAY, HOUR

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
OFFSETS = [7 * 86400, 86400, 7200]


@pytest.mark.parametrize(
    ("status", "due", "escalate", "expected"),
    [
        ("open", NOW + 10 * DAY, HOUR, NOW + 3 * DAY),  # next: the 7-day stage
        ("open", NOW + 5 * DAY, HOUR, NOW),  # 7-day stage reached at opening: sent at once
        ("open", NOW + HOUR, HOUR, NOW),  # every stage reached: the nearest is sent at once
        ("open", NOW + 20 * DAY, HOUR, NOW + 13 * DAY),
        ("open", NOW - HOUR, HOUR, NOW - HOUR),  # opened already due: missed at the next sweep
        ("missed", NOW - 30 * dt.timedelta(minutes=1), HOUR, NOW + 30 * dt.timedelta(minutes=1)),
        ("missed", NOW - 2 * HOUR, HOUR, NOW),  # escalation already due: now
        ("missed", NOW - HOUR, None, None),  # never escalated
        ("met", NOW + DAY, HOUR, None),
        ("cancelled", NOW + DAY, HOUR, None),
    ],
)
def test_next_action(status, due, escalate, expected):
    got = next_action_at(
        status=status, due_at=due, offsets=OFFSETS, escalate_after=escalate, now=NOW
    )
    assert got == expected


@pytest.mark.parametrize(("attempt", "minutes"), [(1, 1), (2, 2), (3, 4), (7, 60), (20, 60)])
def test_backoff_doubles_up_to_an_hour(attempt, minutes):
    assert backoff(attempt) == dt.timedelta(minutes=minutes)


def test_open_counts_the_rule_duration_from_the_event(kind, dossier, officer):
    event = timezone.now() - HOUR
    deadline = deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        event_at=event,
        responsible_user=officer,
    )
    assert deadline.due_at == event + 10 * DAY
    assert deadline.object_label == dossier.label
    assert deadline.status == Deadline.Status.OPEN
    assert deadline.next_action_at == deadline.due_at - 7 * DAY


def test_open_twice_for_one_event_opens_one_deadline(kind, dossier, officer):
    args = {
        "kind": "tests.hearing",
        "record": dossier,
        "governorate": dossier.governorate,
        "responsible_user": officer,
        "event_key": "surrender",
    }
    assert deadline_open(**args) == deadline_open(**args)
    assert Deadline.objects.count() == 1


def test_the_rule_in_effect_on_the_event_day_applies(kind, rule, dossier, officer):
    DeadlineRule.objects.create(
        kind=kind,
        effective_from=dt.date(2017, 6, 1),
        duration=dt.timedelta(days=3),
        reminder_offsets=[86400],
        legal_source="amended",
        escalate_after=None,
    )
    before = dt.datetime(2017, 5, 30, 12, tzinfo=dt.UTC)
    after = dt.datetime(2017, 6, 2, 12, tzinfo=dt.UTC)
    with time_machine.travel(dt.datetime(2017, 5, 30, 12, tzinfo=dt.UTC)):
        old = deadline_open(
            kind="tests.hearing",
            record=dossier,
            governorate=dossier.governorate,
            event_at=before,
            responsible_user=officer,
            event_key="a",
        )
        new = deadline_open(
            kind="tests.hearing",
            record=dossier,
            governorate=dossier.governorate,
            event_at=after,
            responsible_user=officer,
            event_key="b",
        )
    assert old.due_at - before == 10 * DAY
    assert new.due_at - after == 3 * DAY
    assert new.rule.legal_source == "amended"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "no.such.kind"}, "Unknown"),
        ({"responsible_user": None}, "responsible"),
        ({"kind": "deadlines.follow_up", "due_at": None}, "no duration"),
    ],
)
def test_open_refuses(kind, dossier, officer, kwargs, message):
    args = {
        "kind": "tests.hearing",
        "record": dossier,
        "governorate": dossier.governorate,
        "responsible_user": officer,
        **kwargs,
    }
    with pytest.raises(DeadlineError, match=message):
        deadline_open(**args)


@pytest.fixture
def deadline(kind, dossier, officer):
    return deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        responsible_user=officer,
    )


def test_move_needs_a_reason_and_restarts_the_stages(deadline, supervisor):
    with pytest.raises(DeadlineError, match="reason"):
        deadline_move(deadline=deadline, due_at=deadline.due_at + DAY, by=supervisor, reason=" ")
    moved = deadline_move(
        deadline=deadline, due_at=deadline.due_at + DAY, by=supervisor, reason="court extended"
    )
    assert moved.generation == 2
    last = history_for(moved)[-1]
    assert last["reason"] == "court extended" and last["user"] == supervisor


def test_meet_is_idempotent(deadline, officer):
    first = deadline_meet(deadline=deadline, by=officer, reason="brought before the judge")
    again = deadline_meet(deadline=deadline, by=officer)
    assert first.status == again.status == Deadline.Status.MET
    assert again.met_at == first.met_at
    assert again.next_action_at is None


def test_a_missed_deadline_met_late_stays_missed_with_its_time(deadline, officer):
    Deadline.objects.filter(pk=deadline.pk).update(status="missed", missed_at=timezone.now())
    met = deadline_meet(deadline=deadline, by=officer)
    assert met.status == Deadline.Status.MISSED
    assert met.met_at is not None
    with pytest.raises(DeadlineError, match="open"):
        deadline_move(deadline=met, due_at=met.due_at + DAY, by=officer, reason="x")


def test_cancel_needs_a_reason_and_cannot_undo_a_met_deadline(deadline, officer):
    with pytest.raises(DeadlineError, match="reason"):
        deadline_cancel(deadline=deadline, by=officer, reason="")
    deadline_meet(deadline=deadline, by=officer)
    with pytest.raises(DeadlineError, match="met"):
        deadline_cancel(deadline=deadline, by=officer, reason="released")


def test_cancel_is_idempotent(deadline, officer):
    deadline_cancel(deadline=deadline, by=officer, reason="released")
    assert deadline_cancel(deadline=deadline, by=officer, reason="again").close_reason == "released"


def test_meet_for_finds_the_deadline_of_a_record(deadline, dossier, officer):
    assert deadline_meet_for(kind="tests.hearing", record=dossier, by=officer).status == "met"
    assert (
        deadline_meet_for(kind="tests.hearing", record=dossier, event_key="other", by=officer)
        is None
    )


def test_the_history_says_which_deadline_opened_in_the_readers_language(kind, dossier, officer):
    with translation.override("en"):
        deadline = deadline_open(
            kind="tests.hearing",
            record=dossier,
            governorate=dossier.governorate,
            responsible_user=officer,
        )
        deadline_meet(deadline=deadline, by=officer)
    with translation.override("ar"):
        opened, _met = (event["reason"] for event in history_for(deadline))
        # The kind is named by its Arabic label (the sentence around it is catalogue work).
        assert "جلسة" in opened and "tests.hearing" not in opened and "Hearing" not in opened
    with translation.override("en"):
        opened, met = (event["reason"] for event in history_for(deadline))
        assert opened == "Deadline opened: Hearing" and met == "Deadline met"


def test_every_registered_kind_has_an_arabic_legal_source(kind):
    from cases.deadlines.registry import registered_kinds

    missing = [code for code, spec in registered_kinds().items() if not spec.legal_source_ar]
    assert missing == []
    assert kind.rules.get().legal_source_ar == "سياسة البرنامج (اختبار)"


def test_the_rule_source_is_the_readers_language_falling_back_to_english(rule):
    with translation.override("ar"):
        assert rule.source == "سياسة البرنامج (اختبار)"
        rule.legal_source_ar = ""
        assert rule.source == "Programme policy (test)"
    with translation.override("en"):
        rule.legal_source_ar = "نص"
        assert rule.source == "Programme policy (test)"


def test_the_migration_gives_registry_rules_their_arabic_source_only_when_unchanged(kind, rule):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cases.deadlines.migrations.0002_rule_legal_source_ar")
    DeadlineRule.objects.filter(pk=rule.pk).update(legal_source_ar="")
    edited = DeadlineRule.objects.create(
        kind=kind,
        effective_from=dt.date(2020, 1, 1),
        legal_source="rewritten by an administrator",
    )
    migration.fill_arabic_sources(apps, None)
    rule.refresh_from_db()
    edited.refresh_from_db()
    assert rule.legal_source_ar == "سياسة البرنامج (اختبار)"
    assert edited.legal_source_ar == ""
