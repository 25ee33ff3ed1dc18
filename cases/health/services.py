"""Writes of the health app."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from .models import Heartbeat


def heartbeat_record(*, source: str) -> Heartbeat:
    """Record that ``source`` is alive now. Safe to run twice: it only moves the time forward."""
    now = timezone.now()
    heartbeat, created = Heartbeat.objects.get_or_create(
        source=source, defaults={"beat_at": now, "count": 1}
    )
    if not created:
        Heartbeat.objects.filter(pk=heartbeat.pk).update(beat_at=now, count=F("count") + 1)
        heartbeat.refresh_from_db()
    return heartbeat
