"""Template tags of the legal app, so that pages of lower apps (the case page) can show a case's
charges by including ``legal/_charges.html`` without importing this app."""

from __future__ import annotations

from django import template

from ..selectors import charges_of_case

register = template.Library()


@register.simple_tag
def charges_of(case) -> list:
    """``{% charges_of case as charges %}``: every charge of the case, active first."""
    return charges_of_case(case)
