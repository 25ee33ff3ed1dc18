"""Duplicates, merge and undo: nothing is lost, "not the same" is remembered."""

from __future__ import annotations

import pytest

from cases.casefiles.models import Case
from cases.people.models import DuplicateCandidate, Person, PersonAlias
from cases.people.services import (
    MergeError,
    duplicate_mark_not_same,
    duplicates_find_for,
    person_merge,
    person_merge_undo,
)
from tests.factories import make_case

pytestmark = pytest.mark.django_db

LATIN_TWIN = {
    "given_name_lat": "Muhammad",
    "father_name_lat": "Abdallah",
    "grandfather_name_lat": "Husain",
    "family_name_lat": "Al Dulaimy",
    "kunya": "Abu Omar",
    "birth_year_estimated": 1990,
}


def snapshot() -> dict:
    """Everything a merge could touch, as plain values."""
    return {
        "cases": sorted(Case.objects.values_list("pk", "person_id")),
        "aliases": sorted(PersonAlias.objects.values_list("pk", "person_id", "name")),
        "persons": sorted(
            Person.objects.values_list(
                "pk", "merged_into_id", "given_name_ar", "given_name_lat", "kunya"
            )
        ),
    }


def test_a_second_record_of_the_same_man_in_another_script_is_proposed(officer):
    first = make_case(by=officer)
    second = make_case(by=officer, person_data=LATIN_TWIN)
    candidate = DuplicateCandidate.objects.get()
    assert {candidate.person_a, candidate.person_b} == {first.person, second.person}
    assert candidate.score >= 0.8
    assert any(r["part"] == "father" and r["verdict"] == "agree" for r in candidate.reasons)


def test_brothers_are_not_proposed(officer):
    make_case(by=officer)
    make_case(
        by=officer,
        person_data={
            "given_name_ar": "أحمد",
            "father_name_ar": "عبد الله",
            "grandfather_name_ar": "حسين",
            "family_name_ar": "الدليمي",
            "date_of_birth": "1985-01-01",
        },
    )
    assert not DuplicateCandidate.objects.exists()


def test_not_the_same_person_is_remembered(officer, supervisor):
    make_case(by=officer)
    second = make_case(by=officer, person_data=LATIN_TWIN)
    candidate = DuplicateCandidate.objects.get()
    duplicate_mark_not_same(candidate=candidate, by=supervisor, note="different mothers")
    assert duplicates_find_for(person=second.person) == []
    assert DuplicateCandidate.objects.get().status == "not_same"
    with pytest.raises(MergeError):
        duplicate_mark_not_same(candidate=candidate, by=supervisor)


def test_merge_then_undo_loses_nothing(officer, supervisor):
    first = make_case(by=officer)
    second = make_case(by=officer, person_data=LATIN_TWIN, aliases=["أبو عمر الدليمي"])
    third_case_of_second = make_case(by=officer, person=second.person)
    before = snapshot()
    keep, merge = first.person, second.person
    record = person_merge(
        keep=keep,
        merge=merge,
        by=supervisor,
        reason="same mother, same village",
        candidate=DuplicateCandidate.objects.get(),
    )

    assert set(keep.cases.values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
        third_case_of_second.pk,
    }
    names = set(keep.aliases.values_list("name", flat=True))
    assert {"Muhammad Abdallah Husain Al Dulaimy", "Abu Omar", "أبو عمر الدليمي"} <= names
    merge.refresh_from_db()
    assert merge.merged_into == keep
    assert Person.objects.filter(pk=merge.pk).exists()  # never deleted
    assert DuplicateCandidate.objects.get().status == "merged"

    person_merge_undo(record=record, by=supervisor, reason="the mother's names differ after all")
    assert snapshot() == before
    assert DuplicateCandidate.objects.get().status == "pending"


def test_merge_refusals(officer, supervisor):
    first = make_case(by=officer).person
    second = make_case(by=officer, person_data=LATIN_TWIN).person
    with pytest.raises(MergeError, match="reason"):
        person_merge(keep=first, merge=second, by=supervisor, reason="")
    with pytest.raises(MergeError, match="itself"):
        person_merge(keep=first, merge=first, by=supervisor, reason="x")
    record = person_merge(keep=first, merge=second, by=supervisor, reason="same")
    with pytest.raises(MergeError, match="already"):
        person_merge(keep=first, merge=second, by=supervisor, reason="again")
    person_merge_undo(record=record, by=supervisor, reason="wrong")
    with pytest.raises(MergeError, match="already been undone"):
        person_merge_undo(record=record, by=supervisor, reason="twice")
