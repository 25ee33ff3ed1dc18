"""How the time left is said: its two largest units, to the nearest minute."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.deadlines.wording import time_left

MINUTE, HOUR, DAY = 60, 3600, 86400


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (2 * HOUR + 59 * MINUTE, "2 hours and 59 minutes"),  # not "2 hours"
        (2 * HOUR + 59 * MINUTE + 40, "3 hours"),  # the nearest minute
        (2 * HOUR, "2 hours"),
        (HOUR + MINUTE, "1 hour and 1 minute"),
        (7 * DAY, "7 days"),
        (DAY + 5 * HOUR + 20 * MINUTE, "1 day and 5 hours"),
        (20 * MINUTE, "20 minutes"),
        (10, "1 minute"),
        (-5 * MINUTE, "1 minute"),
    ],
)
def test_time_left(seconds, said):
    with translation.override("en"):
        assert time_left(seconds) == said
