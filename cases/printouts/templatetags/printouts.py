"""Filters of the printed case file: dates and times in the formats of the active language."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format

register = template.Library()


@register.filter
def when(value: dt.datetime | None) -> str:
    """A date and time, local, as the active language writes them ("3 March 2017, 14:05")."""
    if not value:
        return "—"
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{date_format(value, get_format('DATE_FORMAT'))} {date_format(value, 'H:i')}"


@register.filter
def day(value: dt.date | None) -> str:
    """A date as the active language writes it; a dash when there is none."""
    if not value:
        return "—"
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, get_format("DATE_FORMAT"))
