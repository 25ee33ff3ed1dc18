"""The age warnings of the case page count years with the language's plural forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("born", "age"),
    [(dt.date(2000, 3, 1), 14), (dt.date(1995, 3, 1), 19)],  # a juvenile; aged 18 to 20
)
def test_the_age_warning_asks_for_the_plural_form_of_his_age(
    client, officer, monkeypatch, born, age
):
    case = make_case(
        by=officer,
        person_data={
            "given_name_ar": "عمر",
            "family_name_ar": "الفهداوي",
            "given_name_lat": "Omar",
            "date_of_birth": born,
        },
    )
    counted = []
    real = translation.ngettext

    def spy(singular, plural, number):
        counted.append((singular, number))
        return real(singular, plural, number)

    monkeypatch.setattr(translation, "ngettext", spy)
    sign_in(client, officer)
    html = client.get(reverse("casefiles:detail", args=[case.pk])).content.decode()
    assert f"{age} years old" in html
    assert any("year old" in singular and number == age for singular, number in counted)
