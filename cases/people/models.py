"""A person in the programme: one identity, many spellings.

The Arabic name chain (given name, father, grandfather, family or tribe) is how Iraqis are
identified, with the mother's name as the standard distinguishing part; the Latin spellings, the
kunya ("Abu Omar": a man named after his son, the way fighters were often known) and the aliases
are kept beside it. Matching across all of them is the job of :mod:`cases.people.names`.
"""

from __future__ import annotations

import datetime as dt

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import District, Governorate


class PersonQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def active(self) -> PersonQuerySet:
        """Persons not merged into another."""
        return self.filter(merged_into__isnull=True)


@pghistory.track()
class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "m", _("Male")
        FEMALE = "f", _("Female")

    given_name_ar = models.CharField(_("given name (Arabic)"), max_length=60, blank=True)
    father_name_ar = models.CharField(_("father's name (Arabic)"), max_length=60, blank=True)
    grandfather_name_ar = models.CharField(
        _("grandfather's name (Arabic)"), max_length=60, blank=True
    )
    family_name_ar = models.CharField(_("family or tribe (Arabic)"), max_length=80, blank=True)
    mother_name_ar = models.CharField(_("mother's name (Arabic)"), max_length=80, blank=True)
    given_name_lat = models.CharField(_("given name (Latin)"), max_length=60, blank=True)
    father_name_lat = models.CharField(_("father's name (Latin)"), max_length=60, blank=True)
    grandfather_name_lat = models.CharField(
        _("grandfather's name (Latin)"), max_length=60, blank=True
    )
    family_name_lat = models.CharField(_("family or tribe (Latin)"), max_length=80, blank=True)
    kunya = models.CharField(
        _("kunya"), max_length=80, blank=True, help_text=_('"Abu …" or "Umm …", as he was known.')
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.MALE)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year_estimated = models.PositiveSmallIntegerField(
        _("estimated year of birth"),
        null=True,
        blank=True,
        help_text=_("When the exact date of birth is not known."),
    )
    national_id = models.CharField(_("national ID"), max_length=30, blank=True, db_index=True)
    service_number = models.CharField(
        _("service number"),
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_("Military or police number, for deserters."),
    )
    home_governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home governorate"),
    )
    home_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home district"),
    )
    tribe = models.CharField(_("tribe or clan"), max_length=80, blank=True)
    #: The governorate whose officers registered him: his record's jurisdiction.
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered in")
    )
    #: Blocking keys of all his names in both scripts, for candidate search (cases.people.names).
    name_keys = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    #: Set when a supervisor merged him into another record (undone by clearing it).
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        permissions = [("merge_person", _("Can merge duplicate records and undo merges"))]
        indexes = [
            GinIndex(fields=["name_keys"], name="person_name_keys"),
            models.Index(fields=["governorate", "family_name_ar"], name="person_family"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("pk")), name="person_not_merged_in_self"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:detail", args=[self.pk])

    @property
    def audit_label(self) -> str:
        """How the access log names a person: his record number, never his name."""
        return f"P-{self.pk}"

    @property
    def name_ar(self) -> str:
        parts = (
            self.given_name_ar,
            self.father_name_ar,
            self.grandfather_name_ar,
            self.family_name_ar,
        )
        return " ".join(p for p in parts if p)

    @property
    def name_lat(self) -> str:
        parts = (
            self.given_name_lat,
            self.father_name_lat,
            self.grandfather_name_lat,
            self.family_name_lat,
        )
        return " ".join(p for p in parts if p)

    @property
    def display_name(self) -> str:
        return self.name_ar or self.name_lat or self.kunya or f"#{self.pk}"

    @property
    def birth_year(self) -> int | None:
        return self.date_of_birth.year if self.date_of_birth else self.birth_year_estimated

    def age_on(self, day: dt.date) -> int | None:
        """His age in whole years on ``day``; from the estimated year when that is all we have
        (then counted from 1 July, the middle of the year)."""
        born = self.date_of_birth
        if born is None:
            if self.birth_year_estimated is None:
                return None
            born = dt.date(self.birth_year_estimated, 7, 1)
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@pghistory.track()
class PersonAlias(models.Model):
    """Another name he is known by: an alias, a kunya, another spelling in either script."""

    class Kind(models.TextChoices):
        ALIAS = "alias", _("Alias or nom de guerre")
        KUNYA = "kunya", _("Kunya")
        SPELLING = "spelling", _("Other spelling")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ALIAS)
    name = models.CharField(_("name"), max_length=160)
    #: For a name that came with a merge: the record it came from, so that the merge can be undone.
    from_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("other name")
        verbose_name_plural = _("other names")

    def __str__(self) -> str:
        return self.name


class DuplicateCandidate(models.Model):
    """Two records the matcher thinks are one man, waiting for a supervisor's decision.

    The pair is stored once (lower id first). "Not the same person" is remembered: the pair is
    never proposed again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        MERGED = "merged", _("Merged")
        NOT_SAME = "not_same", _("Not the same person")

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("why"), default=list)
    governorate = models.ForeignKey(Governorate, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="duplicate_pair_order"
            ),
        ]
        indexes = [models.Index(fields=["governorate", "status", "-score"], name="duplicate_queue")]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f})"


class PersonMerge(models.Model):
    """A merge of one record into another, with everything it moved, so that it can be undone
    exactly: which rows pointed to the merged record, and which names were copied."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    #: {"app_label.model.field": [pk, ...]}: the rows moved from ``merged`` to ``kept``.
    moved = models.JSONField(default=dict)
    reason = models.TextField(_("reason"))
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
