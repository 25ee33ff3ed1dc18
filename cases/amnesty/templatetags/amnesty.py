"""Template tags of the amnesty pages: the window's countdown, the colours of the engine's
answers, and a case's applications (for the case page, which cannot import this app)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.deadlines.wording import days as days_text

from .. import rules

register = template.Library()

OUTCOME_CLASSES = {
    rules.PASS: "success",
    rules.FAIL: "danger",
    rules.REVIEW: "warning",
    rules.PENDING: "info",
    rules.NA: "secondary",
}
STATUS_CLASSES = {
    rules.ELIGIBLE: "success",
    rules.NOT_ELIGIBLE: "danger",
    rules.NEEDS_REVIEW: "warning",
}


@register.filter
def outcome_class(outcome: str) -> str:
    return OUTCOME_CLASSES.get(outcome, "secondary")


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "secondary")


@register.filter
def outcome_label(outcome: str) -> str:
    labels = {
        rules.PASS: _("yes"),
        rules.FAIL: _("no"),
        rules.REVIEW: _("to review"),
        rules.PENDING: _("awaited"),
        rules.NA: _("not applicable"),
    }
    return str(labels.get(outcome, outcome))


def remaining_text(seconds: int) -> str:
    """What the server says of the time left before JavaScript refines it: "12 days, 3 hours",
    "3 hours, 20 minutes", "20 minutes"."""
    seconds = max(int(seconds), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = max(rest // 60, 0 if (days or hours) else 1)
    hours_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes_text = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    if days:
        return _("%(days)s, %(hours)s") % {"days": days_text(days), "hours": hours_text}
    if hours:
        return _("%(hours)s, %(minutes)s") % {"hours": hours_text, "minutes": minutes_text}
    return minutes_text


@register.inclusion_tag("amnesty/_countdown.html", takes_context=True)
def window_countdown(context, decree) -> dict:
    """The window of ``decree``: open (with the time left, refined live by
    ``static/js/countdown.js`` from ``data-deadline``) or closed."""
    closes_at = decree.window_closes_at
    now = timezone.now()
    request = context.get("request")
    return {
        "decree": decree,
        "closes_at": closes_at,
        "is_open": closes_at is not None and now <= closes_at,
        "remaining": remaining_text((closes_at - now).total_seconds()) if closes_at else "",
        "language": getattr(request, "LANGUAGE_CODE", "en"),
    }


@register.simple_tag
def applications_of(case) -> list:
    """``{% applications_of case as applications %}``: the amnesty applications of a case."""
    from ..selectors import applications_of_case

    return applications_of_case(case)
