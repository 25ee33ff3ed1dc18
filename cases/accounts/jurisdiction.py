"""Jurisdiction scoping: the one pattern every user-facing list starts from.

A user sees the governorates assigned to him (``User.governorates``), or all of them when he holds
national scope. A model whose rows belong to a governorate gets ``in_jurisdiction(user)`` by using a
QuerySet that inherits :class:`JurisdictionQuerySet` and names the path to its governorate::

    class CaseQuerySet(JurisdictionQuerySet):
        jurisdiction_field = "governorate"

    Case.objects.in_jurisdiction(request.user).open()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

if TYPE_CHECKING:
    from .models import User


class JurisdictionQuerySet(models.QuerySet):
    #: Lookup path from the model to its Governorate ("governorate", "case__governorate", ...).
    jurisdiction_field: str = "governorate"

    def in_jurisdiction(self, user: User) -> Self:
        """Rows in the governorates ``user`` may see; none for an anonymous or inactive user."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.has_national_scope:
            return self
        return self.filter(**{f"{self.jurisdiction_field}__in": user.jurisdiction_ids})
