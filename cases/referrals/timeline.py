"""What referrals add to a case's timeline: the voluntary surrender's evidence."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.casefiles.selectors import TimelineEvent

from .selectors import referrals_of_case


def referral_events_of_case(case) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            referral.received_at,
            "referral",
            _("Voluntary, through referral %(number)s") % {"number": referral.number},
            referral.get_channel_display(),
        )
        for referral in referrals_of_case(case)
    ]
