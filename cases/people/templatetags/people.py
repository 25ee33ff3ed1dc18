"""``{% load people %}``: the matcher's reasons in the reader's language."""

from __future__ import annotations

from django import template

from cases.people.reasons import readable

register = template.Library()


@register.filter
def readable_reasons(reasons):
    """``{% for r in candidate.reasons|readable_reasons %}``: see ``cases.people.reasons``."""
    return readable(reasons or [])
