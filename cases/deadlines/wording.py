"""How lengths of time are said to people, in their language."""

from __future__ import annotations

from django.utils.translation import gettext, ngettext


def time_left(seconds: float) -> str:
    """The time left in its two largest units, to the nearest minute: "2 days and 3 hours",
    "2 hours and 59 minutes", "20 minutes" (never less than a minute). One unit alone would
    round 2 h 59 min down to "2 hours" and tell a person he has an hour less than he has."""
    total = max(round(max(seconds, 0) / 60), 1)  # in minutes; seconds are noise
    day_count, rest = divmod(total, 1440)
    hour_count, minute_count = divmod(rest, 60)
    if day_count:
        larger, smaller = days(day_count), hour_count and _hours(hour_count)
    elif hour_count:
        larger, smaller = _hours(hour_count), minute_count and _minutes(minute_count)
    else:
        return _minutes(minute_count)
    if not smaller:
        return larger
    return gettext("%(larger)s and %(smaller)s") % {"larger": larger, "smaller": smaller}


def _hours(count: int) -> str:
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


def _minutes(count: int) -> str:
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


def days(count: int) -> str:
    """Say "1 day", "3 days" in the active language, with its plural forms."""
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
