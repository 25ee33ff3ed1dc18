"""Journey 6: the deadlines the journeys opened fall due; the sweep (Celery, eager in the tests)
writes their reminders, and they arrive in the officer's bell, in his language; opening one
takes him to the deadline and marks it read. Arabic and English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from cases.deadlines.models import Deadline
from cases.deadlines.tasks import sweep
from tests.browser.data import make_referral, sign_in
from tests.browser.support import LANGUAGES, ArabicOnly, set_language, shoot, trs
from tests.conftest import PASSWORD
from tests.factories import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def unread(language: str, n: int) -> str:
    with translation.override(language):
        text = translation.ngettext(
            "Notifications: %(counter)s unread", "Notifications: %(counter)s unread", n
        )
    return text % {"counter": n}


@pytest.mark.parametrize("language", LANGUAGES)
def test_reminders_of_the_deadlines_arrive_in_the_bell(page, officer, language):
    set_language(officer, language)
    case = make_case(by=officer)  # papers before a judge within 24 hours
    referral = make_referral(by=officer)  # contact the source within 72 hours
    deadlines = Deadline.objects.filter(status="open", responsible_user=officer)
    assert deadlines.count() == 2
    english = ArabicOnly(page, language, [str(officer), officer.username])

    sign_in(page, officer, PASSWORD)
    expect(page.locator("#bell-count")).to_have_count(0)

    # Hours pass: both deadlines are three hours from due, their next reminder is late.
    now = timezone.now()
    deadlines.update(
        due_at=now + dt.timedelta(hours=3), next_action_at=now - dt.timedelta(minutes=1)
    )
    assert sweep.delay().get() >= 2  # what beat sends every minute, run here and now

    page.reload()
    bell = page.locator("#bell")
    expect(page.locator("#bell-count")).to_have_text("2")
    # Read out with the language's plural (Arabic has a dual: "إشعاران").
    expect(bell).to_have_attribute("aria-label", unread(language, 2))
    english.check()
    bell.click()
    page.wait_for_url("**/notifications/**")
    items = page.locator("main .list-group-item")
    expect(items).to_have_count(2)
    expect(page.locator("main")).to_contain_text(case.number)
    expect(page.locator("main")).to_contain_text(referral.number)
    label = "عرض الأوراق على قاضي التحقيق" if language == "ar" else "Papers before an"
    reminder = items.filter(has_text=label)
    expect(reminder).to_contain_text(case.number)
    english.check()
    shoot(page, f"notifications-{language}", readme=True)

    # He opens the 24-hour reminder: the deadline's page, and one unread left in the bell.
    reminder.get_by_role("button", name=trs(language, "Open and mark read")).click()
    page.wait_for_url(re.compile(r"/deadlines/\d+/$"))
    expect(page.locator("main")).to_contain_text(case.number)
    expect(page.locator("#bell-count")).to_have_text("1")
    expect(page.locator("#bell")).to_have_attribute("aria-label", unread(language, 1))
    english.check()
    english.assert_clean()
