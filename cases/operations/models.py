"""What the operations app remembers: each backup taken, and each purge under a retention rule.

Neither holds personal data. A purge record names the record purged by its table and id, the
rule, and the day; it is append-only like the access log (triggers refuse UPDATE and DELETE), so
that "what was purged, when, under which rule" can always be answered.
"""

from __future__ import annotations

import pgtrigger
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BackupRecord(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        OK = "ok", _("Good")
        FAILED = "failed", _("Failed")
        PRUNED = "pruned", _("Pruned by the retention of backups")

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    #: The file's name inside BACKUP_DIR (never a path elsewhere).
    filename = models.CharField(_("file"), max_length=200, blank=True)
    size = models.BigIntegerField(_("size (bytes)"), null=True, blank=True)
    #: SHA-256 of the ciphertext, as written in the file's trailer.
    sha256 = models.CharField(_("SHA-256 of the ciphertext"), max_length=64, blank=True)
    key_id = models.CharField(_("key id"), max_length=32, blank=True)
    database = models.CharField(_("database"), max_length=100, blank=True)
    tables = models.PositiveIntegerField(_("tables"), null=True, blank=True)
    rows = models.BigIntegerField(_("rows"), null=True, blank=True)
    access_log_head = models.CharField(_("access log head"), max_length=64, blank=True)
    access_log_count = models.BigIntegerField(_("access log entries"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("backup")
        verbose_name_plural = _("backups")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["status", "-finished_at"], name="backup_status")]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status} {self.filename}"


class PurgeRecord(models.Model):
    """One record purged under one retention rule. Append-only."""

    class Rule(models.TextChoices):
        IDENTITY = "identity", _("Identity of a person whose cases ended in his favour")
        SOURCE = "source", _("Sealed source of a closed referral")

    rule = models.CharField(_("rule"), max_length=20, choices=Rule.choices)
    #: "people.person" or "referrals.referral": the record purged, by its id only.
    record_type = models.CharField(_("record type"), max_length=60)
    record_id = models.BigIntegerField(_("record id"))
    #: The day the rule's clock started (the last favourable ending, the referral's closing).
    qualified_on = models.DateField(_("qualified on"))
    retention_years = models.PositiveSmallIntegerField(_("retention (years)"))
    purged_at = models.DateTimeField(_("purged"), default=timezone.now)
    #: How many rows were rewritten or deleted, history rows included (counts only).
    rows_changed = models.PositiveIntegerField(_("rows changed"), default=0)
    history_rows_changed = models.PositiveIntegerField(_("history rows changed"), default=0)

    class Meta:
        ordering = ["-purged_at", "-pk"]
        verbose_name = _("purge record")
        verbose_name_plural = _("purge records")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "record_type", "record_id"], name="purge_once_per_rule"
            )
        ]
        triggers = [
            pgtrigger.Protect(
                name="purgerecord_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.record_type}#{self.record_id} {self.purged_at:%Y-%m-%d}"

    @property
    def marker(self) -> str:
        return purge_marker(self.purged_at.date(), self.rule)


def purge_marker(day, rule: str) -> str:
    """What replaces a purged value: says when and under which rule, and nothing else."""
    return f"[purged {day:%Y-%m-%d} under rule {rule}]"
