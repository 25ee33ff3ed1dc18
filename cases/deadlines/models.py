"""Deadlines, the rules that set them, the reminder outbox, and in-app notifications.

A deadline belongs to any record (a generic relation), to a governorate (jurisdiction) and to a
responsible user or unit. Its figures come from the ``DeadlineRule`` of its kind in effect on the
day of the event that opened it: laws change (Law 27/2016 was amended in 2017), so rules are
versioned by the date they take effect, with their legal source beside them.

The sweep (``services.deadline_sweep``) never scans all deadlines: each open deadline carries
``next_action_at``, the moment something must next happen to it (a reminder stage, the due time,
an escalation), and a partial index on it makes the sweep proportional to the work due.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Governorate, Unit


class DeadlineKind(models.Model):
    """What is due: a kind from the registry, labelled in both languages."""

    code = models.CharField(_("code"), max_length=80, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_ar = models.CharField(_("label (Arabic)"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("deadline kind")
        verbose_name_plural = _("deadline kinds")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_ar if (get_language() or "en").startswith("ar") else self.label_en

    def rule_on(self, day: dt.date) -> DeadlineRule:
        """The rule in effect on ``day`` (the latest that took effect on or before it)."""
        rule = self.rules.filter(effective_from__lte=day).order_by("-effective_from").first()
        if rule is None:
            raise DeadlineRule.DoesNotExist(f"No rule of {self.code} is in effect on {day}.")
        return rule


@pghistory.track()
class DeadlineRule(models.Model):
    """The figures of a kind from a date on: duration, reminder stages, escalation, source."""

    kind = models.ForeignKey(
        DeadlineKind, on_delete=models.PROTECT, related_name="rules", verbose_name=_("kind")
    )
    effective_from = models.DateField(_("in effect from"))
    duration = models.DurationField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_("From the event to the due time; empty when each deadline gives its date."),
    )
    reminder_offsets = ArrayField(
        models.PositiveIntegerField(),
        verbose_name=_("reminders (seconds before due)"),
        default=list,
        blank=True,
        help_text=_("E.g. 604800, 86400, 7200 for 7 days, 1 day and 2 hours before."),
    )
    escalate_after = models.DurationField(
        _("escalate after"),
        null=True,
        blank=True,
        help_text=_(
            "After the due time, when a missed deadline goes to the supervisor; empty: never."
        ),
    )
    legal_source = models.TextField(_("legal source"))
    legal_source_ar = models.TextField(
        _("legal source (Arabic)"),
        blank=True,
        help_text=_("Shown on Arabic pages; when empty, the legal source above is shown."),
    )
    source_verified = models.BooleanField(
        _("source verified"),
        default=False,
        help_text=_("Unticked while the article's text has not been checked against the law."),
    )

    class Meta:
        ordering = ["kind", "-effective_from"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [
            models.UniqueConstraint(fields=["kind", "effective_from"], name="deadlinerule_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind.code} from {self.effective_from}"

    @property
    def offsets(self) -> list[dt.timedelta]:
        return [dt.timedelta(seconds=s) for s in sorted(self.reminder_offsets, reverse=True)]

    @property
    def source(self) -> str:
        """The legal source in the active language (the English text when no Arabic is given)."""
        if (get_language() or "en").startswith("ar") and self.legal_source_ar:
            return self.legal_source_ar
        return self.legal_source


class DeadlineQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def open(self) -> DeadlineQuerySet:
        return self.filter(status=Deadline.Status.OPEN)

    def for_object(self, obj: models.Model) -> DeadlineQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def of_user(self, user) -> DeadlineQuerySet:
        """Deadlines the user answers for: his own, and his unit's that name no one."""
        mine = Q(responsible_user=user)
        if user.unit_id:
            mine |= Q(responsible_user__isnull=True, responsible_unit_id=user.unit_id)
        return self.filter(mine)

    def overdue(self, now: dt.datetime | None = None) -> DeadlineQuerySet:
        now = now or timezone.now()
        return self.filter(
            Q(status=Deadline.Status.MISSED, met_at__isnull=True)
            | Q(status=Deadline.Status.OPEN, due_at__lte=now)
        )


# next_action_at is the sweep's bookkeeping: its changes are not history worth keeping.
@pghistory.track(exclude=["next_action_at"])
class Deadline(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.ForeignKey(
        DeadlineKind, on_delete=models.PROTECT, related_name="deadlines", verbose_name=_("kind")
    )
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    #: Identifies the record without personal data (a case number), for lists and reminders.
    object_label = models.CharField(_("record"), max_length=200)
    #: The event that opened it, so that opening twice for one event opens one deadline.
    event_key = models.CharField(_("event"), max_length=100, blank=True)
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("responsible user"),
    )
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("responsible unit"),
    )
    starts_at = models.DateTimeField(_("counted from"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    #: Bumped when the due time moves, so that each reminder stage is sent again for the new time.
    generation = models.PositiveSmallIntegerField(default=1)
    next_action_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    missed_at = models.DateTimeField(_("missed at"), null=True, blank=True)
    met_at = models.DateTimeField(_("met at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    close_reason = models.TextField(_("reason"), blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "event_key"],
                name="deadline_once_per_event",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_action_at"],
                name="deadline_sweep",
                condition=Q(next_action_at__isnull=False),
            ),
            models.Index(fields=["content_type", "object_id"], name="deadline_record"),
            models.Index(fields=["responsible_user", "status", "due_at"], name="deadline_user"),
            models.Index(fields=["responsible_unit", "status", "due_at"], name="deadline_unit"),
            models.Index(fields=["governorate", "status", "due_at"], name="deadline_jurisdiction"),
        ]

    def __str__(self) -> str:
        return f"{self.kind.label}: {self.object_label}"

    @property
    def is_overdue(self) -> bool:
        return self.met_at is None and (
            self.status == self.Status.MISSED
            or (self.status == self.Status.OPEN and self.due_at <= timezone.now())
        )


class Reminder(models.Model):
    """The outbox: one row per deadline and stage, written by the sweep, sent by a task.

    The unique key (deadline, stage) means a stage is written once however many sweeps run;
    sending marks the row sent, and a failure is kept here for everyone to see.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failing, will retry")
        DEAD = "dead", _("Failed, gave up")
        SKIPPED = "skipped", _("Not sent: the deadline was met, moved or cancelled")

    deadline = models.ForeignKey(
        Deadline, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("deadline")
    )
    #: "g<generation>:before:<seconds>", "g<generation>:missed" or "g<generation>:escalation".
    stage = models.CharField(_("stage"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    #: When the sweep should (re)queue it: now for a new row; later after a failure (backoff) or
    #: after queueing (in case the broker lost the message). Empty once sent, skipped or dead.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "stage"], name="reminder_once_per_stage")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="reminder_unsent",
                condition=Q(next_attempt_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id}/{self.stage}"

    @property
    def is_escalation(self) -> bool:
        return self.stage.endswith(":escalation")

    @property
    def offset(self) -> dt.timedelta | None:
        parts = self.stage.split(":")
        return dt.timedelta(seconds=int(parts[2])) if parts[1] == "before" else None

    @property
    def stage_label(self) -> str:
        """The stage as people say it: "1 day before", "Missed", "Escalation"."""
        from .wording import time_left

        if self.is_escalation:
            return gettext("Escalation")
        if self.offset is None:
            return gettext("Missed")
        return gettext("%(left)s before") % {"left": time_left(self.offset.total_seconds())}


class Delivery(models.Model):
    """One reminder to one user through one channel: sent at most once."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["reminder", "user", "channel"], name="delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.reminder_id} → {self.user_id} ({self.channel})"


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message in the bell, written in the recipient's language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.ForeignKey(
        Reminder, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    is_escalation = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["user", "-created_at"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(fields=["user", "-created_at"], name="notification_user"),
        ]

    def __str__(self) -> str:
        return self.title
