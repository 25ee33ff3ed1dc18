"""Reads of the people app."""

from __future__ import annotations

from .models import Person
from .names import NameParts, name_keys


def person_name_parts(person: Person, aliases: list[str] | None = None) -> NameParts:
    """A person as the matcher sees him: his Arabic chain (or the Latin one when there is no
    Arabic), with the other script's chain, his kunya and his aliases as other names."""
    arabic = (
        person.given_name_ar,
        person.father_name_ar,
        person.grandfather_name_ar,
        person.family_name_ar,
    )
    latin = (
        person.given_name_lat,
        person.father_name_lat,
        person.grandfather_name_lat,
        person.family_name_lat,
    )
    primary, other = (arabic, latin) if any(arabic) else (latin, arabic)
    if aliases is None:
        aliases = [a.name for a in person.aliases.all()] if person.pk else []
    others = [" ".join(p for p in other if p)] if any(other) else []
    return NameParts(
        given=primary[0],
        father=primary[1],
        grandfather=primary[2],
        family=primary[3],
        mother=person.mother_name_ar,
        kunya=person.kunya,
        aliases=tuple(n for n in [*others, *aliases] if n),
        birth_year=person.birth_year,
        governorate=person.home_governorate.code if person.home_governorate_id else "",
        tribe=person.tribe,
    )


def person_name_keys(person: Person) -> set[str]:
    """The blocking keys of a person's names in both scripts (stored in ``Person.name_keys``)."""
    return name_keys(person_name_parts(person))


def person_search_ids(user, text: str, *, limit: int = 200) -> list[int]:
    """Persons of ``user``'s jurisdiction whose names contain ``text`` in either script, or whose
    kunya, alias, national ID or service number does (the matching of spellings is added by
    the candidate search)."""
    from django.db.models import Q

    text = " ".join(text.split())
    if not text:
        return []
    q = Q()
    for field in (
        "given_name_ar",
        "father_name_ar",
        "family_name_ar",
        "given_name_lat",
        "father_name_lat",
        "family_name_lat",
        "kunya",
        "aliases__name",
    ):
        q |= Q(**{f"{field}__icontains": text})
    q |= Q(national_id=text) | Q(service_number=text)
    qs = Person.objects.in_jurisdiction(user).active().filter(q).distinct()
    return list(qs.values_list("pk", flat=True)[:limit])
