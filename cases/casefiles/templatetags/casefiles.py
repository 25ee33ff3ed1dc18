"""Template filters of the case pages."""

from __future__ import annotations

from django import template

from cases.deadlines.wording import days as days_text

register = template.Library()


@register.filter
def days(count: int) -> str:
    """``{{ n|days }}``: "1 day", "12 days", with the language's plural forms."""
    return days_text(int(count or 0))
