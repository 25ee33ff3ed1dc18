"""Journey 1: a father's word reaches a police station; the officer records the referral with the
source sealed, records the surrender it led to, registers the rifle he handed over, and finds the
24-hour deadline (papers before an investigating judge) on his start page. Arabic and English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases.casefiles.models import Case
from cases.referrals.models import Referral
from tests.browser.conftest import sign_in_browser
from tests.browser.support import (
    LANGUAGES,
    ArabicOnly,
    field,
    set_language,
    shoot,
    trs,
)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOURCE_NAME = "خلف حسين الفهداوي"
SOURCE_PHONE = "07801234567"


@pytest.mark.parametrize("language", LANGUAGES)
def test_officer_records_referral_surrender_weapons_and_sees_the_24_hour_deadline(
    page, officer, language
):
    set_language(officer, language)
    sign_in_browser(page, officer, PASSWORD)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    english = ArabicOnly(page, language, [str(officer), officer.username])

    # The referral: the source first, sealed.
    page.goto("/referrals/new/")
    english.check()
    field(page, language, "where").fill("مركز شرطة الرمادي")
    field(page, language, "Source's name").fill(SOURCE_NAME)
    field(page, language, "Relation to the subject").fill("الأب")
    field(page, language, "Source's phone").fill(SOURCE_PHONE)
    field(page, language, "channel").select_option("family")
    field(page, language, "subject as described").fill("ابنه الأصغر، أبو عمر")
    field(page, language, "approximate age").fill("19")
    field(page, language, "role in the group").fill("الحسبة في القائم")
    field(page, language, "wants to surrender").check()
    field(page, language, "has not fought").check()
    field(page, language, "what the source says").fill("أُجبر على الانضمام ويريد الخروج")
    field(page, language, "requested action").select_option("arrange_surrender")
    field(page, language, "reprisal risk to the source").select_option("high")
    field(page, language, "reprisal risk to the subject's family").select_option("critical")
    shoot(page, f"referral-form-{language}")
    page.get_by_role("button", name=trs(language, "Record the referral")).click()
    page.wait_for_url(re.compile(r"/referrals/\d+/$"))

    referral = Referral.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(referral.number)
    expect(page.locator("main")).to_contain_text(referral.source_code)
    content = page.content()
    assert SOURCE_NAME not in content and SOURCE_PHONE not in content  # sealed
    assert SOURCE_NAME not in page.url
    english.check()
    shoot(page, f"referral-{language}", readme=True)

    # The surrender it led to: the intake form, filled from the referral.
    page.get_by_role("link", name=trs(language, "Record the surrender")).click()
    page.wait_for_url(f"**/referrals/{referral.pk}/surrender/")
    expect(page.locator("main [role=status]")).to_contain_text(referral.number)
    expect(field(page, language, "How he came in")).to_have_value("voluntary")
    field(page, language, "given name (Arabic)").fill("عمر")
    field(page, language, "father's name (Arabic)").fill("خلف")
    field(page, language, "family or tribe (Arabic)").fill("الفهداوي")
    field(page, language, "given name (Latin)").fill("Omar")
    field(page, language, "date of birth").fill("1999-02-10")
    field(page, language, "place").fill("مركز شرطة الرمادي")
    field(page, language, "role").select_option("hisbah")
    field(page, language, "affiliated from").fill("2015-01-01")
    page.locator("input[name='intake-killing_declared'][value='no']").check()
    english.check("Omar")
    shoot(page, f"intake-{language}", readme=True)
    page.get_by_role("button", name=trs(language, "Open the case")).click()
    page.wait_for_url(re.compile(r"/cases/\d+/$"))

    case = Case.objects.get()
    referral.refresh_from_db()
    assert referral.case == case and referral.status == Referral.Status.SURRENDERED
    assert case.person.given_name_ar == "عمر"
    # The radio buttons are radio buttons: the default "male" and the chosen "no" are kept.
    assert case.person.sex == "m" and case.intake.killing_declared == "no"
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.number)
    # Juvenile at the time of the acts (15 in 2015): the flag a judge must not miss.
    expect(page.locator("#juvenile")).to_be_visible()

    # The rifle he handed over, with its serial number.
    page.get_by_role("link", name=trs(language, "Add weapon")).click()
    field(page, language, "type").select_option("rifle")
    field(page, language, "description").fill("كلاشنكوف")
    field(page, language, "serial number").fill("AK-4471-09")
    field(page, language, "condition").select_option("working")
    field(page, language, "stored at").fill("مخزن مركز الرمادي")
    english.check()
    page.get_by_role("button", name=trs(language, "Save"), exact=True).click()
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    weapons = page.locator("#weapons")
    expect(weapons).to_contain_text("AK-4471-09")
    expect(weapons).to_contain_text(trs(language, "Rifle"))
    assert case.weapons.get().serial_number == "AK-4471-09"
    english.check("Omar")
    shoot(page, f"case-{language}", readme=True)

    # His start page: the 24-hour deadline, with this case's number.
    page.get_by_role("link", name=trs(language, "Start"), exact=True).first.click()
    page.wait_for_url(re.compile(r"/$"))
    deadlines = page.locator("#panel-my-deadlines")
    with_label = "عرض الأوراق على قاضي التحقيق" if language == "ar" else "Papers before an"
    expect(deadlines).to_contain_text(with_label)
    expect(deadlines).to_contain_text(case.number)
    english.check("Omar")
    shoot(page, f"start-officer-{language}", readme=True)
    english.assert_clean()
