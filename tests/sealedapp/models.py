from __future__ import annotations

import pghistory
from django.db import models

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.security.sealed import BlindIndexField, SealedField


@pghistory.track()
class Informant(models.Model):
    """A source as the sealed-field tests need one: a sealed name, a sealed phone found through
    its blind index, and a plain code name."""

    name = SealedField()
    phone = SealedField(null=True, blank=True)
    phone_index = BlindIndexField(
        source="phone", normalizer="cases.security.sealed.normalize_phone"
    )
    code_name = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.code_name


class DossierQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"


class Dossier(models.Model):
    """A record of a governorate, standing in for the domain's records in the engine's tests
    (deadlines attach to any record)."""

    label = models.CharField(max_length=50)
    governorate = models.ForeignKey("accounts.Governorate", on_delete=models.PROTECT)

    objects = DossierQuerySet.as_manager()

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return f"/dossiers/{self.pk}/"

    @property
    def audit_label(self) -> str:
        return self.label


def dossier_get_for_change(user, pk):
    from cases.accounts.jurisdiction import get_for_change

    return get_for_change(Dossier.objects.all(), user, "deadlines.add_deadline", pk=pk)
