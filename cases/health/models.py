"""Heartbeats of the background processes (beat, workers), for health checks and tests."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a named background process proved it was alive."""

    source = models.CharField(_("source"), max_length=100, unique=True)
    beat_at = models.DateTimeField(_("last beat"))
    count = models.PositiveBigIntegerField(_("beats"), default=0)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self) -> str:
        return f"{self.source} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
