from __future__ import annotations

import pytest
import time_machine

from cases.health.models import Heartbeat
from cases.health.services import heartbeat_record
from cases.health.tasks import heartbeat

pytestmark = pytest.mark.django_db


def test_heartbeat_moves_forward_and_counts():
    with time_machine.travel("2026-11-20 10:00Z", tick=False):
        heartbeat_record(source="beat")
    with time_machine.travel("2026-11-20 10:01Z", tick=False):
        beat = heartbeat_record(source="beat")
    assert beat.count == 2
    assert beat.beat_at.isoformat() == "2026-11-20T10:01:00+00:00"
    assert Heartbeat.objects.count() == 1


def test_heartbeat_task_records_in_eager_mode():
    heartbeat.delay("worker")
    assert Heartbeat.objects.filter(source="worker").exists()
