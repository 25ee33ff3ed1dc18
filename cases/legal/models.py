"""The law as the programme applies it: the offence catalogue, and the charges on a case.

An **offence** is an article of a law (Anti-Terrorism Law 13/2005 Art. 4/1, Military Penal Code
Art. 33 ...) with its titles in Arabic and English, its category (what amnesty decrees exclude or
cover), its penalty range and the flags amnesty rules look at (terrorism that caused death or
permanent disability, a victim holding a private right ...). The catalogue is seeded from the
programme's notes and edited in the admin; an entry whose text has not been checked against the
official law says so (``source_verified``) wherever it is shown.

A **charge** is an offence held against a person in his case: added with a reason, withdrawn
with a reason, never deleted. Later parts of the programme (verdicts per charge, amnesty) build
on it, so it stays general: what it says is "this case carries this article, since then, because".
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.casefiles.models import Case

from . import rules
from .fields import ChoiceArrayField


class OffenceQuerySet(models.QuerySet):
    def active(self) -> OffenceQuerySet:
        return self.filter(is_active=True)


@pghistory.track()
class Offence(models.Model):
    class Category(models.TextChoices):
        TERRORISM = "terrorism", _("Terrorism")
        STATE_SECURITY = "state_security", _("Crimes against state security")
        CORRUPTION = "corruption", _("Corruption (bribery)")
        EMBEZZLEMENT = "embezzlement", _("Embezzlement of state funds")
        MONEY_LAUNDERING = "money_laundering", _("Money laundering")
        ABUSE_OF_OFFICE = "abuse_of_office", _("Abuse or overstepping of office")
        HUMAN_TRAFFICKING = "human_trafficking", _("Human trafficking")
        RAPE = "rape", _("Rape and sexual assault")
        KIDNAPPING = "kidnapping", _("Kidnapping")
        HOMICIDE = "homicide", _("Homicide")
        HONOUR = "honour", _("Crimes prejudicial to honour")
        PROPERTY = "property", _("Crimes against property")
        MILITARY_ORDER = "military_order", _("Offences against military order")
        DESERTION = "desertion", _("Desertion (fleeing service)")
        ABSENCE = "absence", _("Absence from service")
        SELF_HARM = "self_harm", _("Malingering or self-harm to escape service")
        OTHER = "other", _("Other")

    class Flag(models.TextChoices):
        """Facts of an offence that amnesty rules look at (exclusions, conditions)."""

        DEATH_OR_DISABILITY = "death_or_disability", _("caused death or permanent disability")
        AGAINST_ARMED_FORCES = "against_armed_forces", _("fighting the armed forces")
        STATE_INSTITUTIONS = "state_institutions", _("sabotage of state institutions")
        STATE_FUNDS = "state_funds", _("state funds")
        PRIVATE_RIGHT = "private_right", _("a complainant or victim holds a private right")

    class Penalty(models.TextChoices):
        """The heaviest penalty the article provides (Penal Code 111/1969 Art. 85 ff.)."""

        DEATH = rules.DEATH, _("Death")
        LIFE = rules.LIFE, _("Life imprisonment (20 years)")
        TEMPORARY = rules.TEMPORARY, _("Temporary imprisonment (over 5 up to 15 years)")
        IMPRISONMENT = rules.IMPRISONMENT, _("Imprisonment (up to 5 years)")
        FINE = rules.FINE, _("Fine")

    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("A short key, e.g. atl-4-1.")
    )
    law_en = models.CharField(_("law (English)"), max_length=200)
    law_ar = models.CharField(_("law (Arabic)"), max_length=200)
    article = models.CharField(
        _("article"),
        max_length=30,
        blank=True,
        help_text=_("E.g. 4/1. Empty while the article number is not known."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    flags = ChoiceArrayField(
        models.CharField(max_length=30, choices=Flag.choices),
        verbose_name=_("flags"),
        default=list,
        blank=True,
        help_text=_("Facts every offence under this article carries (amnesty rules read them)."),
    )
    penalty_max = models.CharField(
        _("heaviest penalty"),
        max_length=20,
        choices=Penalty.choices,
        blank=True,
        help_text=_("Empty while not known."),
    )
    penalty_max_months = models.PositiveIntegerField(
        _("longest term (months)"),
        null=True,
        blank=True,
        help_text=_("For imprisonment: the article's upper limit, when it sets one."),
    )
    penalty_min_months = models.PositiveIntegerField(
        _("shortest term (months)"), null=True, blank=True
    )
    penalty_text = models.TextField(_("penalty as the article words it"), blank=True)
    legal_source = models.TextField(_("legal source"))
    source_verified = models.BooleanField(
        _("source verified"),
        default=False,
        help_text=_("Unticked while the article's text has not been checked against the law."),
    )
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick instead of deleting: charges refer to it.")
    )

    objects = OffenceQuerySet.as_manager()

    class Meta:
        ordering = ["law_en", "article", "code"]
        verbose_name = _("offence")
        verbose_name_plural = _("offence catalogue")

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def _arabic(self) -> bool:
        return (get_language() or "en").startswith("ar")

    @property
    def law(self) -> str:
        return self.law_ar if self._arabic else self.law_en

    @property
    def title(self) -> str:
        return self.title_ar if self._arabic else self.title_en

    @property
    def reference(self) -> str:
        """ "Anti-Terrorism Law 13/2005 Art. 4/1", in the active language."""
        return self.reference_in(ar=self._arabic)

    def reference_in(self, *, ar: bool) -> str:
        if ar:
            return f"{self.law_ar} المادة {self.article}" if self.article else self.law_ar
        return f"{self.law_en} Art. {self.article}" if self.article else self.law_en

    @property
    def max_months(self) -> int | None:
        """The heaviest penalty in months (life = 240; death counts as life); None if unknown."""
        return rules.max_months(self.penalty_max, self.penalty_max_months)


class ChargeQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "case__governorate"

    def active(self) -> ChargeQuerySet:
        return self.filter(status=Charge.Status.ACTIVE)


@pghistory.track()
class Charge(models.Model):
    """An offence held against the person of a case. Added and withdrawn through the services,
    each time with who and why; never deleted."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="charges", verbose_name=_("case")
    )
    offence = models.ForeignKey(
        Offence, on_delete=models.PROTECT, related_name="charges", verbose_name=_("offence")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    particulars = models.TextField(_("particulars"), blank=True)
    acts_from = models.DateField(
        _("acts committed from"),
        null=True,
        blank=True,
        help_text=_(
            "When the acts of this charge began (amnesty decrees cover acts up to a date)."
        ),
    )
    flags = ChoiceArrayField(
        models.CharField(max_length=30, choices=Offence.Flag.choices),
        verbose_name=_("facts of this charge"),
        default=list,
        blank=True,
    )
    facts_established = models.BooleanField(
        _("facts established"),
        default=False,
        help_text=_(
            "Ticked once the facts above are known to be complete (e.g. that the acts caused no "
            "death): until then amnesty rules that depend on them ask for a review."
        ),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_reason = models.TextField(_("why it was added"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)

    objects = ChargeQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        indexes = [models.Index(fields=["case", "status"], name="charge_case_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active", withdrawn_at__isnull=True)
                | models.Q(status="withdrawn", withdrawn_at__isnull=False),
                name="charge_withdrawn_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.offence.reference}"

    def get_absolute_url(self) -> str:
        return reverse("legal:case_charges", args=[self.case_id])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number}/C{self.pk}"

    @property
    def all_flags(self) -> frozenset[str]:
        """The offence's own flags and the facts of this charge."""
        return frozenset(self.offence.flags) | frozenset(self.flags)

    @property
    def flag_labels(self) -> list[str]:
        return [
            str(Offence.Flag(flag).label)
            for flag in sorted(self.all_flags)
            if flag in Offence.Flag.values
        ]
