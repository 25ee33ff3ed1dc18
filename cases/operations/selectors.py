"""Reads of the operations app, for monitoring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from cases.health.selectors import Check

from .models import BackupRecord


@dataclass(frozen=True)
class BackupStatus:
    last_good: BackupRecord | None
    age: dt.timedelta | None
    too_old: bool


def backup_status(*, now: dt.datetime | None = None) -> BackupStatus:
    """The last good backup and whether it is older than BACKUP_MAX_AGE_HOURS (one query)."""
    now = now or timezone.now()
    last = (
        BackupRecord.objects.filter(status=BackupRecord.Status.OK).order_by("-finished_at").first()
    )
    age = (now - last.finished_at) if last else None
    too_old = age is None or age > dt.timedelta(hours=settings.BACKUP_MAX_AGE_HOURS)
    return BackupStatus(last_good=last, age=age, too_old=too_old)


def backup_check() -> Check:
    """For /readyz's "watch": is the last good backup recent enough? Its age in hours only."""
    status = backup_status()
    if status.age is None:
        return Check("backup", False, "no good backup recorded")
    hours = status.age.total_seconds() / 3600
    return Check("backup", not status.too_old, f"last good backup {hours:.1f} h ago")
