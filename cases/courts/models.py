"""Courts: hearings, verdicts per charge, the sentence and its dates, cassation, commutation.

A **court** is a :class:`cases.accounts.models.Unit` of a court kind (investigating, felony,
juvenile, cassation); a judge is a user whose unit is the court. A **hearing** is one sitting of a
court on a case. A **verdict** is what the court found on each active charge; its **sentence** is
the penalty of the case as a whole, with the dates that follow from it (start, expected release,
conditional-release eligibility), computed by :mod:`cases.courts.rules` from the rule set in
effect on the day of the verdict. Cassation and commutation change the sentence only through the
services, each time keeping the previous sentence in a :class:`SentenceChange` row.

The figures (life = 20 years, the 25-year cap, three quarters, the 30-day appeal ...) and the
commutation rules are kept in the database with their legal source, versioned by the date they
take effect, and seeded unverified (:mod:`cases.courts.reference`).
"""

from __future__ import annotations

from fractions import Fraction

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Unit
from cases.casefiles.models import Case
from cases.legal.fields import ChoiceArrayField
from cases.legal.models import Charge, Offence

from . import rules

COURT_KINDS = (
    Unit.Kind.INVESTIGATING_COURT,
    Unit.Kind.FELONY_COURT,
    Unit.Kind.JUVENILE_COURT,
    Unit.Kind.CASSATION_COURT,
)
#: Courts that try and sentence (the investigating court does not).
TRIAL_COURT_KINDS = (Unit.Kind.FELONY_COURT, Unit.Kind.JUVENILE_COURT)


def _arabic() -> bool:
    return (get_language() or "en").startswith("ar")


class PenaltyChoice(models.TextChoices):
    DEATH = rules.Penalty.DEATH.value, _("Death")
    LIFE = rules.Penalty.LIFE.value, _("Life imprisonment (20 years)")
    TEMPORARY = rules.Penalty.TEMPORARY.value, _("Temporary imprisonment (over 5 up to 15 years)")
    IMPRISONMENT = rules.Penalty.IMPRISONMENT.value, _("Imprisonment (up to 5 years)")
    FINE = rules.Penalty.FINE.value, _("Fine")
    JUVENILE = rules.Penalty.JUVENILE.value, _("Juvenile measure")
    EXEMPT = rules.Penalty.EXEMPT.value, _("Exempted from the penalty")


# --- Rule sets -----------------------------------------------------------------------------------


@pghistory.track()
class SentenceRuleSet(models.Model):
    """The figures of sentence arithmetic and of the court's time limits from a date on."""

    effective_from = models.DateField(_("in effect from"), unique=True)
    life_years = models.PositiveSmallIntegerField(_("life imprisonment (years)"), default=20)
    max_total_years = models.PositiveSmallIntegerField(
        _("cap on the total deprivation of liberty (years)"), default=25
    )
    temporary_min_years = models.PositiveSmallIntegerField(
        _("temporary imprisonment: more than (years)"), default=5
    )
    temporary_max_years = models.PositiveSmallIntegerField(
        _("temporary imprisonment: up to (years)"), default=15
    )
    imprisonment_max_years = models.PositiveSmallIntegerField(
        _("imprisonment: up to (years)"), default=5
    )
    juvenile_max_years = models.PositiveSmallIntegerField(
        _("juvenile measure: up to (years)"), default=15
    )
    conditional_numerator = models.PositiveSmallIntegerField(
        _("conditional release: share served (numerator)"), default=3
    )
    conditional_denominator = models.PositiveSmallIntegerField(
        _("conditional release: share served (denominator)"), default=4
    )
    juvenile_conditional_numerator = models.PositiveSmallIntegerField(
        _("conditional release of a juvenile (numerator)"), default=2
    )
    juvenile_conditional_denominator = models.PositiveSmallIntegerField(
        _("conditional release of a juvenile (denominator)"), default=3
    )
    conditional_min_months = models.PositiveSmallIntegerField(
        _("conditional release: at least (months served)"), default=6
    )
    step_life_to_temporary_years = models.PositiveSmallIntegerField(
        _("one step down from life: temporary imprisonment of (years)"), default=15
    )
    step_temporary_to_imprisonment_years = models.PositiveSmallIntegerField(
        _("one step down from temporary imprisonment: at most (years)"), default=5
    )
    appeal_days = models.PositiveSmallIntegerField(_("cassation appeal (days)"), default=30)
    automatic_cassation_days = models.PositiveSmallIntegerField(
        _("automatic cassation of death and life sentences (days)"), default=10
    )
    legal_source = models.TextField(_("legal source"))
    legal_source_ar = models.TextField(
        _("legal source (Arabic)"),
        blank=True,
        help_text=_("Shown on Arabic pages; when empty, the legal source above is shown."),
    )
    source_verified = models.BooleanField(_("source verified"), default=False)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("sentence rule set")
        verbose_name_plural = _("sentence rule sets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(conditional_denominator__gt=0)
                & models.Q(juvenile_conditional_denominator__gt=0),
                name="sentenceruleset_denominators",
            )
        ]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.life_years} / {self.max_total_years}"

    @property
    def source(self) -> str:
        """The legal source in the active language (English when no Arabic text is given)."""
        return self.legal_source_ar if _arabic() and self.legal_source_ar else self.legal_source

    def to_rules(self) -> rules.SentenceRules:
        return rules.SentenceRules(
            life_years=self.life_years,
            max_total_years=self.max_total_years,
            temporary_min_years=self.temporary_min_years,
            temporary_max_years=self.temporary_max_years,
            imprisonment_max_years=self.imprisonment_max_years,
            juvenile_max_years=self.juvenile_max_years,
            conditional_share=Fraction(self.conditional_numerator, self.conditional_denominator),
            conditional_share_juvenile=Fraction(
                self.juvenile_conditional_numerator, self.juvenile_conditional_denominator
            ),
            conditional_min_months=self.conditional_min_months,
            step_life_to_temporary_years=self.step_life_to_temporary_years,
            step_temporary_to_imprisonment_years=self.step_temporary_to_imprisonment_years,
            source=self.source,
        )


class CommutationRuleQuerySet(models.QuerySet):
    def in_effect(self, day) -> CommutationRuleQuerySet:
        return self.filter(
            models.Q(effective_from__isnull=True) | models.Q(effective_from__lte=day),
            models.Q(effective_until__isnull=True) | models.Q(effective_until__gte=day),
            is_active=True,
        )


@pghistory.track()
class CommutationRule(models.Model):
    """One ground of commutation the calculator weighs (an age limit, a legal excuse, judicial
    leniency, the programme's promise for voluntary surrender), with its conditions."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=[
            (rules.Stage.LIMITS.value, _("Limits set by age")),
            (rules.Stage.AGGRAVATING.value, _("Aggravating circumstances")),
            (rules.Stage.EXCUSE.value, _("Legal excuses")),
            (rules.Stage.LENIENCY.value, _("Judicial leniency")),
        ],
    )
    effect = models.CharField(
        _("effect"),
        max_length=20,
        choices=[
            (rules.Effect.EXEMPT.value, _("Exemption from the penalty")),
            (rules.Effect.STEP_DOWN.value, _("One step down the scale")),
            (rules.Effect.REDUCE.value, _("The term reduced by a fraction")),
            (rules.Effect.AGE_LIMIT.value, _("What the law allows at his age")),
        ],
    )
    fraction_numerator = models.PositiveSmallIntegerField(_("reduction (numerator)"), default=0)
    fraction_denominator = models.PositiveSmallIntegerField(_("reduction (denominator)"), default=1)
    requires_voluntary_surrender = models.BooleanField(
        _("requires voluntary surrender"), default=False
    )
    forfeited_by_arrest = models.BooleanField(_("forfeited by arrest"), default=False)
    requires_informed_before_discovery = models.BooleanField(
        _("requires informing before the crime was discovered"), default=False
    )
    requires_informed_before_own_arrest = models.BooleanField(
        _("requires informing before his own arrest"), default=False
    )
    requires_information_led_to_arrests = models.BooleanField(
        _("requires information that led to arrests"), default=False
    )
    offence_categories = ChoiceArrayField(
        models.CharField(max_length=30, choices=Offence.Category.choices),
        verbose_name=_("only for offences of"),
        default=list,
        blank=True,
        help_text=_("Empty: any offence."),
    )
    order = models.PositiveSmallIntegerField(_("order within its stage"), default=0)
    effective_from = models.DateField(_("applies from"), null=True, blank=True)
    effective_until = models.DateField(_("applies until"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    legal_source = models.TextField(_("legal source"))
    legal_source_ar = models.TextField(
        _("legal source (Arabic)"),
        blank=True,
        help_text=_("Shown on Arabic pages; when empty, the legal source above is shown."),
    )
    source_verified = models.BooleanField(_("source verified"), default=False)

    objects = CommutationRuleQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "order", "code"]
        verbose_name = _("commutation rule")
        verbose_name_plural = _("commutation rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fraction_denominator__gt=0),
                name="commutationrule_denominator",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_ar if _arabic() else self.title_en

    @property
    def source(self) -> str:
        """The legal source in the active language (English when no Arabic text is given)."""
        return self.legal_source_ar if _arabic() and self.legal_source_ar else self.legal_source

    def to_rule(self) -> rules.CommutationRule:
        return rules.CommutationRule(
            code=self.code,
            title=self.title,
            stage=rules.Stage(self.stage),
            effect=rules.Effect(self.effect),
            source=self.source + ("" if self.source_verified else " " + gettext("(unverified)")),
            fraction=Fraction(self.fraction_numerator, self.fraction_denominator),
            requires_voluntary_surrender=self.requires_voluntary_surrender,
            forfeited_by_arrest=self.forfeited_by_arrest,
            requires_informed_before_discovery=self.requires_informed_before_discovery,
            requires_informed_before_own_arrest=self.requires_informed_before_own_arrest,
            requires_information_led_to_arrests=self.requires_information_led_to_arrests,
            offence_categories=frozenset(self.offence_categories),
            verified=self.source_verified,
            order=self.order,
        )


# --- Hearings ------------------------------------------------------------------------------------


class HearingQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "case__governorate"

    def occupying(self) -> HearingQuerySet:
        """Hearings that take their slot (a postponed one frees it)."""
        return self.exclude(outcome=Hearing.Outcome.POSTPONED)


@pghistory.track()
class Hearing(models.Model):
    class Kind(models.TextChoices):
        INVESTIGATION = "investigation", _("Investigation")
        TRIAL = "trial", _("Trial")
        SENTENCING = "sentencing", _("Sentencing")
        CASSATION = "cassation", _("Cassation")

    class Outcome(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        ADJOURNED = "adjourned", _("Adjourned")
        POSTPONED = "postponed", _("Postponed")
        NO_SHOW = "no_show", _("No-show")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("case")
    )
    court = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("court")
    )
    courtroom = models.CharField(_("courtroom"), max_length=40, default="1")
    scheduled_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hearings",
        verbose_name=_("presiding judge"),
    )
    defence_present = models.BooleanField(_("defence counsel present"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.SCHEDULED
    )
    next_at = models.DateTimeField(_("next date"), null=True, blank=True)
    next_hearing = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="previous_hearing",
        verbose_name=_("next hearing"),
    )
    notes = models.TextField(_("notes"), blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    #: Bumped by every change: a change made from an older version is refused.
    version = models.PositiveIntegerField(default=1)

    objects = HearingQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_at", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [
            # The docket's order (time, courtroom, id: keyset pagination) within a court.
            models.Index(
                fields=["court", "scheduled_at", "courtroom", "id"], name="hearing_court_at"
            ),
            models.Index(fields=["judge", "scheduled_at"], name="hearing_judge_at"),
            models.Index(fields=["case", "scheduled_at"], name="hearing_case_at"),
        ]
        constraints = [
            # The services refuse overlapping slots; these catch two at exactly the same time
            # even under a race.
            models.UniqueConstraint(
                fields=["judge", "scheduled_at"],
                condition=~models.Q(outcome="postponed"),
                name="hearing_judge_slot_once",
            ),
            models.UniqueConstraint(
                fields=["court", "courtroom", "scheduled_at"],
                condition=~models.Q(outcome="postponed"),
                name="hearing_room_slot_once",
            ),
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("courts:hearing", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number}/H{self.pk}"

    @property
    def ends_at(self):
        import datetime as dt

        return self.scheduled_at + dt.timedelta(minutes=self.duration_minutes)


# --- Verdicts and sentences ----------------------------------------------------------------------


class VerdictQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "case__governorate"

    def current(self) -> VerdictQuerySet:
        return self.filter(superseded_at__isnull=True)


@pghistory.track()
class Verdict(models.Model):
    """What a trial court found, per charge. A retrial ordered by cassation supersedes it."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="verdicts", verbose_name=_("case")
    )
    court = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="verdicts", verbose_name=_("court")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="verdicts",
        verbose_name=_("judge"),
    )
    hearing = models.ForeignKey(
        Hearing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verdicts",
        verbose_name=_("hearing"),
    )
    decided_on = models.DateField(_("date of the verdict"))
    reasons = models.TextField(_("reasons"), blank=True)
    appeal_until = models.DateField(_("cassation appeal until"))
    automatic_cassation = models.BooleanField(
        _("referred to cassation by law"),
        default=False,
        help_text=_(
            "Death and life sentences go to the Court of Cassation whether or not appealed."
        ),
    )
    final_on = models.DateField(_("final since"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded by a retrial"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    #: Bumped by every change of the verdict or its sentence (optimistic locking).
    version = models.PositiveIntegerField(default=1)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        permissions = [("decide_commutation", _("Can decide commutation of a sentence"))]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(superseded_at__isnull=True),
                name="verdict_one_current_per_case",
            )
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("courts:case", args=[self.case_id])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number}/V{self.pk}"


@pghistory.track()
class ChargeVerdict(models.Model):
    """The finding on one charge, and the penalty for it when convicted."""

    class Finding(models.TextChoices):
        CONVICTED = "convicted", _("Convicted")
        ACQUITTED = "acquitted", _("Acquitted")
        DISMISSED = "dismissed", _("Dismissed")
        INSUFFICIENT = "insufficient_evidence", _("Released for insufficient evidence")

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="findings")
    charge = models.ForeignKey(Charge, on_delete=models.PROTECT, related_name="findings")
    finding = models.CharField(_("finding"), max_length=30, choices=Finding.choices)
    penalty = models.CharField(
        _("penalty"), max_length=20, choices=PenaltyChoice.choices, blank=True
    )
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    fine = models.PositiveIntegerField(_("fine (IQD)"), null=True, blank=True)

    class Meta:
        ordering = ["charge__added_at", "pk"]
        verbose_name = _("finding on a charge")
        verbose_name_plural = _("findings on charges")
        constraints = [
            models.UniqueConstraint(fields=["verdict", "charge"], name="finding_once_per_charge")
        ]

    def __str__(self) -> str:
        return f"{self.verdict_id}/{self.charge_id}: {self.finding}"

    def sentence(self) -> rules.Sentence | None:
        if self.finding != self.Finding.CONVICTED or not self.penalty:
            return None
        return to_sentence(self.penalty, self.years, self.months, self.days, self.fine)


def to_sentence(penalty: str, years: int, months: int, days: int, fine) -> rules.Sentence:
    p = rules.Penalty(penalty)
    term = rules.Term(years, months, days) if p in rules.CUSTODIAL else None
    return rules.Sentence(p, term, fine if p == rules.Penalty.FINE else None)


class SentenceQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "verdict__case__governorate"


@pghistory.track()
class Sentence(models.Model):
    """The penalty of the case as a whole (the gravest, with the days of all custodial penalties
    added up and capped) and the dates that follow from it."""

    verdict = models.OneToOneField(Verdict, on_delete=models.CASCADE, related_name="sentence")
    penalty = models.CharField(_("penalty"), max_length=20, choices=PenaltyChoice.choices)
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    fine = models.PositiveIntegerField(_("fine (IQD)"), null=True, blank=True)
    total_days = models.PositiveIntegerField(
        _("deprivation of liberty (days)"), null=True, blank=True
    )
    capped = models.BooleanField(_("capped at the legal maximum"), default=False)
    starts_on = models.DateField(_("starts on"))
    credited_days = models.PositiveIntegerField(_("pre-trial detention credited (days)"), default=0)
    release_on = models.DateField(_("expected release"), null=True, blank=True)
    conditional_release_on = models.DateField(
        _("conditional release eligible from"), null=True, blank=True
    )
    juvenile = models.BooleanField(_("juvenile at the acts"), default=False)
    rule_set = models.ForeignKey(
        SentenceRuleSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule set")
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SentenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")

    def __str__(self) -> str:
        return self.label

    def as_rules(self) -> rules.Sentence:
        return to_sentence(self.penalty, self.years, self.months, self.days, self.fine)

    @property
    def label(self) -> str:
        return self.as_rules().label()

    @property
    def is_custodial(self) -> bool:
        return self.total_days is not None and self.total_days > 0


class SentenceChange(models.Model):
    """A sentence before and after a change (cassation, commutation, correction): who, when,
    why, and what it was. Written only by the services; never edited."""

    class Source(models.TextChoices):
        VERDICT = "verdict", _("Verdict corrected")
        CASSATION = "cassation", _("Cassation")
        COMMUTATION = "commutation", _("Commutation")

    sentence = models.ForeignKey(Sentence, on_delete=models.CASCADE, related_name="changes")
    source = models.CharField(max_length=20, choices=Source.choices)
    before = models.JSONField()
    after = models.JSONField()
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("sentence change")
        verbose_name_plural = _("sentence changes")

    def __str__(self) -> str:
        return f"{self.sentence_id}: {self.source}"


# --- Cassation -----------------------------------------------------------------------------------


class CassationQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "verdict__case__governorate"

    def pending(self) -> CassationQuerySet:
        return self.filter(outcome="")


@pghistory.track()
class CassationReview(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "", _("Pending")
        UPHELD = "upheld", _("Upheld")
        REDUCED = "reduced", _("Sentence reduced")
        QUASHED = "quashed", _("Quashed")
        RETRIAL = "retrial", _("Retrial ordered")

    verdict = models.ForeignKey(
        Verdict, on_delete=models.PROTECT, related_name="cassations", verbose_name=_("verdict")
    )
    automatic = models.BooleanField(_("referred by law"), default=False)
    filed_on = models.DateField(_("filed on"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    grounds = models.TextField(_("grounds"), blank=True)
    outcome = models.CharField(
        _("decision"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reasons = models.TextField(_("reasons"), blank=True)

    objects = CassationQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("cassation review")
        verbose_name_plural = _("cassation reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["verdict"], condition=models.Q(outcome=""), name="cassation_one_pending"
            )
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("courts:case", args=[self.verdict.case_id])

    @property
    def audit_label(self) -> str:
        return f"{self.verdict.case.number}/X{self.pk}"


# --- Commutation ---------------------------------------------------------------------------------


class CommutationQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "sentence__verdict__case__governorate"

    def waiting(self) -> CommutationQuerySet:
        return self.filter(status=CommutationRequest.Status.PENDING)


@pghistory.track()
class CommutationRequest(models.Model):
    """The calculator's proposal for one sentence, on the facts of the case, and the judge's
    decision on it (accept, modify, reject), never automatic."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        MODIFIED = "modified", _("Modified")
        REJECTED = "rejected", _("Rejected")

    sentence = models.ForeignKey(
        Sentence, on_delete=models.PROTECT, related_name="commutations", verbose_name=_("sentence")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    #: The facts the calculator was given (a snapshot: the case may change later).
    facts = models.JSONField(default=dict)
    information_led_to_arrests = models.BooleanField(
        _("his information led to arrests"),
        default=False,
        help_text=_("A fact the judge establishes; cooperation alone is not enough."),
    )
    original = models.JSONField(default=dict)
    proposed = models.JSONField(default=dict)
    lines = models.JSONField(default=list)
    sentence_version = models.PositiveIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    decided = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)

    objects = CommutationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("commutation request")
        verbose_name_plural = _("commutation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["sentence"],
                condition=models.Q(status="pending"),
                name="commutation_one_pending",
            )
        ]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("courts:commutation", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.sentence.verdict.case.number}/M{self.pk}"
