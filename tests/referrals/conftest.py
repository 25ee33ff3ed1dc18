from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

SOURCE = {
    "source_name": "Khalaf Saleh Hammadi",
    "source_phone": "+964 770 123 4567",
    "source_address": "Hay al-Andalus, Ramadi, near the grain silo",
    "source_relation": "father",
}


def make_referral(*, by, unit=None, source=None, **overrides):
    """A referral received through the service, as an officer would record it."""
    from cases.referrals.services import referral_receive

    data = {
        "received_at": timezone.now() - dt.timedelta(hours=1),
        "place": "Ramadi police station",
        "channel": "family",
        "subject_description": "Abu Omar, youngest son",
        "subject_age": 19,
        "last_known_location": "al-Qaim",
        "role_in_group": "hisbah",
        "wants_to_surrender": True,
        "has_not_fought": True,
        "statement": "He was forced into the hisbah and wants out.",
        "requested_action": "arrange_surrender",
        "source_risk": "high",
        "family_risk": "high",
        **overrides,
    }
    return referral_receive(data=data, source=dict(source or SOURCE), unit=unit or by.unit, by=by)


@pytest.fixture
def referral(officer):
    return make_referral(by=officer)
