"""Writes of the accounts app: users, their roles and languages."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import transaction

from cases.security.history import history_reason

from .models import Governorate, Unit, User, UserSession
from .roles import ROLE_LABELS, STAFF_ROLES


class RoleError(ValueError):
    """An unknown role was asked for."""


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    unit: Unit | None = None,
    roles: Iterable[str] = (),
    governorates: Iterable[Governorate] = (),
    national_scope: bool = False,
    language: str = User.Language.ENGLISH,
) -> User:
    """Create a user in ``unit`` with ``roles`` and the governorates he may see.

    The unit's own governorate is always among those he sees. Refuses unknown roles.
    """
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        unit=unit,
        national_scope=national_scope,
        language=language,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    seen = {g.pk for g in governorates}
    if unit is not None:
        seen.add(unit.governorate_id)
    user.governorates.set(seen)
    user_set_roles(user=user, roles=roles)
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[str]) -> User:
    """Make ``roles`` exactly the user's roles; administrators become staff (the admin site)."""
    roles = set(roles)
    unknown = roles - set(ROLE_LABELS)
    if unknown:
        raise RoleError(f"Unknown roles: {sorted(unknown)}")
    user.groups.set(Group.objects.filter(name__in=roles))
    user.is_staff = bool(roles & STAFF_ROLES) or user.is_superuser
    user.save(update_fields=["is_staff"])
    return user


def user_set_language(*, user: User, language: str) -> User:
    """Remember the user's language for every later request. Refuses a language not offered."""
    if language not in User.Language.values:
        raise ValueError(f"Language not offered: {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def user_deactivate(*, user: User, by: User | None, reason: str) -> User:
    """Deactivate ``user`` (never delete: his name stays on what he recorded) and end every
    session he holds. Refuses an empty reason."""
    if not reason.strip():
        raise ValueError("A reason is required to deactivate a user.")
    with transaction.atomic(), history_reason(reason, by):
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


def user_sessions_end(*, user: User) -> int:
    """End every session ``user`` signed in with; returns how many were ended."""
    keys = list(user.login_sessions.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    user.login_sessions.all().delete()
    return len(keys)


def user_session_record(*, user: User, session_key: str) -> None:
    """Remember that ``user`` holds session ``session_key`` (called at every sign-in)."""
    UserSession.objects.update_or_create(session_key=session_key, defaults={"user": user})
