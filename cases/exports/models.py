"""Exports: a list the user sees (cases, referrals, hearings, deadlines), written to CSV or Excel
by a Celery task that reports its progress.

An :class:`ExportJob` remembers who asked, for which list, with which filters, and how far the
worker has come. The file lives in a private directory (``EXPORTS_ROOT``, by default
``var/exports``), never under a static or media URL: it is handed out only by the download view,
to its owner, and every start and every download is written to the access log. Files expire
(``EXPORTS_RETENTION``) and are deleted by the housekeeping task.
"""

from __future__ import annotations

import os
from pathlib import Path

import pghistory
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def export_root() -> Path:
    """The private directory of the export files."""
    root = getattr(settings, "EXPORTS_ROOT", None)
    return Path(root) if root else Path(settings.BASE_DIR) / "var" / "exports"


@deconstructible
class ExportStorage(FileSystemStorage):
    """The files of the exports, in :func:`export_root` (read at each use, so that tests and
    deployments may move it). They have no URL: only the download view serves them."""

    def __init__(self) -> None:
        super().__init__(directory_permissions_mode=0o700, file_permissions_mode=0o600)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(export_root())

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Export files are never served by URL; use the download view.")


class ExportJobQuerySet(models.QuerySet):
    def of_user(self, user) -> ExportJobQuerySet:
        """A user's own exports: nobody else's, whatever his scope."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(requested_by=user)

    def active(self) -> ExportJobQuerySet:
        return self.filter(status__in=[ExportJob.Status.QUEUED, ExportJob.Status.RUNNING])


# Progress bookkeeping (rows_done, heartbeat_at) changes every few thousand rows: not history
# worth keeping. Status moves, the total and the file are.
@pghistory.track(exclude=["rows_done", "heartbeat_at"])
class ExportJob(models.Model):
    class Dataset(models.TextChoices):
        CASES = "cases", _("Cases")
        REFERRALS = "referrals", _("Referrals")
        HEARINGS = "hearings", _("Hearings")
        DEADLINES = "deadlines", _("Deadlines")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel (.xlsx)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="export_jobs",
        verbose_name=_("requested by"),
    )
    dataset = models.CharField(_("list"), max_length=20, choices=Dataset.choices)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    #: The list page's filters, as its filter form reads them (plus ``scope``: which page).
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    #: The language of the column headings and labels: the user's when he asked.
    language = models.CharField(_("language"), max_length=5, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), storage=ExportStorage(), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    #: The run that holds the job: a second delivery of the message finds it taken and leaves it.
    claim = models.CharField(max_length=32, blank=True, editable=False)
    #: When the running worker last wrote progress: a run silent for too long is taken over.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="export_user"),
            models.Index(fields=["status", "expires_at"], name="export_status"),
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("exports:job", args=[self.pk])

    @property
    def audit_label(self) -> str:
        """How the access log names an export: its number, list and format; no personal data."""
        return f"EXP-{self.pk} {self.dataset} ({self.format})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def download_name(self) -> str:
        day = timezone.localtime(self.created_at).date().isoformat()
        return f"{self.dataset}-{day}-{self.pk}.{self.format}"
