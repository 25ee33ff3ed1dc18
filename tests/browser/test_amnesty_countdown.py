"""The window's countdown runs in a real browser, without inline script and without CSP
violations (the ``page`` fixture fails on any console error)."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from django.utils import timezone

from cases.amnesty.models import Decree
from tests.browser.conftest import CHROMIUM, sign_in_browser
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium not installed"),
]


def test_the_countdown_ticks_to_the_second(page, officer):
    decree = Decree.objects.create(
        code="browser-test",
        title_en="A decree whose window is open",
        title_ar="مرسوم",
        legal_reference="test",
        issued_on=timezone.localdate(),
        effective_on=timezone.localdate(),
        window_event="return",
        window_days=30,
        groups=["deserter"],
        source_text="test",
    )
    sign_in_browser(page, officer, PASSWORD)
    page.goto(decree.get_absolute_url())
    value = page.locator("[data-countdown-value]").first
    page.wait_for_function(
        "() => /\\d\\d:\\d\\d:\\d\\d/.test("
        "document.querySelector('[data-countdown-value]').textContent)"
    )
    first = value.inner_text()
    assert re.search(r"^30 days \d\d:\d\d:\d\d$|^29 days \d\d:\d\d:\d\d$", first), first
    # It ticks: wait (up to 10 s on a loaded machine) for the text to change.
    page.wait_for_function(
        "(first) => document.querySelector('[data-countdown-value]').textContent !== first",
        arg=first,
        timeout=10_000,
    )
    assert value.inner_text() != first
    assert timezone.now() < decree.window_closes_at < timezone.now() + dt.timedelta(days=31)
