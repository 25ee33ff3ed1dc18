"""Jurisdiction scoping: the one pattern every user-facing list starts from.

A user sees the governorates assigned to him (``User.governorates``), or all of them when he holds
national scope. A model whose rows belong to a governorate gets ``in_jurisdiction(user)`` by using a
QuerySet that inherits :class:`JurisdictionQuerySet` and names the path to its governorate::

    class CaseQuerySet(JurisdictionQuerySet):
        jurisdiction_field = "governorate"

    Case.objects.in_jurisdiction(request.user).open()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404

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


def get_for_user(queryset: models.QuerySet, user: User, **lookup: Any) -> Any:
    """The one row of ``queryset`` matching ``lookup`` in ``user``'s jurisdiction.

    Outside the jurisdiction the row does not exist for him: Http404, never 403, so that a
    probe learns nothing. Every ``<entity>_get_for_user`` helper of the domain apps calls this.
    """
    return get_object_or_404(queryset.in_jurisdiction(user), **lookup)


def get_for_change(queryset: models.QuerySet, user: User, permission: str, **lookup: Any) -> Any:
    """Like :func:`get_for_user`, then PermissionDenied (403) without ``permission``."""
    obj = get_for_user(queryset, user, **lookup)
    if not user.has_perm(permission):
        raise PermissionDenied
    return obj
