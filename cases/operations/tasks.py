"""Celery tasks of the operations app, sent by beat (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task(name="operations.backup", ignore_result=True, acks_late=True)
def backup() -> str:
    """Take the nightly encrypted backup, then prune the files the retention does not keep.
    A failure is recorded (BackupRecord ``failed``) and logged as an error for the alerts."""
    from .services import BackupError, backup_create, backup_prune

    try:
        record = backup_create()
    except BackupError:
        return "failed"
    pruned = backup_prune().pruned
    logger.info("Backup %s; pruned %d old files", record.filename, len(pruned))
    return record.filename


@shared_task(name="operations.retention", ignore_result=True, acks_late=True)
def retention() -> int:
    """Purge what the retention rules qualify today, when RETENTION_ENABLED; otherwise log what
    would be purged. Safe to run twice: a record is purged once per rule."""
    from .retention import retention_purge, retention_report

    if not settings.RETENTION_ENABLED:
        for rule in retention_report().rules:
            logger.info(
                "Retention is off (RETENTION_ENABLED): rule %s would purge %d records",
                rule.rule,
                rule.count,
            )
        return 0
    return retention_purge().purged
