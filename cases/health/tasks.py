"""Tasks of the health app."""

from __future__ import annotations

from celery import shared_task

from .services import heartbeat_record


@shared_task(name="health.heartbeat", ignore_result=True)
def heartbeat(source: str) -> None:
    """Record a heartbeat for ``source``; beat sends one every minute (see CELERY_BEAT_SCHEDULE)."""
    heartbeat_record(source=source)
