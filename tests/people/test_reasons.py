"""The matcher's reasons read in the reader's language (cases.people.reasons)."""

from __future__ import annotations

import csv
import re

import pytest
from django.utils import translation

from cases.people import reasons as R
from cases.people.names import score
from tests.people.test_names import PAIRS_CSV, _side

# The matcher's English words; a detail holding one must have gone through the catalogue.
ENGLISH = re.compile(
    r"\b(skeleton|vowels|letters|differ|apart|alias|record|other's|counted|matched|both|year)\b"
)


@pytest.fixture
def marked(monkeypatch):
    """gettext and ngettext that mark what they translated, as a catalogue would change it."""
    monkeypatch.setattr(R, "gettext", lambda s: "⟦" + s + "⟧")
    monkeypatch.setattr(R, "ngettext", lambda s, p, n: "⟦" + (s if n == 1 else p) + "⟧")


def _all_details() -> set[str]:
    with PAIRS_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    details = set()
    for row in rows:
        for reason in score(_side(row, "a"), _side(row, "b")).reasons:
            details.add(reason.detail)
    return details


def test_every_phrase_the_matcher_writes_goes_through_the_catalogue(marked):
    details = _all_details()
    assert len(details) > 500
    worded = [d for d in details if ENGLISH.search(d)]
    assert any("same skeleton" in d for d in worded) and any("apart" in d for d in worded)
    untranslated = [d for d in worded if not R.detail_text(d).startswith("⟦")]
    assert untranslated == []


@pytest.mark.parametrize(
    ("detail", "english"),
    [
        ("Abdallah ≈ عبد الله (same skeleton ABDL)", "Abdallah ≈ عبد الله (same skeleton ABDL)"),
        ("1990 / 1991: 1 year apart", "1990 / 1991: 1 year apart"),
        ("1990 / 1975: 15 years apart", "1990 / 1975: 15 years apart"),
        (
            "alias «Abu Omar» of the first record ≈ the other's given, father",
            "other name «Abu Omar» of the first record ≈ the other's given name, father's name",
        ),
        (
            "Omar ≈ عمر (same skeleton AMR); not counted: matched through an alias",
            "Omar ≈ عمر (same skeleton AMR); not counted: matched through an alias",
        ),
        ("ANB = ANB", "ANB = ANB"),  # no words: as stored
    ],
)
def test_details_read_the_same_in_english_with_parts_named(detail, english):
    with translation.override("en"):
        assert R.detail_text(detail) == english


def test_stored_reasons_name_parts_and_verdicts_for_people():
    stored = [
        {
            "part": "birth_year",
            "verdict": "agree",
            "weight": 1.5,
            "detail": "1990 / 1990: 0 years apart",
        },
        {"part": "given", "verdict": "differ", "weight": -3.0, "detail": "Ali ≠ Omar (AL / AMR)"},
    ]
    with translation.override("en"):
        shown = R.readable(stored)
    assert [(r["part"], r["verdict"], r["verdict_code"]) for r in shown] == [
        ("year of birth", "agree", "agree"),
        ("given name", "differ", "differ"),
    ]


@pytest.mark.django_db
def test_the_review_page_names_the_parts_for_people(client, officer, supervisor):
    from django.urls import reverse

    from cases.people.models import DuplicateCandidate
    from tests.factories import make_case
    from tests.people.test_views import LATIN_TWIN
    from tests.support.auth import sign_in

    make_case(by=officer)
    make_case(by=officer, person_data=LATIN_TWIN)
    candidate = DuplicateCandidate.objects.get()
    sign_in(client, supervisor)
    html = client.get(reverse("people:review", args=[candidate.pk])).content.decode()
    assert "<strong>Given name</strong>: agree" in html
    assert "<strong>given</strong>" not in html and "<strong>birth_year</strong>" not in html
