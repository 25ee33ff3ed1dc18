"""Reads of the people app."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from django.db.models.expressions import RawSQL

from .models import Person, PersonAlias
from .names import Match, NameParts, name_keys, rank

#: At most this many records sharing a key are scored (the keys are selective: on the labelled
#: set a query shares keys with 7.5 records on average).
CANDIDATE_POOL = 300


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


def _ranked(qs: QuerySet[Person], parts: NameParts, limit: int, exclude: set[int]):
    keys = sorted(name_keys(parts))
    if not keys:
        return []
    # With a million persons a common pair of names is shared by thousands: the pool keeps the
    # records that share the most keys with the query (then the closest birth year), never the
    # oldest ones. No index serves this order, so PostgreSQL reads the candidates through the
    # GIN index and sorts them, which is what we want.
    shared = RawSQL(
        "cardinality(ARRAY(SELECT unnest(people_person.name_keys)"
        " INTERSECT SELECT unnest(%s::varchar[])))",
        (keys,),
    )
    order = [F("shared").desc()]
    if parts.birth_year:
        year = RawSQL(
            "abs(coalesce(extract(year from people_person.date_of_birth)::int,"
            " people_person.birth_year_estimated) - %s)",
            (parts.birth_year,),
        )
        order.append(year.asc(nulls_last=True))
    pool = (
        qs.active()
        .filter(name_keys__overlap=keys)
        .exclude(pk__in=exclude)
        .annotate(shared=shared)
        .order_by(*order, "-pk")
        .select_related("home_governorate", "governorate")
        .prefetch_related(
            Prefetch("aliases", queryset=PersonAlias.objects.only("person_id", "name"))
        )[:CANDIDATE_POOL]
    )
    people = {p.pk: p for p in pool}
    ranked = rank(parts, ((pk, person_name_parts(p)) for pk, p in people.items()), limit=limit)
    return [(people[pk], match) for pk, match in ranked]


def person_candidates(
    user, parts: NameParts, *, limit: int = 5, exclude: set[int] = frozenset()
) -> list[tuple[Person, Match]]:
    """The persons of ``user``'s jurisdiction most likely to be the man ``parts`` describes, best
    first, each with the reasons. Reads only the records sharing a blocking key (a GIN index):
    never a scan of all persons."""
    return _ranked(Person.objects.in_jurisdiction(user), parts, limit, set(exclude))


def person_candidates_any(person: Person, *, limit: int = 5) -> list[tuple[Person, Match]]:
    """The records of any governorate most likely to be ``person`` himself (for the duplicates
    queue, which supervisors review within their own jurisdiction)."""
    return _ranked(Person.objects.all(), person_name_parts(person), limit, {person.pk})


def parts_from_text(text: str) -> NameParts:
    """A typed name ("محمد عبد الله الدليمي", "Abu Omar") read as a name chain."""
    from .names import is_arabic, normalize_arabic

    text = " ".join(text.split())
    if text.lower().startswith(("abu ", "umm ", "um ")) or text.startswith(("أبو ", "ابو ", "أم ")):
        return NameParts(kunya=text)
    raw: list[str] = []
    for word in text.split(" "):  # "Al Dulaimy": a standalone article belongs to the next word
        if raw and raw[-1].lower() in ("al", "el", "ال"):
            raw[-1] = f"{raw[-1]} {word}"
        else:
            raw.append(word)
    # A last word with the article is the family or tribe name, however short the chain.
    has_family = len(raw) >= 2 and raw[-1].lower().startswith(("al-", "el-", "al", "ال"))
    if is_arabic(text):
        # "عبد الله" is one name: keep the compounds of the Arabic chain together.
        normalized = normalize_arabic(text).split(" ")
        words = normalized if len(normalized) < len(raw) else raw
    else:
        words = raw
    family = ""
    if has_family and len(words) < 4:
        family, words = raw[-1], words[:-1]
    elif len(words) >= 4:
        family, words = " ".join(words[3:]), words[:3]
    words = [*words, "", "", ""][:3]
    return NameParts(given=words[0], father=words[1], grandfather=words[2], family=family)


#: A search box lists persons that score at least this with the typed name (lower than the
#: threshold at which a match is *proposed*: a search should rather show too much than too little).
SEARCH_SCORE = 0.5


def person_search_ids(user, text: str, *, limit: int = 200) -> list[int]:
    """Persons of ``user``'s jurisdiction that a search box should find for ``text``: those the
    matcher ranks as likely in any spelling or script (best first), then those whose names,
    kunya, aliases, national ID or service number contain the text."""
    from django.db.models import Q

    text = " ".join(text.split())
    if not text:
        return []
    fields = (
        "given_name_ar",
        "father_name_ar",
        "family_name_ar",
        "given_name_lat",
        "father_name_lat",
        "family_name_lat",
        "kunya",
        "aliases__name",
    )
    # Every typed word in one of his names: "محمد الدليمي" (given and family name, the way an
    # officer asks for a man) finds him although no single field holds both words.
    q = Q()
    for word in text.split(" "):
        in_a_name = Q()
        for field in fields:
            in_a_name |= Q(**{f"{field}__icontains": word})
        q &= in_a_name
    q |= Q(national_id=text) | Q(service_number=text)
    matched = [
        p.pk
        for p, m in person_candidates(user, parts_from_text(text), limit=50)
        if m.score >= SEARCH_SCORE
    ]
    qs = Person.objects.in_jurisdiction(user).active().filter(q).exclude(pk__in=matched)
    return [*matched, *qs.distinct().values_list("pk", flat=True)[: max(limit - len(matched), 0)]]


#: Higher apps add a section to a person's page: ``fn(user, person) -> dict`` fills the
#: context variable ``name`` that ``template`` reads.
PERSON_SECTIONS: list[tuple[str, str, object]] = []


def register_person_section(name: str, template: str, fn) -> None:
    if all(entry[0] != name for entry in PERSON_SECTIONS):
        PERSON_SECTIONS.append((name, template, fn))


def person_sections(user, person) -> tuple[list[str], dict]:
    return [t for _n, t, _f in PERSON_SECTIONS], {
        n: fn(user, person) for n, _t, fn in PERSON_SECTIONS
    }
