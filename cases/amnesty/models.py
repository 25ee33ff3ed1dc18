"""Amnesty decrees, deserters' absences, and amnesty applications with their decisions.

A **decree** is a law or decision that stops proceedings or cancels sentences for some people
(deserters who return within 30 days; the convicted and accused of Law 27/2016), with the
offences it excludes and the conditions it sets. Laws here change (Law 27/2016 was amended in
2017), so exclusions and conditions carry the dates they apply from and until, and every figure
carries its source and whether it has been checked against the official text.

An **absence report** is a unit's record of a soldier or policeman who fled, was absent or
harmed himself to avoid service, and what became of him: returned, prosecuted, emigrated,
deceased. Units see their own; supervisors and the committee the whole jurisdiction.

An **application** asks for a decree to be applied to one case. The eligibility engine
(:mod:`cases.amnesty.rules`) explains rule by rule whether it applies; the amnesty committee (or
a supervisor) decides, and may go against the engine only with a written reason.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Governorate, Unit
from cases.casefiles.models import Case
from cases.legal.fields import ChoiceArrayField
from cases.legal.models import Offence
from cases.people.models import Person

from . import rules


def _arabic() -> bool:
    return (get_language() or "en").startswith("ar")


class Group(models.TextChoices):
    """Whom a decree covers."""

    DESERTER = rules.DESERTER, _("Deserters of the security forces")
    ARMED_GROUP = rules.ARMED_GROUP, _("Members of armed groups")
    CONVICTED = rules.CONVICTED, _("The convicted")
    ACCUSED = rules.ACCUSED, _("The accused not yet tried")


class EngineStatus(models.TextChoices):
    ELIGIBLE = rules.ELIGIBLE, _("Eligible")
    NOT_ELIGIBLE = rules.NOT_ELIGIBLE, _("Not eligible")
    NEEDS_REVIEW = rules.NEEDS_REVIEW, _("Needs review")


class DecreeQuerySet(models.QuerySet):
    def return_windows(self) -> DecreeQuerySet:
        """Decrees whose window runs until a deserter returns to his unit."""
        return self.filter(
            window_event=Decree.WindowEvent.RETURN, groups__contains=[Group.DESERTER]
        )


@pghistory.track()
class Decree(models.Model):
    class WindowEvent(models.TextChoices):
        NONE = "", _("No window")
        RETURN = rules.RETURN, _("Return to his unit")
        APPLICATION = rules.APPLICATION, _("Application")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    legal_reference = models.CharField(_("legal reference"), max_length=300)
    issued_on = models.DateField(_("issued"))
    effective_on = models.DateField(
        _("in effect from"), help_text=_("The window's days are counted from the day after.")
    )
    window_event = models.CharField(
        _("the window runs until"),
        max_length=20,
        choices=WindowEvent.choices,
        blank=True,
        default="",
    )
    window_days = models.PositiveSmallIntegerField(
        _("window (days)"),
        null=True,
        blank=True,
        help_text=_("Counted from the day after it takes effect; or give an end date."),
    )
    window_ends_on = models.DateField(_("window ends on (inclusive)"), null=True, blank=True)
    groups = ChoiceArrayField(
        models.CharField(max_length=20, choices=Group.choices),
        verbose_name=_("whom it covers"),
        default=list,
    )
    covered_categories = ChoiceArrayField(
        models.CharField(max_length=30, choices=Offence.Category.choices),
        verbose_name=_("acts it covers"),
        default=list,
        blank=True,
        help_text=_("Empty: every offence it does not exclude."),
    )
    covered_acts_text = models.TextField(_("acts it covers, in its words"), blank=True)
    acts_until = models.DateField(
        _("acts committed up to"),
        null=True,
        blank=True,
        help_text=_("Empty: acts committed before it took effect."),
    )
    active_from = models.DateField(_("applied from"), null=True, blank=True)
    active_until = models.DateField(_("applied until"), null=True, blank=True)
    allows_retrial = models.BooleanField(
        _("provides for retrial"),
        default=False,
        help_text=_("Where a confession was coerced or rested on a secret informant."),
    )
    source_text = models.TextField(_("source text"))
    source_verified = models.BooleanField(_("source verified"), default=False)
    seeded = models.BooleanField(
        _("seeded data"),
        default=False,
        help_text=_("Entered by Caseweb from secondary sources: to verify against the law."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = DecreeQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "code"]
        verbose_name = _("amnesty decree")
        verbose_name_plural = _("amnesty decrees")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("amnesty:decree", args=[self.pk])

    @property
    def title(self) -> str:
        return self.title_ar if _arabic() else self.title_en

    @property
    def audit_label(self) -> str:
        return self.code

    @property
    def group_labels(self) -> list[str]:
        return [str(Group(g).label) for g in self.groups if g in Group.values]

    @property
    def covered_category_labels(self) -> list[str]:
        values = Offence.Category.values
        return [str(Offence.Category(c).label) for c in self.covered_categories if c in values]

    @property
    def to_verify(self) -> bool:
        return self.seeded or not self.source_verified

    @property
    def window_closes_on(self) -> dt.date | None:
        return rules.window_closes_on(self.effective_on, self.window_days, self.window_ends_on)

    @property
    def window_closes_at(self) -> dt.datetime | None:
        """The last moment of the window: the end of its last day in Baghdad (the law's days
        are Baghdad's, whatever the server's time zone)."""
        day = self.window_closes_on
        return rules.end_of_day(day, rules.BAGHDAD) if day else None

    def clean(self) -> None:
        errors = {}
        if self.window_days is not None and self.window_ends_on is not None:
            errors["window_ends_on"] = _("Give the window in days or as an end date, not both.")
        if self.window_event and self.window_days is None and self.window_ends_on is None:
            errors["window_days"] = _("Give the length of the window or its end date.")
        if not self.window_event and (self.window_days is not None or self.window_ends_on):
            errors["window_event"] = _("Say until what the window runs.")
        if self.window_ends_on and self.window_ends_on < self.effective_on:
            errors["window_ends_on"] = _("The window cannot end before the decree takes effect.")
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("It cannot take effect before it was issued.")
        start = self.active_from or self.effective_on
        if self.active_until and start and self.active_until < start:
            errors["active_until"] = _("The end of its application is before its start.")
        if errors:
            raise ValidationError(errors)


class DatedRule(models.Model):
    """A part of a decree that applies from a date and until a date (an amendment adds or ends
    it), with its own source."""

    label_en = models.CharField(_("label (English)"), max_length=300)
    label_ar = models.CharField(_("label (Arabic)"), max_length=300)
    effective_from = models.DateField(
        _("applies from"), null=True, blank=True, help_text=_("Empty: from the decree's start.")
    )
    effective_until = models.DateField(_("applies until"), null=True, blank=True)
    source_text = models.TextField(_("source"))
    source_verified = models.BooleanField(_("source verified"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_ar if _arabic() else self.label_en


@pghistory.track()
class DecreeExclusion(DatedRule):
    """An offence the decree excludes: a category, or offences carrying some flags (terrorism
    that caused death or permanent disability), or both."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="exclusions")
    category = models.CharField(
        _("category"),
        max_length=30,
        choices=Offence.Category.choices,
        blank=True,
        help_text=_("Empty: any category carrying the flags below."),
    )
    flags = ChoiceArrayField(
        models.CharField(max_length=30, choices=Offence.Flag.choices),
        verbose_name=_("only when the acts"),
        default=list,
        blank=True,
    )

    class Meta(DatedRule.Meta):
        verbose_name = _("excluded offence")
        verbose_name_plural = _("excluded offences")

    @property
    def flag_labels(self) -> list[str]:
        return [str(Offence.Flag(f).label) for f in self.flags if f in Offence.Flag.values]

    def clean(self) -> None:
        if not self.category and not self.flags:
            raise ValidationError(_("Give a category, flags, or both."))


@pghistory.track()
class DecreeCondition(DatedRule):
    """A condition the decree sets: return to the unit, the victim's waiver, payment of civil
    claims. ``applies_to_flag`` limits it to people whose acts carry the flag (a waiver is asked
    only where a complainant or victim holds a private right)."""

    class Kind(models.TextChoices):
        RETURN_TO_UNIT = rules.RETURN_TO_UNIT, _("Return to his unit")
        VICTIM_WAIVER = rules.VICTIM_WAIVER, _("Waiver by the complainant or victim's family")
        CIVIL_CLAIMS = rules.CIVIL_CLAIMS, _("Payment of the civil claims")
        OTHER = rules.OTHER_CONDITION, _("Other")

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="conditions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    applies_to_flag = models.CharField(
        _("only when the acts"),
        max_length=30,
        choices=Offence.Flag.choices,
        blank=True,
        help_text=_("Empty: asked of everyone the decree covers."),
    )
    days_allowed = models.PositiveSmallIntegerField(
        _("days allowed"),
        null=True,
        blank=True,
        help_text=_("From the application; sets the deadline of a pending condition."),
    )

    class Meta(DatedRule.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")


# --- Absences ------------------------------------------------------------------------------------


class AbsenceQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def still_away(self) -> AbsenceQuerySet:
        return self.filter(status__in=rules.AWAY)


@pghistory.track()
class AbsenceReport(models.Model):
    """A unit's report of a member who left his post, and what became of him."""

    class Circumstance(models.TextChoices):
        FLED = rules.FLED, _("Fled his post")
        ABSENT = rules.ABSENT_WITHOUT_LEAVE, _("Absent without leave")
        SELF_HARM = rules.SELF_HARM, _("Harmed himself to avoid service")

    class Status(models.TextChoices):
        ABSENT = rules.ABSENT, _("Absent")
        RETURNED = rules.RETURNED, _("Returned to his unit")
        PROSECUTED = rules.PROSECUTED, _("Prosecuted")
        EMIGRATED = rules.EMIGRATED, _("Emigrated")
        DECEASED = rules.DECEASED, _("Deceased")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="absences", verbose_name=_("person")
    )
    service_number = models.CharField(_("service number"), max_length=30)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="absences", verbose_name=_("unit")
    )
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    absent_since = models.DateField(_("absent since"))
    circumstances = models.CharField(
        _("circumstances"), max_length=20, choices=Circumstance.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ABSENT
    )
    status_on = models.DateField(_("status since"))
    returned_at = models.DateTimeField(_("returned to his unit"), null=True, blank=True)
    emigrated_to = models.CharField(_("emigrated to"), max_length=100, blank=True)
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="absences",
        verbose_name=_("case of his return"),
    )
    notes = models.TextField(_("notes"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        ordering = ["-absent_since", "-pk"]
        verbose_name = _("absence report")
        verbose_name_plural = _("absence reports")
        permissions = [
            (
                "view_jurisdiction_absences",
                _("Can see the absences of every unit of the jurisdiction"),
            )
        ]
        indexes = [
            models.Index(fields=["unit", "-absent_since"], name="absence_unit"),
            models.Index(fields=["governorate", "status"], name="absence_gov_status"),
            models.Index(fields=["service_number"], name="absence_service_number"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["absent", "emigrated"]),
                name="absence_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("amnesty:absence", args=[self.pk])

    @property
    def audit_label(self) -> str:
        """How logs and reminders name an absence: never by the person's name."""
        return f"ABS-{self.pk}"


class AbsenceStatusChange(models.Model):
    """One change of an absence's status: from, to, on what day, who, why. Written only by the
    services."""

    report = models.ForeignKey(
        AbsenceReport, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=AbsenceReport.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AbsenceReport.Status.choices)
    on = models.DateField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("absence status change")
        verbose_name_plural = _("absence status changes")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status} → {self.to_status}"


# --- Applications --------------------------------------------------------------------------------


class ApplicationQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "case__governorate"

    def undecided(self) -> ApplicationQuerySet:
        return self.filter(status__in=Application.OPEN)


# The engine's kept answer is bookkeeping for lists; the decision keeps the one that counts.
@pghistory.track(exclude=["engine_lines", "evaluated_at"])
class Application(models.Model):
    """A request that a decree be applied to one case."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        REVIEW = "review", _("Under review")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        RETRIAL = "retrial", _("Retrial requested")

    OPEN = (Status.APPLIED, Status.REVIEW)

    decree = models.ForeignKey(
        Decree, on_delete=models.PROTECT, related_name="applications", verbose_name=_("decree")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        related_name="amnesty_applications",
        verbose_name=_("case"),
    )
    absence = models.ForeignKey(
        AbsenceReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("absence"),
    )
    applied_on = models.DateField(_("applied on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    note = models.TextField(_("note"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("filed"), default=timezone.now)
    #: The engine's last finding, kept so that lists can show and filter it; the application's
    #: page evaluates again.
    engine_status = models.CharField(
        _("eligibility"), max_length=20, choices=EngineStatus.choices, blank=True
    )
    engine_lines = models.JSONField(default=list, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_at", "-pk"]
        verbose_name = _("amnesty application")
        verbose_name_plural = _("amnesty applications")
        permissions = [("decide_application", _("Can decide amnesty applications"))]
        indexes = [
            models.Index(fields=["status", "-filed_at"], name="application_status"),
            models.Index(fields=["decree", "status"], name="application_decree"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["decree", "case"],
                condition=models.Q(status__in=["applied", "review"]),
                name="application_one_open_per_decree",
            )
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("amnesty:application", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number}/A{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


@pghistory.track()
class ApplicationCondition(models.Model):
    """Where a condition of the decree stands for one application (the waiver given, the civil
    claims paid), with its date."""

    class State(models.TextChoices):
        PENDING = rules.PENDING_STATE, _("Awaited")
        MET = rules.MET, _("Met")
        FAILED = rules.FAILED, _("Not met")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="condition_states"
    )
    condition = models.ForeignKey(DecreeCondition, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["condition__order", "pk"]
        verbose_name = _("condition of an application")
        verbose_name_plural = _("conditions of applications")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "condition"], name="application_condition_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.condition_id} {self.state}"


@pghistory.track()
class Decision(models.Model):
    """The committee's (or a supervisor's) decision on an application, with the engine's finding
    at that moment; an override of the engine carries its written reason."""

    class Outcome(models.TextChoices):
        GRANT = rules.GRANT, _("Grant")
        REFUSE = rules.REFUSE, _("Refuse")
        RETRIAL = rules.RETRIAL, _("Request a retrial")

    class RetrialGround(models.TextChoices):
        NONE = "", _("—")
        COERCED_CONFESSION = rules.COERCED_CONFESSION, _("The confession was coerced")
        SECRET_INFORMANT = rules.SECRET_INFORMANT, _("It rested on a secret informant")

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("grounds"))
    retrial_ground = models.CharField(
        _("ground for retrial"), max_length=20, choices=RetrialGround.choices, blank=True
    )
    override = models.BooleanField(_("goes against the engine"), default=False)
    override_reason = models.TextField(_("why it goes against the engine"), blank=True)
    engine_status = models.CharField(
        _("eligibility when decided"), max_length=20, choices=EngineStatus.choices
    )
    engine_lines = models.JSONField(default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("amnesty decision")
        verbose_name_plural = _("amnesty decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(override=False) | ~models.Q(override_reason=""),
                name="decision_override_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.outcome}"
