from __future__ import annotations

import pghistory
from django.db import models

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
