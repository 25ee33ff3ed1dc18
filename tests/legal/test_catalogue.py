"""The offence catalogue seeded with the programme, unverified, and kept after every migrate."""

from __future__ import annotations

import pytest

from cases.legal.catalogue import OFFENCES, ensure_offences
from cases.legal.models import Offence

pytestmark = pytest.mark.django_db


def test_the_articles_of_the_domain_notes_are_seeded_unverified_with_their_source():
    codes = set(Offence.objects.values_list("code", flat=True))
    assert {"atl-4-1", "atl-4-2", "mpc-33"} <= codes
    assert {o.category for o in Offence.objects.all()} >= {
        "terrorism",
        "state_security",
        "corruption",
        "abuse_of_office",
        "honour",
        "property",
        "desertion",
    }
    for offence in Offence.objects.all():
        assert not offence.source_verified
        assert "to verify" in offence.legal_source


def test_anti_terrorism_articles_carry_their_penalties():
    assert Offence.objects.get(code="atl-4-1").max_months == 240  # death counts as life
    assert Offence.objects.get(code="atl-4-2").max_months == 240
    assert Offence.objects.get(code="mpc-33").max_months is None  # not recorded yet


def test_ensuring_again_adds_nothing_and_keeps_the_administrators_edits():
    offence = Offence.objects.get(code="atl-4-2")
    offence.title_en = "Edited"
    offence.source_verified = True
    offence.save()
    assert ensure_offences(Offence) == 0
    offence.refresh_from_db()
    assert offence.title_en == "Edited" and offence.source_verified
    assert Offence.objects.count() == len(OFFENCES)


def test_a_removed_seed_comes_back():
    Offence.objects.filter(code="pc-156").delete()
    assert ensure_offences(Offence) == 1


def test_references_read_in_both_languages():
    from django.utils import translation

    offence = Offence.objects.get(code="atl-4-1")
    with translation.override("en"):
        assert offence.reference == "Anti-Terrorism Law 13/2005 Art. 4/1"
    with translation.override("ar"):
        assert offence.reference.startswith("قانون مكافحة الإرهاب")
