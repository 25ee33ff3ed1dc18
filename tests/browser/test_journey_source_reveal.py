"""Journey 2: a supervisor reveals a referral's sealed source, giving his reason; the identity is
shown on that one answer, and the auditor finds the reveal, with the reason and without the
identity, in the access log. Arabic and English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cases.audit.models import AccessLogEntry
from tests.browser.data import SOURCE, make_referral, sign_in, sign_out
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

REASONS = {
    "en": "The subject's family must be contacted today for his surrender.",
    "ar": "يجب الاتصال بعائلة الشخص اليوم لترتيب تسليمه.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_supervisor_reveals_the_source_with_a_reason_and_the_auditor_sees_it(
    page, officer, supervisor, auditor, language
):
    referral = make_referral(by=officer)
    reason = REASONS[language]
    set_language(supervisor, language)
    set_language(auditor, language)
    english = ArabicOnly(
        page, language, [str(supervisor), supervisor.username, str(auditor), str(officer)]
    )

    sign_in(page, supervisor, PASSWORD)
    page.goto(referral.get_absolute_url())
    assert SOURCE["source_name"] not in page.content()
    page.get_by_role("link", name=trs(language, "Reveal the source")).click()
    page.wait_for_url(f"**/referrals/{referral.pk}/reveal/")
    english.check()

    # Too short a reason is refused, and nothing is revealed.
    field(page, language, "Why must the source be revealed?").fill("needed")
    page.get_by_role("button", name=trs(language, "Reveal"), exact=True).click()
    expect(page.locator("#identity")).to_have_count(0)
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.REVEAL).exists()

    field(page, language, "Why must the source be revealed?").fill(reason)
    page.get_by_role("button", name=trs(language, "Reveal"), exact=True).click()
    identity = page.locator("#identity")
    expect(identity).to_contain_text(SOURCE["source_name"])
    expect(identity).to_contain_text(SOURCE["source_phone"])
    assert SOURCE["source_name"] not in page.url
    english.check()
    shoot(page, f"source-revealed-{language}")
    # Back on the referral, the source is sealed again.
    page.get_by_role("link", name=trs(language, "Back to the referral")).click()
    page.wait_for_url(re.compile(rf"/referrals/{referral.pk}/$"))
    assert SOURCE["source_name"] not in page.content()
    sign_out(page, language)

    # The auditor: the reveal in the access log, with who and why, never the identity.
    sign_in(page, auditor, PASSWORD)
    page.get_by_role("link", name=trs(language, "Access log")).first.click()
    page.wait_for_url("**/audit/access-log/**")
    field(page, language, "Action").select_option("reveal")
    page.get_by_role("button", name=re.compile(trs(language, "Filter"))).click()
    page.wait_for_url(re.compile(r"action=reveal"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(supervisor.username)
    expect(rows.first).to_contain_text(reason)
    expect(rows.first).to_contain_text(referral.number)
    expect(rows.first).to_contain_text(trs(language, "Revealed a sealed source"))
    assert SOURCE["source_name"] not in page.content()
    assert SOURCE["source_phone"] not in page.content()
    english.check()
    shoot(page, f"access-log-{language}", readme=True)
    english.assert_clean()
