"""Journey 5: one man was registered twice, once in Arabic script and once in Latin letters; the
matcher proposed the pair; a supervisor reviews them side by side and merges them, then finds
both cases by his name typed in another Arabic spelling. Arabic and English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases.people.models import DuplicateCandidate, Person
from tests.browser.data import sign_in
from tests.browser.support import LANGUAGES, ArabicOnly, set_language, shoot, trs
from tests.conftest import PASSWORD
from tests.factories import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATIN_TWIN = {
    "given_name_lat": "Muhammad",
    "father_name_lat": "Abdallah",
    "grandfather_name_lat": "Husain",
    "family_name_lat": "Al Dulaimy",
    "kunya": "Abu Omar",
    "birth_year_estimated": 1990,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_supervisor_reviews_a_proposed_duplicate_and_merges_it(page, officer, supervisor, language):
    first = make_case(by=officer)
    second = make_case(by=officer, person_data=LATIN_TWIN)
    candidate = DuplicateCandidate.objects.get(status="pending")
    set_language(supervisor, language)
    names = ["Mohammed", "al-Dulaimi", *LATIN_TWIN.values()]
    english = ArabicOnly(page, language, [str(supervisor), str(officer), *map(str, names)])

    sign_in(page, supervisor, PASSWORD)
    page.get_by_role("link", name=trs(language, "Possible duplicates")).first.click()
    page.wait_for_url("**/people/duplicates/**")
    english.check()
    shoot(page, f"duplicates-{language}", readme=True)
    page.locator(f"a[href$='/people/duplicates/{candidate.pk}/']").click()
    page.wait_for_url(f"**/people/duplicates/{candidate.pk}/")
    # Both records side by side, the Arabic name right to left, the Latin one left to right.
    expect(page.locator("main [lang=ar][dir=rtl]").first).to_contain_text("محمد")
    expect(page.locator("main [lang=en][dir=ltr]").nth(1)).to_contain_text("Muhammad")
    expect(page.locator("main")).to_contain_text(first.number)
    expect(page.locator("main")).to_contain_text(second.number)
    english.check()
    shoot(page, f"duplicate-review-{language}")

    page.get_by_label(re.compile(re.escape(first.person.display_name))).check()
    page.get_by_label(trs(language, "Reason"), exact=True).fill(
        "الاسم نفسه بالحرفين، والكنية وسنة الميلاد واسم الأب متطابقة."
    )
    page.get_by_role("button", name=trs(language, "Same person: merge")).click()  # confirmed
    page.wait_for_url(re.compile(rf"/people/{first.person.pk}/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    merged = Person.objects.get(pk=second.person.pk)
    assert merged.merged_into_id == first.person.pk
    assert set(first.person.cases.values_list("pk", flat=True)) == {first.pk, second.pk}
    english.check()

    # His given and family names in Arabic script find both cases, now his.
    page.get_by_role("link", name=trs(language, "Cases"), exact=True).first.click()
    page.get_by_role("searchbox").fill("محمد الدليمي")
    page.get_by_role("button", name=trs(language, "Search"), exact=True).click()
    page.wait_for_url("**/cases/search/")
    results = page.locator("main table tbody")
    expect(results).to_contain_text(first.number)
    expect(results).to_contain_text(second.number)
    english.check()
    english.assert_clean()
