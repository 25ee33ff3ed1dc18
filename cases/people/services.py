"""Writes of the people app."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.models import Governorate, User
from cases.security.history import history_reason

from .models import DuplicateCandidate, Person, PersonAlias, PersonMerge
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


@transaction.atomic
def person_add_spellings(
    *, person: Person, data: dict[str, Any], aliases: list[str] = ()
) -> Person:
    """A known person came in again under names typed afresh: keep every new spelling as his
    other name (nothing typed is lost, nothing of his record is overwritten)."""
    typed = Person(**{f: data[f] for f in IDENTITY_FIELDS[:10] if f in data})
    known = {
        person.name_ar,
        person.name_lat,
        person.kunya,
        *person.aliases.values_list("name", flat=True),
    }
    for kind, name in (
        (PersonAlias.Kind.SPELLING, typed.name_ar),
        (PersonAlias.Kind.SPELLING, typed.name_lat),
        (PersonAlias.Kind.KUNYA, typed.kunya),
        *((PersonAlias.Kind.ALIAS, a) for a in aliases),
    ):
        if name and name not in known:
            PersonAlias.objects.create(person=person, kind=kind, name=name)
            known.add(name)
    return person_refresh_name_keys(person=person)


def person_refresh_name_keys(*, person: Person) -> Person:
    """Recompute the blocking keys of all his names (used by the candidate search)."""
    keys = sorted(person_name_keys(person))
    if keys != person.name_keys:
        Person.objects.filter(pk=person.pk).update(name_keys=keys)
        person.name_keys = keys
    return person


# --- Duplicates, merge and undo ----------------------------------------------------------------


class MergeError(ValueError):
    """A merge or an undo the rules refuse; the message is for the user."""


def _pair(a: Person, b: Person) -> tuple[Person, Person]:
    return (a, b) if a.pk < b.pk else (b, a)


def duplicates_find_for(*, person: Person, limit: int = 5) -> list[DuplicateCandidate]:
    """Propose the records that score above the match threshold with ``person`` for review.
    A pair already proposed, merged or declared "not the same person" is never proposed again."""
    from .names import MATCH_THRESHOLD
    from .selectors import person_candidates_any

    proposed = []
    for other, match in person_candidates_any(person, limit=limit):
        if match.score < MATCH_THRESHOLD:
            continue
        a, b = _pair(person, other)
        candidate, created = DuplicateCandidate.objects.get_or_create(
            person_a=a,
            person_b=b,
            defaults={
                "score": round(match.score, 3),
                "reasons": [r.__dict__ for r in match.reasons],
                "governorate": person.governorate,
            },
        )
        if created:
            proposed.append(candidate)
    return proposed


@transaction.atomic
def duplicate_mark_not_same(
    *, candidate: DuplicateCandidate, by: User, note: str = ""
) -> DuplicateCandidate:
    """Remember that the two records are two men: the pair is not proposed again."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != DuplicateCandidate.Status.PENDING:
        raise MergeError(_("This pair has already been decided."))
    candidate.status = DuplicateCandidate.Status.NOT_SAME
    candidate.decided_by, candidate.decided_at, candidate.note = by, timezone.now(), note
    candidate.save()
    return candidate


#: Relations to a person that a merge must not move: its own bookkeeping and history.
_NOT_MOVED = {"people.duplicatecandidate", "people.personmerge"}


def _movable_relations():
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if model._meta.label_lower in _NOT_MOVED or model is Person:
            continue
        if any(f.name.startswith("pgh_") for f in model._meta.get_fields()):
            continue  # pghistory's event tables: history stays where it happened
        if not hasattr(rel, "field") or rel.field.many_to_many:
            continue
        yield model, rel.field.name


@transaction.atomic
def person_merge(
    *,
    keep: Person,
    merge: Person,
    by: User,
    reason: str,
    candidate: DuplicateCandidate | None = None,
) -> PersonMerge:
    """Merge ``merge`` into ``keep``: every case, alias and other record of ``merge`` moves to
    ``keep``, his names become ``keep``'s other names, and ``merge`` stays (never deleted),
    marked as merged. Everything moved is written down so that :func:`person_merge_undo` can put
    it back. Refuses merging a record into itself, into a merged record, and without a reason."""
    if not reason.strip():
        raise MergeError(_("Give the reason for the merge: it stays in both records' history."))
    keep, merge = (Person.objects.select_for_update().get(pk=p.pk) for p in (keep, merge))
    if keep.pk == merge.pk:
        raise MergeError(_("A record cannot be merged into itself."))
    if keep.merged_into_id or merge.merged_into_id:
        raise MergeError(_("One of these records has already been merged into another."))
    moved: dict[str, list[int]] = {}
    with history_reason(reason, by):
        for model, field in _movable_relations():
            rows = model.objects.filter(**{field: merge})
            pks = list(rows.values_list("pk", flat=True))
            if pks:
                rows.update(**{field: keep})
                moved[f"{model._meta.label_lower}.{field}"] = pks
        created = []
        names = [
            (PersonAlias.Kind.SPELLING, merge.name_ar),
            (PersonAlias.Kind.SPELLING, merge.name_lat),
            (PersonAlias.Kind.KUNYA, merge.kunya),
        ]
        for kind, name in names:
            if name:
                created.append(
                    PersonAlias.objects.create(
                        person=keep, kind=kind, name=name, from_person=merge
                    ).pk
                )
        moved["people.personalias.created"] = created
        merge.merged_into = keep
        merge.save(update_fields=["merged_into"])
    record = PersonMerge.objects.create(
        kept=keep, merged=merge, moved=moved, reason=reason, merged_by=by
    )
    person_refresh_name_keys(person=keep)
    if candidate is not None:
        DuplicateCandidate.objects.filter(pk=candidate.pk).update(
            status=DuplicateCandidate.Status.MERGED, decided_by=by, decided_at=timezone.now()
        )
    return record


@transaction.atomic
def person_merge_undo(*, record: PersonMerge, by: User, reason: str) -> PersonMerge:
    """Undo a merge exactly: the rows it moved go back, the names it copied are removed, and the
    merged record stands on its own again. Refuses an undo without a reason, twice, or once the
    kept record has itself been merged on."""
    if not reason.strip():
        raise MergeError(_("Give the reason for undoing the merge."))
    record = PersonMerge.objects.select_for_update().get(pk=record.pk)
    if record.undone_at:
        raise MergeError(_("This merge has already been undone."))
    if Person.objects.filter(pk=record.kept_id, merged_into__isnull=False).exists():
        raise MergeError(_("The kept record was merged again since: undo that merge first."))
    with history_reason(reason, by):
        for key, pks in record.moved.items():
            if key == "people.personalias.created":
                PersonAlias.objects.filter(pk__in=pks).delete()
                continue
            app_model, field = key.rsplit(".", 1)
            model = apps.get_model(app_model)
            model.objects.filter(pk__in=pks).update(**{field: record.merged_id})
        Person.objects.filter(pk=record.merged_id).update(merged_into=None)
    record.undone_at, record.undone_by, record.undo_reason = timezone.now(), by, reason
    record.save()
    for person in Person.objects.filter(pk__in=[record.kept_id, record.merged_id]):
        person_refresh_name_keys(person=person)
    DuplicateCandidate.objects.filter(
        person_a_id=min(record.kept_id, record.merged_id),
        person_b_id=max(record.kept_id, record.merged_id),
    ).update(status=DuplicateCandidate.Status.PENDING, decided_by=None, decided_at=None)
    return record
