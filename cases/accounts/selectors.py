"""Reads of the accounts app that depend on the user."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Governorate, User
from .roles import ROLE_LABELS


def governorates_for_user(user: User) -> QuerySet[Governorate]:
    """The governorates ``user`` may see, in name order."""
    return Governorate.objects.in_jurisdiction(user)


def roles_of(user: User) -> list[str]:
    """The role names of ``user``, in the order of :data:`ROLE_LABELS`."""
    names = {g.name for g in user.groups.all()}
    return [role for role in ROLE_LABELS if role in names]
