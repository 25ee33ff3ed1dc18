"""Writes of the people app."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cases.accounts.models import Governorate, User
from cases.security.history import history_reason

from .models import Person, PersonAlias
from .selectors import person_name_keys

#: The identity fields an intake or an edit form may set.
IDENTITY_FIELDS = (
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "mother_name_ar",
    "given_name_lat",
    "father_name_lat",
    "grandfather_name_lat",
    "family_name_lat",
    "kunya",
    "sex",
    "date_of_birth",
    "birth_year_estimated",
    "national_id",
    "service_number",
    "home_governorate",
    "home_district",
    "tribe",
)


@transaction.atomic
def person_create(
    *, data: dict[str, Any], governorate: Governorate, by: User | None, aliases: list[str] = ()
) -> Person:
    """Register a person from identity ``data``. Refuses a person with no name at all."""
    person = Person(governorate=governorate, created_by=by)
    for field in IDENTITY_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    if not (person.name_ar or person.name_lat or person.kunya):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError(_("Give at least one name: Arabic, Latin, or the kunya."))
    person.full_clean(exclude=["name_keys"])
    person.save()
    for name in aliases:
        PersonAlias.objects.create(person=person, name=name)
    person_refresh_name_keys(person=person)
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict[str, Any], by: User | None, reason: str) -> Person:
    """Change identity fields (with the reason in the history) and refresh the name keys."""
    for field in IDENTITY_FIELDS:
        if field in data:
            setattr(person, field, data[field])
    person.full_clean(exclude=["name_keys"])
    with history_reason(reason, by):
        person.save()
        person_refresh_name_keys(person=person)
    return person


def person_refresh_name_keys(*, person: Person) -> Person:
    """Recompute the blocking keys of all his names (used by the candidate search)."""
    keys = sorted(person_name_keys(person))
    if keys != person.name_keys:
        Person.objects.filter(pk=person.pk).update(name_keys=keys)
        person.name_keys = keys
    return person
