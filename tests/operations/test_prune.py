"""Pruning of backup files in BACKUP_DIR, and the monitoring of the last good backup."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.operations.models import BackupRecord
from cases.operations.selectors import backup_status
from cases.operations.services import backup_prune

pytestmark = pytest.mark.django_db


def test_prune_removes_what_the_policy_does_not_keep_and_nothing_else(backup_settings):
    directory = backup_settings.BACKUP_DIR
    directory.mkdir(parents=True)
    backup_settings.BACKUP_KEEP_DAILY = 2
    backup_settings.BACKUP_KEEP_WEEKLY = 0
    backup_settings.BACKUP_KEEP_MONTHLY = 0
    names = [f"caseweb-202611{day:02d}T230000Z.cwbk" for day in (17, 18, 19, 20)]
    for name in names:
        (directory / name).write_bytes(b"x")
    BackupRecord.objects.create(filename=names[0], status="ok")
    (directory / "notes.txt").write_text("not ours")
    stale = directory / ".caseweb-20261101T230000Z.cwbk.1.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 3 * 86400,) * 2)

    assert backup_prune(dry_run=True).pruned == [names[1], names[0]]
    assert len(list(directory.iterdir())) == 6  # the dry run removed nothing

    call_command("backup", "--prune-only")
    assert sorted(p.name for p in directory.iterdir()) == [names[2], names[3], "notes.txt"]
    assert BackupRecord.objects.get().status == "pruned"


def test_backup_status_says_when_the_last_good_backup_is_too_old(
    settings, django_assert_max_num_queries
):
    settings.BACKUP_MAX_AGE_HOURS = 26
    now = timezone.now()
    assert backup_status(now=now).too_old  # none at all
    BackupRecord.objects.create(status="ok", finished_at=now - dt.timedelta(hours=30))
    BackupRecord.objects.create(status="failed", finished_at=now - dt.timedelta(hours=1))
    with django_assert_max_num_queries(1):
        status = backup_status(now=now)
    assert status.too_old and status.age == dt.timedelta(hours=30)
    BackupRecord.objects.create(status="ok", finished_at=now - dt.timedelta(hours=2))
    assert not backup_status(now=now).too_old
