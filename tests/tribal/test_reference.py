"""Tribes and clans: loaded by the migration, and back after a flush (transactional tests)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cases.accounts.models import Governorate
from cases.tribal.models import Tribe
from cases.tribal.reference import TRIBES, ensure_tribes


@pytest.mark.django_db
def test_the_reference_tribes_are_there_with_their_clans_and_governorates():
    assert Tribe.objects.count() >= len(TRIBES)
    nimr = Tribe.objects.get(code="albu-nimr")
    assert (nimr.parent.code, nimr.name_ar) == ("dulaim", "البو نمر")
    assert set(Tribe.objects.get(code="jubour").governorates.values_list("code", flat=True)) == {
        "SAL",
        "NIN",
        "BGD",
    }


@pytest.mark.django_db
def test_ensuring_again_creates_nothing_and_keeps_an_administrators_edit():
    Tribe.objects.filter(code="obaid").update(name_en="Obaid (al-Ubaid)")
    assert ensure_tribes(Tribe, Governorate) == 0
    assert Tribe.objects.get(code="obaid").name_en == "Obaid (al-Ubaid)"


@pytest.mark.django_db(transaction=True)
def test_the_tribes_come_back_after_the_database_is_flushed():
    call_command("flush", interactive=False, verbosity=0)
    assert Tribe.objects.filter(code="dulaim").exists()
    assert Tribe.objects.count() == len(TRIBES)
