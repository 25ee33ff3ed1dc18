"""Records the journeys start from, made through the services as the application would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

SOURCE = {
    "source_name": "خلف حسين الفهداوي",
    "source_phone": "07801234567",
    "source_address": "حي الأندلس، الرمادي",
    "source_relation": "الأب",
}


def make_referral(*, by, **data):
    """A referral received at ``by``'s unit, its source sealed."""
    from cases.referrals.services import referral_receive

    values = {
        "received_at": timezone.now() - dt.timedelta(hours=1),
        "place": "مركز شرطة الرمادي",
        "channel": "family",
        "subject_description": "ابنه الأصغر",
        "requested_action": "arrange_surrender",
        "source_risk": "high",
        "family_risk": "medium",
        "wants_to_surrender": True,
        **data,
    }
    return referral_receive(data=values, source=dict(SOURCE), unit=by.unit, by=by)


def sign_in(page, user, password: str) -> None:
    """Sign in through the login page; a role that needs a second factor has its device (as
    after enrolment) and types the current code."""
    from cases.accounts.middleware import requires_two_factor
    from tests.browser.conftest import sign_in_browser
    from tests.support.auth import totp_device

    if requires_two_factor(user):
        totp_device(user)
    sign_in_browser(page, user, password)


def sign_out(page, language: str) -> None:
    """Sign out through the user menu of the page header."""
    from tests.browser.support import trs

    page.locator("nav .dropdown-toggle").click()
    page.get_by_role("button", name=trs(language, "Sign out")).click()
    page.wait_for_url("**/login/**")
