"""The candidate search endpoint, the duplicates queue, and merge and undo from the pages."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from cases.audit.models import AccessLogEntry
from cases.people.models import DuplicateCandidate, PersonMerge
from tests.factories import make_case
from tests.people.test_services import LATIN_TWIN
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def test_candidates_as_the_officer_types_in_latin_letters(client, officer):
    known = make_case(by=officer).person
    sign_in(client, officer)
    response = client.post(
        reverse("people:candidates"),
        {
            "person-given_name_lat": "Muhammad",
            "person-father_name_lat": "Abdallah",
            "person-family_name_lat": "Al Dulaimy",
        },
    )
    data = json.loads(response.content)
    assert data["candidates"][0]["id"] == known.pk
    assert data["candidates"][0]["reasons"]
    assert AccessLogEntry.objects.filter(action="search", reason="name candidates").exists()


def test_candidates_explain_themselves_in_the_readers_language(client, officer):
    make_case(by=officer)
    officer.language = "ar"
    officer.save(update_fields=["language"])
    sign_in(client, officer)
    data = client.post(
        reverse("people:candidates"),
        {
            "person-given_name_lat": "Muhammad",
            "person-father_name_lat": "Abdallah",
            "person-family_name_lat": "Al Dulaimy",
        },
    ).json()
    reasons = data["candidates"][0]["reasons"]
    with translation.override("ar"):
        agree = str(translation.gettext("agree"))
    assert agree != "agree"
    assert {r["verdict_code"] for r in reasons} >= {"agree"}
    assert all(r["verdict"] != r["verdict_code"] for r in reasons if r["verdict_code"] == "agree")
    assert any(r["verdict"] == agree for r in reasons)


def test_candidates_in_arabic_and_by_a_typed_name(client, officer):
    known = make_case(by=officer).person
    sign_in(client, officer)
    by_fields = client.post(
        reverse("people:candidates"),
        {
            "person-given_name_ar": "محمد",
            "person-father_name_ar": "عبدالله",
            "person-family_name_ar": "الدليمى",
        },
    ).json()
    by_text = client.post(
        reverse("people:candidates"), {"name": "Mohammed Abdullah al-Dulaimi"}
    ).json()
    assert by_fields["candidates"][0]["id"] == by_text["candidates"][0]["id"] == known.pk


def test_candidates_stay_in_the_jurisdiction_and_need_post(client, officer, outsider):
    make_case(by=outsider)
    sign_in(client, officer)
    assert (
        client.post(reverse("people:candidates"), {"name": "محمد عبد الله الدليمي"}).json()[
            "candidates"
        ]
        == []
    )
    assert client.get(reverse("people:candidates")).status_code == 405


def test_the_search_box_finds_other_spellings(client, officer):
    case = make_case(by=officer)
    sign_in(client, officer)
    response = client.post(reverse("casefiles:search"), {"name": "Muhammad Abdallah Al Dulaimy"})
    assert [c.number for c in response.context["page"].object_list] == [case.number]


def test_an_intake_for_a_known_person_uses_his_record_and_keeps_the_new_spelling(client, officer):
    from tests.casefiles.test_views import intake_post

    known = make_case(by=officer).person
    sign_in(client, officer)
    post = intake_post(officer, existing_person=str(known.pk))
    client.post(reverse("casefiles:intake"), post)
    assert known.cases.count() == 2
    assert known.aliases.filter(name__contains="الفهداوي").exists()
    assert not DuplicateCandidate.objects.exists()


def test_a_supervisor_reviews_and_merges_then_undoes(client, officer, supervisor):
    first = make_case(by=officer)
    make_case(by=officer, person_data=LATIN_TWIN)
    candidate = DuplicateCandidate.objects.get()
    sign_in(client, supervisor)
    queue = client.get(reverse("people:duplicates"))
    assert list(queue.context["page"].object_list) == [candidate]
    review = client.get(reverse("people:review", args=[candidate.pk])).content.decode()
    assert "Muhammad" in review and "محمد" in review
    response = client.post(
        reverse("people:decide", args=[candidate.pk]),
        {"decision": "merge", "keep": first.person_id, "reason": ""},
        follow=True,
    )
    assert "Give the reason" in response.content.decode()
    client.post(
        reverse("people:decide", args=[candidate.pk]),
        {"decision": "merge", "keep": first.person_id, "reason": "same man"},
    )
    record = PersonMerge.objects.get()
    client.post(reverse("people:merge_undo", args=[record.pk]), {"reason": "mistake"})
    record.refresh_from_db()
    assert record.undone_at is not None


def test_an_officer_cannot_merge(client, officer):
    make_case(by=officer)
    make_case(by=officer, person_data=LATIN_TWIN)
    sign_in(client, officer)
    assert client.get(reverse("people:duplicates")).status_code == 403
