"""/healthz and /readyz: for load balancers, without personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.health.services import heartbeat_record

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_is_ready_with_a_recent_beat(client):
    heartbeat_record(source="beat")
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert set(response.json()["checks"]) == {"database", "migrations", "broker", "beat"}


def test_readyz_is_unavailable_when_beat_stopped(client):
    from cases.health.models import Heartbeat

    heartbeat_record(source="beat")
    Heartbeat.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=10))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["beat"]["ok"] is False


def test_readyz_is_unavailable_without_a_broker(client, monkeypatch):
    from caseweb.celery import app

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    heartbeat_record(source="beat")
    # Whatever the broker (filesystem, Redis, RabbitMQ): its connection cannot be made.
    monkeypatch.setattr(app, "connection_for_write", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_readyz_reports_the_backup_age_to_watch_without_becoming_unready(client):
    from cases.operations.models import BackupRecord

    heartbeat_record(source="beat")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["watch"]["backup"] == {
        "ok": False,
        "detail": "no good backup recorded",
    }

    BackupRecord.objects.create(
        status=BackupRecord.Status.OK,
        started_at=timezone.now() - dt.timedelta(hours=3),
        finished_at=timezone.now() - dt.timedelta(hours=3),
    )
    watch = client.get("/readyz").json()["watch"]["backup"]
    assert watch["ok"] is True and watch["detail"].startswith("last good backup 3.0 h ago")
