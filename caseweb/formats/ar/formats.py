"""Arabic date and time formats: day/month/year, 24-hour clock (Django's Arabic locale has none)."""

from caseweb.formats.common import *  # noqa: F403
