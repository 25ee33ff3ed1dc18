"""Accessibility in both languages: axe-core (vendored, tests/browser/vendor/) finds no serious
or critical violation on the main pages, and the keyboard reaches every field of the intake
form in order, then its submit button, left to right and right to left."""

from __future__ import annotations

import pytest

from cases.amnesty.models import Decree
from tests.browser.data import make_referral, sign_in
from tests.browser.support import LANGUAGES, assert_accessible, set_language, shoot, tab_stops
from tests.conftest import PASSWORD
from tests.courts.conftest import make_trial_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_main_pages_have_no_serious_accessibility_violation(page, officer, language):
    case = make_trial_case(officer)
    referral = make_referral(by=officer)
    decree = Decree.objects.get(code="deserters-2015")
    set_language(officer, language)

    # The login page, in the browser's language (Accept-Language), and through the control.
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == language
    other, label = ("en", "English") if language == "ar" else ("ar", "العربية")
    page.get_by_role("button", name=label).click()
    page.wait_for_function(f"() => document.documentElement.lang === '{other}'")
    page.get_by_role("button", name="English" if other == "ar" else "العربية").click()
    page.wait_for_function(f"() => document.documentElement.lang === '{language}'")
    assert_accessible(page)
    shoot(page, f"login-{language}", readme=True)

    sign_in(page, officer, PASSWORD)
    pages = {
        "start": "/",
        "case-list": "/cases/",
        "case": case.get_absolute_url(),
        "intake-form": "/cases/new/",
        "referral-form": "/referrals/new/",
        "referral": referral.get_absolute_url(),
        "court-record": f"/courts/cases/{case.pk}/",
        "decree": decree.get_absolute_url(),
    }
    for name, url in pages.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language, name
        assert_accessible(page)
        if name in ("case-list", "decree"):
            shoot(page, f"{name}-{language}", readme=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_keyboard_reaches_every_intake_field_in_order(page, officer, language):
    set_language(officer, language)
    sign_in(page, officer, PASSWORD)
    page.goto("/cases/new/")
    expected, reached = tab_stops(page, "main form")
    assert expected[-1] == "submit" and "id_person-given_name_ar" in expected
    assert reached == expected, {"expected": expected, "reached": reached}
    # In right-to-left, the first field is on the right: the order follows the reading order.
    if language == "ar":
        first = page.locator("#id_person-given_name_ar").bounding_box()
        second = page.locator("#id_person-father_name_ar").bounding_box()
        assert first["x"] > second["x"]
