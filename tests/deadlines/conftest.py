from __future__ import annotations

import datetime as dt

import pytest

from cases.deadlines.models import DeadlineKind, DeadlineRule
from cases.deadlines.registry import register_kind, sync_kinds

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

# A kind of the engine's own tests: 7 days, 1 day and 2 hours before; escalated 1 hour after.
register_kind(
    "tests.hearing",
    label_en="Hearing",
    label_ar="جلسة",
    legal_source="Programme policy (test)",
    legal_source_ar="سياسة البرنامج (اختبار)",
    duration=dt.timedelta(days=10),
    reminder_offsets=(7 * DAY, DAY, 2 * HOUR),
    escalate_after=HOUR,
)


@pytest.fixture
def kind(db) -> DeadlineKind:
    sync_kinds()
    return DeadlineKind.objects.get(code="tests.hearing")


@pytest.fixture
def dossier(db):
    from tests.factories import DossierFactory

    return DossierFactory()


@pytest.fixture
def rule(kind) -> DeadlineRule:
    return kind.rules.get()
