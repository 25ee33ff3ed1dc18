"""Journey 3: a felony-court judge puts a case on his docket, records the hearing, records the
verdict after seeing every date it sets, and decides the commutation that the calculator proposed
(voluntary surrender through a referral). Arabic and English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.accounts import roles
from cases.courts.models import CommutationRequest, Hearing, Sentence
from cases.courts.services import commutation_request
from tests.browser.data import sign_in
from tests.browser.support import LANGUAGES, ArabicOnly, field, set_language, shoot, trs
from tests.conftest import PASSWORD
from tests.courts.conftest import bring_to_trial
from tests.factories import UnitFactory, UserFactory, governorate, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where he surrendered, as the officer typed it in his own language: the commutation's evidence
# quotes it, so an English place would be English on the Arabic page.
PLACE = {"ar": "مركز شرطة الرمادي", "en": "Ramadi police station"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_judge_records_hearing_and_verdict_and_decides_the_commutation(page, officer, language):
    court = UnitFactory(
        governorate=governorate("ANB"),
        kind="felony_court",
        name_en="Anbar Felony Court",
        name_ar="محكمة جنايات الأنبار",
    )
    judge = UserFactory(unit=court, roles=[roles.JUDGE], username="judge.felony")
    set_language(judge, language)
    case = bring_to_trial(
        make_case(by=officer, intake={"place": PLACE[language]}), officer, codes=("atl-4-1",)
    )
    english = ArabicOnly(page, language, [str(judge), str(officer), judge.username])

    sign_in(page, judge, PASSWORD)
    page.goto(f"/courts/cases/{case.pk}/")
    english.check()

    # The hearing, tomorrow at ten, in room 2.
    page.get_by_role("link", name=trs(language, "Schedule a hearing")).click()
    at = (timezone.localtime() + dt.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    field(page, language, "courtroom").fill("2")
    field(page, language, "date and time").fill(at.strftime("%Y-%m-%dT%H:%M"))
    field(page, language, "type").select_option("trial")
    english.check()
    page.get_by_role("button", name=trs(language, "Schedule"), exact=True).click()
    page.wait_for_url(re.compile(r"/courts/hearings/\d+/$"))
    hearing = Hearing.objects.get()
    assert timezone.localtime(hearing.scheduled_at) == at and hearing.courtroom == "2"
    # The day comes: the hearing was held this morning.
    Hearing.objects.filter(pk=hearing.pk).update(scheduled_at=at - dt.timedelta(days=1))
    page.reload()
    field(page, language, "Outcome").select_option("held")
    field(page, language, "Defence counsel present").select_option("true")
    field(page, language, "Notes").fill("حضر المتهم ومحاميه، واستمعت المحكمة إلى إفادته.")
    english.check()
    page.get_by_role("button", name=trs(language, "Record", context="action"), exact=True).click()
    expect(page.locator(".hearing-outcome")).to_have_text(trs(language, "Held"))
    hearing.refresh_from_db()
    assert hearing.outcome == "held" and hearing.defence_present is True

    # The verdict: ten years under Art. 4/1; the dates first, then confirm.
    page.get_by_role("link", name=case.number).first.click()
    page.get_by_role("link", name=trs(language, "Record the verdict")).click()
    line = page.locator("tr.charge-line").first
    line.get_by_label(re.compile(re.escape(trs(language, "Finding")))).select_option("convicted")
    line.get_by_label(re.compile(re.escape(trs(language, "Penalty")))).select_option("temporary")
    line.get_by_label(re.compile(re.escape(trs(language, "Years")))).fill("10")
    page.get_by_role("button", name=trs(language, "Compute the dates")).click()
    expect(page.locator("section.preview")).to_be_visible()
    release = timezone.localdate().replace(year=timezone.localdate().year + 10)
    english.check()
    shoot(page, f"verdict-preview-{language}")
    page.get_by_role("button", name=trs(language, "Confirm and record the verdict")).click()
    page.wait_for_url(re.compile(rf"/courts/cases/{case.pk}/$"))
    sentence = Sentence.objects.get()
    assert sentence.years == 10 and sentence.release_on == release
    expect(page.locator("#courts .findings")).to_contain_text(trs(language, "Convicted"))
    english.check()
    shoot(page, f"court-record-{language}", readme=True)

    # The calculator's proposal, asked by the officer who keeps the file; the judge decides.
    proposal = commutation_request(sentence=sentence, by=officer)
    page.get_by_role("link", name=trs(language, "Commutation requests")).first.click()
    page.wait_for_url("**/courts/commutations/**")
    english.check()
    page.locator(f"a[href='{proposal.get_absolute_url()}']").first.click()
    page.wait_for_url(f"**{proposal.get_absolute_url()}")
    expect(page.locator(".proposal-lines .line-applies").first).to_be_visible()
    page.get_by_role("radio", name=trs(language, "Accept the proposal")).check()
    field(page, language, "Reasons").fill("سلّم نفسه طوعاً عن طريق إحالة عائلته.")
    english.check()
    shoot(page, f"commutation-{language}", readme=True)
    page.get_by_role("button", name=trs(language, "Record the decision")).click()
    expect(page.locator("#decision")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == CommutationRequest.Status.ACCEPTED
    sentence.refresh_from_db()
    assert sentence.years < 10  # commuted as proposed
    english.check()
    english.assert_clean()
