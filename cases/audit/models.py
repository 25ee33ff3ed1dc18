"""The access log: every view of a case-level record, every reveal of a sealed source, every
sign-in, failed sign-in, sign-out and refused access.

Append-only and tamper-evident. Database triggers refuse UPDATE and DELETE on the table (for the
admin, the application and anyone connecting as the application's user), and each entry carries
an HMAC of its content chained to the previous entry's, with a key that lives outside the database
(``AUDIT_CHAIN_KEY``): a row changed or removed by someone who got past the triggers breaks the
chain, and ``manage.py verify_access_log`` names the first broken entry.
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Governorate


class AccessLogQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def for_object(self, obj: models.Model) -> AccessLogQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        REVEAL = "reveal", _("Revealed a sealed source")
        SEARCH = "search", _("Searched")
        EXPORT = "export", _("Exported")
        IMPORT = "import", _("Imported a list")
        PURGE = "purge", _("Purged under the retention policy")
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOCKOUT = "lockout", _("Locked out")
        LOGOUT = "logout", _("Signed out")
        SESSION_EXPIRED = "session_expired", _("Session expired")
        REFUSED = "refused", _("Access refused")
        NOT_FOUND = "not_found", _("Not found (or outside jurisdiction)")

    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    #: The username as it was (or as typed, for a failed sign-in).
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("record type"),
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    #: A label that identifies the record without personal data (a case number, a referral code).
    object_label = models.CharField(_("record"), max_length=200, blank=True)
    governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("governorate"),
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    #: The path only: a query string could carry personal data and is never stored.
    path = models.CharField(_("page"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False, unique=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        default_permissions = ("view",)
        permissions = [("export_accesslogentry", _("Can export the access log"))]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="accesslog_object"),
            models.Index(fields=["user", "-at"], name="accesslog_user"),
            models.Index(fields=["-at"], name="accesslog_at"),
            models.Index(fields=["action", "-at"], name="accesslog_action"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="accesslog_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.object_label}"
