"""On a real worker and broker, the request id crosses the broker in the task's headers and the
worker writes JSON lines for the task's events, without its arguments."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from cases.health.models import Heartbeat
from cases.health.tasks import heartbeat
from cases.security.requestid import log_context
from caseweb.celery import app
from tests.support.worker import celery_worker, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def not_eager():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def test_the_worker_logs_task_events_with_the_request_id_that_queued_them(not_eager):
    source = f"logs-{uuid.uuid4().hex[:8]}-19876543210"
    request_id = f"req-{uuid.uuid4().hex}"
    with celery_worker(env={"LOG_FORMAT": "json"}) as worker:
        with log_context(request_id=request_id):
            result = heartbeat.apply_async(args=[source], queue=worker.queue)
        assert wait_for(lambda: Heartbeat.objects.filter(source=source).exists(), timeout=90)
        log = Path(worker.log.name)
        assert wait_for(lambda: "task.succeeded" in log.read_text(), timeout=30)
        output = log.read_text()
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    events = [x for x in lines if x.get("task_id") == result.id]
    assert [x["event"] for x in events] == ["task.received", "task.started", "task.succeeded"]
    assert {x["request_id"] for x in events} == {request_id}
    assert {x["task_name"] for x in events} == {"health.heartbeat"}
    assert events[-1]["duration_ms"] >= 0
    assert source not in output  # the argument is never logged
    # Celery's own lines went through Django's logging too: JSON, not Celery's format.
    assert any(x["logger"].startswith("celery") for x in lines)
