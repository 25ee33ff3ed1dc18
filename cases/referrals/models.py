"""Referrals: word that someone wants to leave the group, brought by his family or tribe.

A father, a brother, a sheikh comes to a police station to say that a member wants out, or asks
that he be rescued. The group kills those who leave, and their families: **the source's identity
is sealed** (encrypted at rest with keys outside the database, ``cases.security.sealed``) and
shown only as a code name, revealed only with a permission, a typed reason and an entry in the
access log. The referral's link to the surrender is evidence that the surrender was voluntary.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Governorate, Unit
from cases.casefiles.models import Case
from cases.people.models import Person
from cases.security.sealed import BlindIndexField, SealedField


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ReferralQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def open(self) -> ReferralQuerySet:
        return self.exclude(status__in=[Referral.Status.SURRENDERED, Referral.Status.CLOSED])

    def critical(self) -> ReferralQuerySet:
        return self.filter(
            models.Q(source_risk=RiskLevel.CRITICAL) | models.Q(family_risk=RiskLevel.CRITICAL)
        )


@pghistory.track()
class Referral(models.Model):
    class Channel(models.TextChoices):
        FAMILY = "family", _("Family member")
        SHEIKH = "sheikh", _("Tribal sheikh")
        MUKHTAR = "mukhtar", _("Mukhtar")
        COMMUNITY = "community", _("Community leader")
        INTERMEDIARY = "intermediary", _("Intermediary")
        SELF_PHONE = "self_phone", _("Self-referral by phone")

    class Action(models.TextChoices):
        ARRANGE_SURRENDER = "arrange_surrender", _("Arrange his surrender")
        RESCUE = "rescue", _("Rescue or extraction")
        PROTECT_FAMILY = "protect_family", _("Protection for the family")
        INFORMATION = "information", _("Information only")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSESSING = "assessing", _("Assessing")
        CONTACT = "contact", _("Contact established")
        ARRANGED = "arranged", _("Surrender arranged")
        SURRENDERED = "surrendered", _("Surrendered")
        CLOSED = "closed", _("Closed")

    class CloseReason(models.TextChoices):
        WITHDRAWN = "withdrawn", _("Withdrawn by the source")
        UNFOUNDED = "unfounded", _("Unfounded")
        DETAINED = "detained", _("Subject detained otherwise")
        KILLED = "killed", _("Subject killed")
        LOST_CONTACT = "lost_contact", _("Contact lost")

    number = models.CharField(_("referral number"), max_length=24, unique=True)
    received_at = models.DateTimeField(_("received"))
    place = models.CharField(_("where"), max_length=200)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("unit")
    )
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_referrals",
        verbose_name=_("assigned officer"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    channel_detail = models.CharField(
        _("tribe or community"),
        max_length=120,
        blank=True,
        help_text=_("The sheikh's tribe, the community; never the source's name."),
    )

    # --- The source: sealed. Shown as its code name; revealed only with a reason, logged.
    source_code = models.CharField(_("source code name"), max_length=20, unique=True)
    source_name = SealedField(_("source's name"))
    source_phone = SealedField(_("source's phone"), null=True, blank=True)
    source_phone_index = BlindIndexField(
        source="source_phone", normalizer="cases.security.sealed.normalize_phone"
    )
    source_address = SealedField(_("source's address"), null=True, blank=True)
    source_relation = SealedField(_("relation to the subject"), null=True, blank=True)
    #: Only the receiving officer and the supervisors of the governorate may reveal it.
    reveal_restricted = models.BooleanField(
        _("reveal only to the receiving officer and his supervisor"), default=True
    )

    # --- The subject: a known person, or a description.
    subject = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("subject"),
    )
    subject_description = models.CharField(
        _("subject as described"),
        max_length=200,
        blank=True,
        help_text=_("Alias, kunya, how he is known, when his identity is not established."),
    )
    subject_age = models.PositiveSmallIntegerField(_("approximate age"), null=True, blank=True)
    last_known_location = models.CharField(_("last known location"), max_length=200, blank=True)
    role_in_group = models.CharField(_("role in the group"), max_length=120, blank=True)

    # --- What the source says, and asks.
    wants_to_surrender = models.BooleanField(_("wants to surrender"), default=False)
    coerced = models.BooleanField(_("was coerced"), default=False)
    has_not_fought = models.BooleanField(_("has not fought"), default=False)
    family_threatened = models.BooleanField(_("family threatened"), default=False)
    statement = models.TextField(
        _("what the source says"),
        blank=True,
        help_text=_("Never write the source's name, phone or address here."),
    )
    requested_action = models.CharField(
        _("requested action"), max_length=20, choices=Action.choices
    )
    source_risk = models.CharField(
        _("reprisal risk to the source"), max_length=10, choices=RiskLevel.choices
    )
    family_risk = models.CharField(
        _("reprisal risk to the subject's family"), max_length=10, choices=RiskLevel.choices
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    close_reason = models.CharField(
        _("closed because"), max_length=20, choices=CloseReason.choices, blank=True
    )
    #: The case opened when he surrendered: the evidence that his surrender was voluntary.
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("case"),
    )
    #: The first referral about the same subject: several are linked, never duplicated.
    same_subject_as = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="related",
        verbose_name=_("same subject as"),
    )
    version = models.PositiveIntegerField(default=1)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        permissions = [
            ("reveal_source", _("Can reveal a referral's sealed source, with a reason")),
            ("transfer_referral", _("Can transfer a referral to another unit")),
        ]
        # The referral list's filters in its order (newest first, the id as the tie-break of
        # keyset pagination), within a governorate and nationally.
        indexes = [
            models.Index(
                fields=["governorate", "-received_at", "-id"], name="referral_gov_received"
            ),
            models.Index(fields=["-received_at", "-id"], name="referral_received"),
            models.Index(
                fields=["governorate", "status", "-received_at", "-id"], name="referral_list"
            ),
            models.Index(fields=["unit", "-received_at", "-id"], name="referral_unit"),
            models.Index(fields=["source_risk", "status"], name="referral_risk"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("referrals:detail", args=[self.pk])

    @property
    def audit_label(self) -> str:
        """The referral's number: never the source, never the subject."""
        return self.number

    @property
    def is_critical(self) -> bool:
        return RiskLevel.CRITICAL in (self.source_risk, self.family_risk)


class ReferralNumberSequence(models.Model):
    """The last referral number given per governorate and year (``REF-ANB-2017-00042``)."""

    governorate = models.ForeignKey(Governorate, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["governorate", "year"], name="referralnumber_once")
        ]

    def __str__(self) -> str:
        return f"{self.governorate_id}/{self.year}: {self.last_value}"


class ReferralStep(models.Model):
    """A step of the referral's life: status moves, contacts, follow-ups, transfers. Written
    only by the services; never holds the source's identity."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status")
        FOLLOW_UP = "follow_up", _("Follow-up")
        TRANSFER = "transfer", _("Transfer")
        LINK = "link", _("Link")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=12, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Referral.Status.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.kind}"


@pghistory.track()
class ReferralTransfer(models.Model):
    """A referral handed to another unit (or governorate), which accepts or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the receiving unit")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="incoming_referrals")
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(status="pending"),
                name="referral_one_pending_transfer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.referral} → {self.to_unit}"
