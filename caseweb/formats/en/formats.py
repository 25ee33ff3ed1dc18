"""English date and time formats: day/month/year and a 24-hour clock, as in Iraq (not American)."""

from caseweb.formats.common import *  # noqa: F403
