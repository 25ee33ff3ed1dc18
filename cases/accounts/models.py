"""Users, their roles' desks, and the jurisdictions they work in.

Jurisdiction is geographic: Iraq's 18 governorates and their districts (reference data). Every
organisational unit (police station, army unit, court, prison, office) belongs to a governorate,
every user to a unit, and a user sees one or more governorates.
"""

from __future__ import annotations

from functools import cached_property

import pghistory
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .jurisdiction import JurisdictionQuerySet


class BilingualName(models.Model):
    """An Arabic and an English name; ``name`` gives the one of the active language."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "en").startswith("ar") else self.name_en


class GovernorateQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "pk"


@pghistory.track()
class Governorate(BilingualName):
    code = models.CharField(_("code"), max_length=3, unique=True)

    objects = GovernorateQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("governorate")
        verbose_name_plural = _("governorates")


class DistrictQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"


@pghistory.track()
class District(BilingualName):
    """A district (qadha) of a governorate."""

    governorate = models.ForeignKey(
        Governorate,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("governorate"),
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["governorate__name_en", "name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["governorate", "name_en"], name="district_unique_name")
        ]


class UnitQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)

    def of_kind(self, *kinds: str) -> UnitQuerySet:
        return self.filter(kind__in=kinds)


@pghistory.track()
class Unit(BilingualName):
    """A place people work in: police station, army unit, checkpoint, court, prison, office."""

    class Kind(models.TextChoices):
        POLICE_STATION = "police_station", _("Police station")
        ARMY_UNIT = "army_unit", _("Army unit")
        CHECKPOINT = "checkpoint", _("Checkpoint")
        INVESTIGATING_COURT = "investigating_court", _("Investigating court")
        FELONY_COURT = "felony_court", _("Felony court")
        JUVENILE_COURT = "juvenile_court", _("Juvenile court")
        CASSATION_COURT = "cassation_court", _("Court of Cassation")
        PRISON = "prison", _("Prison")
        AMNESTY_COMMITTEE = "amnesty_committee", _("Amnesty committee")
        OFFICE = "office", _("Programme office")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="units", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("district"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["governorate__name_en", "name_en"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.district_id and self.district.governorate_id != self.governorate_id:
            raise ValidationError(
                {"district": _("The district must lie in the unit's governorate.")}
            )


class UserQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "unit__governorate"


class CasewebUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


@pghistory.track(exclude=["password", "last_login"])
class User(AbstractUser):
    """A person who uses Caseweb. Sheikhs, families and panels are recorded, never users."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("unit"),
    )
    governorates = models.ManyToManyField(
        Governorate,
        blank=True,
        related_name="users",
        verbose_name=_("governorates seen"),
        help_text=_("The governorates whose records this user may see."),
    )
    national_scope = models.BooleanField(
        _("national scope"),
        default=False,
        help_text=_("Sees every governorate (ministry staff, national supervisors)."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )

    objects = CasewebUserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("officer_desk", _("Works at an officer's desk (intake, referrals, absences)")),
            ("investigator_desk", _("Works at an investigator's desk")),
            ("judge_desk", _("Works at a judge's desk (docket, verdicts)")),
            ("supervisor_desk", _("Supervises a jurisdiction")),
            ("committee_desk", _("Sits on the amnesty committee")),
            ("prison_desk", _("Works in prison administration")),
            ("auditor_desk", _("Audits access (read-only)")),
            ("two_factor_required", _("Must sign in with a second factor")),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def has_national_scope(self) -> bool:
        return self.is_superuser or self.national_scope

    @cached_property
    def jurisdiction_ids(self) -> frozenset[int]:
        """Ids of the governorates this user may see (cached for the request)."""
        return frozenset(self.governorates.values_list("pk", flat=True))

    def sees_governorate(self, governorate_id: int | None) -> bool:
        return self.has_national_scope or governorate_id in self.jurisdiction_ids


class UserSession(models.Model):
    """A session a user signed in with, so that his sessions can be ended when he is
    deactivated (Django's session table cannot be searched by user)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
