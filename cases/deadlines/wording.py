"""How lengths of time are said to people, in their language."""

from __future__ import annotations

from django.utils.translation import ngettext


def time_left(seconds: float) -> str:
    """The time left, in whole days, else hours, else minutes (rounded down): what the person
    has, not the stage's name (a hearing set for tomorrow morning is "in 20 hours")."""
    seconds = max(int(seconds), 0)
    if seconds >= 86400:
        days = seconds // 86400
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if seconds >= 3600:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(seconds // 60, 1)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def days(count: int) -> str:
    """Say "1 day", "3 days" in the active language, with its plural forms."""
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
