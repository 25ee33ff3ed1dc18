"""An officer records a surrender end to end in a real browser, in Arabic and in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from cases.casefiles.models import Case
from tests.browser.conftest import sign_in_browser
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_officer_records_a_surrender_in_the_browser(page, officer, language):
    officer.language = language
    officer.save()
    sign_in_browser(page, officer, PASSWORD)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.goto("/cases/new/")
    page.fill("#id_person-given_name_ar", "أحمد")
    page.fill("#id_person-father_name_ar", "خلف")
    page.fill("#id_person-family_name_ar", "الفهداوي")
    page.fill("#id_person-given_name_lat", "Ahmed")
    page.fill("#id_person-date_of_birth", "1998-04-02")
    page.select_option("#id_intake-kind", "voluntary")
    page.fill("#id_intake-place", "Ramadi police station")
    page.select_option("#id_intake-role", "logistics")
    page.fill("#id_intake-affiliated_from", "2014-06-01")
    page.check("#id_intake-coercion_claimed")
    page.click("main button[type=submit]")  # refused: coercion without details
    assert page.locator(".invalid-feedback, .is-invalid").count() > 0
    assert page.input_value("#id_person-family_name_ar") == "الفهداوي"  # nothing lost
    page.fill("#id_intake-coercion_details", "his father was threatened")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get()
    assert case.number in page.content()
    assert page.locator("#juvenile").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"case-{language}.png"), full_page=True)
    page.goto("/")
    assert case.number in page.content()  # on his start page, with the 24-hour deadline


def test_likely_matches_appear_as_the_officer_types_and_link_the_case(page, officer):
    from tests.factories import make_case

    known = make_case(by=officer).person
    sign_in_browser(page, officer, PASSWORD)
    page.goto("/cases/new/")
    page.fill("#id_person-given_name_lat", "Muhammad")
    page.fill("#id_person-father_name_lat", "Abdallah")
    page.fill("#id_person-family_name_lat", "Al Dulaimy")
    item = page.locator("[data-candidate-list] li").first
    item.wait_for(timeout=10_000)
    assert "محمد" in item.inner_text()
    item.locator("button").click()
    assert page.input_value("#id_existing_person") == str(known.pk)
    page.fill("#id_intake-place", "Ramadi police station")
    page.select_option("#id_intake-role", "fighter")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/*/")
    assert known.cases.count() == 2
