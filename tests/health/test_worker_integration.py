"""A real Celery worker on the configured broker runs a task queued by the application."""

from __future__ import annotations

import uuid

import pytest

from cases.health.models import Heartbeat
from cases.health.tasks import heartbeat
from caseweb.celery import app
from tests.support.worker import celery_worker, wait_for

pytestmark = [pytest.mark.integration]


@pytest.fixture
def not_eager():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_from_the_broker(not_eager):
    source = f"integration-{uuid.uuid4().hex[:8]}"
    with celery_worker() as worker:
        heartbeat.apply_async(args=[source], queue=worker.queue)
        assert wait_for(lambda: Heartbeat.objects.filter(source=source).exists(), timeout=90), (
            f"the worker did not run the task on {app.conf.broker_url.split('://')[0]}"
        )
    assert Heartbeat.objects.get(source=source).count == 1
