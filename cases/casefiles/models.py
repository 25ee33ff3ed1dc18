"""The case file: one person's passage through the programme.

A case is opened at intake (surrender, arrest, hand-over by a tribe or family, or a deserter's
return to his unit). How he came in decides his right to commutation later, so the mode is
recorded precisely and never edited away silently: every change is in the history with who and
why. Statuses follow the programme's pipeline; each move is a guarded service call.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Governorate, Unit
from cases.people.models import Person


class CaseQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def open(self) -> CaseQuerySet:
        return self.exclude(status=Case.Status.CLOSED)


@pghistory.track()
class Case(models.Model):
    class Kind(models.TextChoices):
        VOLUNTARY_SURRENDER = "voluntary", _("Voluntary surrender")
        ARREST = "arrest", _("Arrest")
        HANDED_OVER = "handed_over", _("Handed over by tribe or family")
        DESERTER_RETURN = "deserter_return", _("Deserter's return to his unit")

    class Status(models.TextChoices):
        SURRENDERED = "surrendered", _("Surrendered / received")
        ARRESTED = "arrested", _("Arrested")
        SCREENING = "screening", _("Screening")
        INVESTIGATION = "investigation", _("Investigation")
        REFERRED_TO_TRIAL = "referred_to_trial", _("Referred to trial")
        TRIAL = "trial", _("Trial")
        VERDICT = "verdict", _("Verdict")
        CASSATION = "cassation", _("Cassation")
        FINAL = "final", _("Final")
        SERVING_SENTENCE = "serving", _("Serving sentence")
        CONDITIONAL_RELEASE = "conditional_release", _("Conditional release")
        AMNESTIED = "amnestied", _("Amnestied")
        RELEASED = "released", _("Released")
        REINTEGRATION = "reintegration", _("Reintegration")
        CLOSED = "closed", _("Closed")

    number = models.CharField(_("case number"), max_length=20, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    kind = models.CharField(_("how he came in"), max_length=20, choices=Kind.choices)
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    receiving_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="received_cases",
        verbose_name=_("receiving unit"),
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned officer"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    #: The heaviest penalty of the offences charged, in months (life = 240; death counts as life
    #: here); unknown until charges are recorded. Caps total pre-trial detention.
    max_penalty_months = models.PositiveIntegerField(
        _("maximum penalty of the charges (months)"), null=True, blank=True
    )
    #: Bumped by every edit: a save made from an older version is refused (optimistic locking).
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("change_case_status", _("Can move a case along the pipeline"))]
        # One index per filter of the case list, in the list's order (newest first, the id as
        # the tie-break of keyset pagination), within a governorate and nationally; scanned
        # backwards for "oldest first". Checked with EXPLAIN at 1,000,000 cases: bench/pages.py.
        indexes = [
            models.Index(fields=["governorate", "-opened_at", "-id"], name="case_gov_opened"),
            models.Index(fields=["-opened_at", "-id"], name="case_opened"),
            models.Index(
                fields=["governorate", "status", "-opened_at", "-id"], name="case_gov_status"
            ),
            models.Index(fields=["status", "-opened_at", "-id"], name="case_status"),
            models.Index(fields=["governorate", "kind", "-opened_at", "-id"], name="case_gov_kind"),
            models.Index(fields=["receiving_unit", "-opened_at", "-id"], name="case_unit"),
            models.Index(fields=["assigned_officer", "-opened_at", "-id"], name="case_officer"),
            models.Index(fields=["governorate", "number"], name="case_gov_number"),
            # "Case number starts with" (istartswith: UPPER(number) LIKE 'ANB-2017%').
            models.Index(
                OpClass(Upper("number"), name="text_pattern_ops"), name="case_number_prefix"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("casefiles:detail", args=[self.pk])

    @property
    def audit_label(self) -> str:
        """How the access log and reminders name a case: its number, never the person."""
        return self.number


class CaseNumberSequence(models.Model):
    """The last case number given per governorate and year (``ANB-2017-00042``)."""

    governorate = models.ForeignKey(Governorate, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["governorate", "year"], name="casenumber_once")
        ]

    def __str__(self) -> str:
        return f"{self.governorate_id}/{self.year}: {self.last_value}"


class CaseStatusChange(models.Model):
    """One move along the pipeline: from, to, who, when, why. Written only by the services."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Case.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"


class AgeBand(models.TextChoices):
    """Age at the time of the acts (Juvenile Welfare Law 76/1983; Penal Code Art. 79)."""

    UNDER_9 = "under_9", _("Under 9: not criminally responsible")
    JUVENILE_9_15 = "juvenile_9_15", _("Juvenile, 9 to 15")
    JUVENILE_15_18 = "juvenile_15_18", _("Juvenile, 15 to 18")
    YOUNG_18_20 = "young_18_20", _("18 to 20: no death sentence")
    ADULT = "adult", _("Adult")
    UNKNOWN = "unknown", _("Unknown: no date of birth")


@pghistory.track()
class Intake(models.Model):
    """What the receiving officer recorded when he came in."""

    class Role(models.TextChoices):
        FIGHTER = "fighter", _("Fighter")
        HISBAH = "hisbah", _("Religious police (hisbah)")
        LOGISTICS = "logistics", _("Logistics")
        ADMINISTRATION = "administration", _("Administration")
        OTHER = "other", _("Other")

    class YesNoUnknown(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="intake")
    at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    receiving_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receiving officer"),
    )
    handed_over_by = models.CharField(
        _("handed over by"),
        max_length=200,
        blank=True,
        help_text=_("For a hand-over: the tribe, sheikh or family member."),
    )
    affiliation = models.CharField(_("affiliation"), max_length=120)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    role_detail = models.CharField(_("role in his words"), max_length=200, blank=True)
    affiliated_from = models.DateField(_("affiliated from"), null=True, blank=True)
    affiliated_until = models.DateField(_("affiliated until"), null=True, blank=True)
    killing_declared = models.CharField(
        _("declared part in killing"),
        max_length=10,
        choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    coercion_claimed = models.BooleanField(_("coercion claimed"), default=False)
    coercion_details = models.TextField(_("how he was coerced"), blank=True)
    cooperation_given = models.BooleanField(_("cooperation given"), default=False)
    information_given = models.TextField(_("information given"), blank=True)
    family_at_risk = models.BooleanField(_("family members at risk"), default=False)
    family_at_risk_details = models.TextField(_("who is at risk, and where"), blank=True)
    protection_needed = models.BooleanField(_("protection needed"), default=False)
    medical_needs = models.TextField(_("medical needs"), blank=True)
    #: Computed from his date of birth at the start of the acts (see services.age_band).
    age_at_acts = models.PositiveSmallIntegerField(
        _("age at the time of the acts"), null=True, blank=True
    )
    age_band = models.CharField(
        _("age band"), max_length=20, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    is_juvenile = models.BooleanField(_("juvenile at the time of the acts"), default=False)
    presented_to_judge_at = models.DateTimeField(
        _("papers before the investigating judge"), null=True, blank=True
    )
    presented_to_court = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("investigating court"),
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        indexes = [models.Index(fields=["is_juvenile"], name="intake_juvenile")]

    def __str__(self) -> str:
        return f"{self.case} @ {self.at:%Y-%m-%d}"

    @property
    def acts_from(self) -> dt.date:
        """The day the acts began: his affiliation's start, or the intake day if unknown."""
        return self.affiliated_from or timezone.localdate(self.at)


@pghistory.track()
class Screening(models.Model):
    class WantedMatch(models.TextChoices):
        NONE = "none", _("No match")
        POSSIBLE = "possible", _("Possible match")
        CONFIRMED = "confirmed", _("Confirmed match")

    class RiskTier(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Outcome(models.TextChoices):
        INVESTIGATE = "investigate", _("Refer to investigation")
        RELEASE = "release", _("Release")
        DESERTER_AMNESTY = "deserter_amnesty", _("Refer for deserter amnesty")
        OTHER = "other", _("Other")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="screening")
    screened_at = models.DateTimeField(_("screened"), default=timezone.now)
    wanted_match = models.CharField(
        _("wanted-list match"), max_length=10, choices=WantedMatch.choices
    )
    wanted_reference = models.CharField(_("wanted-list reference"), max_length=100, blank=True)
    risk_tier = models.CharField(_("risk tier"), max_length=10, choices=RiskTier.choices)
    interviewing_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("interviewing officer"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.case}: {self.get_outcome_display()}"


@pghistory.track()
class WeaponItem(models.Model):
    """A weapon handed over, in the register."""

    class Kind(models.TextChoices):
        RIFLE = "rifle", _("Rifle")
        PISTOL = "pistol", _("Pistol")
        MACHINE_GUN = "machine_gun", _("Machine gun")
        RPG = "rpg", _("Rocket launcher")
        GRENADE = "grenade", _("Grenade")
        EXPLOSIVES = "explosives", _("Explosives or belt")
        AMMUNITION = "ammunition", _("Ammunition")
        OTHER = "other", _("Other")

    class Condition(models.TextChoices):
        WORKING = "working", _("Working")
        DAMAGED = "damaged", _("Damaged")
        UNSERVICEABLE = "unserviceable", _("Unserviceable")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="weapons")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=80, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received by"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    storage_location = models.CharField(_("stored at"), max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("weapon handed over")
        verbose_name_plural = _("weapons handed over")
        indexes = [models.Index(fields=["serial_number"], name="weapon_serial")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial_number}".strip()


class WeaponCustodyEntry(models.Model):
    """A link in a weapon's chain of custody: who handed it to whom, where, when. Append-only."""

    weapon = models.ForeignKey(WeaponItem, on_delete=models.PROTECT, related_name="custody")
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_holder = models.CharField(_("from"), max_length=200)
    to_holder = models.CharField(_("to"), max_length=200)
    location = models.CharField(_("where"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("custody entry")
        verbose_name_plural = _("chain of custody")

    def __str__(self) -> str:
        return f"{self.from_holder} → {self.to_holder}"


@pghistory.track()
class CustodyRule(models.Model):
    """The limits of pre-trial detention from a date on (CPC Art. 109)."""

    effective_from = models.DateField(_("in effect from"), unique=True)
    max_order_days = models.PositiveSmallIntegerField(_("longest order (days)"), default=15)
    max_total_days = models.PositiveSmallIntegerField(_("longest total (days)"), default=180)
    max_share_of_penalty = models.DecimalField(
        _("share of the maximum penalty"), max_digits=4, decimal_places=3, default=0.25
    )
    legal_source = models.TextField(_("legal source"))
    source_verified = models.BooleanField(_("source verified"), default=False)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("custody rule")
        verbose_name_plural = _("custody rules")

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.max_order_days} / {self.max_total_days} days"


@pghistory.track()
class DetentionOrder(models.Model):
    """A judge's order keeping him in detention for a period."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="detention_orders")
    court = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    judge_name = models.CharField(_("judge"), max_length=120)
    order_number = models.CharField(_("order number"), max_length=60, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (inclusive)"))
    felony_court_extension = models.BooleanField(
        _("extended by the felony court"),
        default=False,
        help_text=_("Past the total limit only on the felony court's decision."),
    )
    extension_reference = models.CharField(_("felony court decision"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("detention order")
        verbose_name_plural = _("detention orders")

    def __str__(self) -> str:
        return f"{self.case}: {self.starts_on} – {self.ends_on}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1
