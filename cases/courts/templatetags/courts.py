"""``{% load courts %}``: stored sentences and calculator proposals in the reader's language.

A commutation request keeps its sentences as data (penalty and term) with the label of the
language it was asked in, and its lines in every language of the site (``i18n``). These filters
read them in the active language; rows written before the lines carried ``i18n`` show their
stored text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language

from cases.casefiles.models import AgeBand
from cases.courts.models import to_sentence
from cases.legal.models import Offence

register = template.Library()


def _language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


@register.filter
def sentence_label(data: dict[str, Any] | None) -> str:
    """``{{ item.original|sentence_label }}``: a stored sentence said in the reader's language."""
    if not data:
        return ""
    if "penalty" not in data:
        return data.get("label", "")
    return to_sentence(
        data["penalty"],
        data.get("years") or 0,
        data.get("months") or 0,
        data.get("days") or 0,
        data.get("fine"),
    ).label()


@register.filter
def lines_for_reader(lines: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The calculator's lines with their words in the reader's language."""
    language = _language()
    return [{**line, **(line.get("i18n") or {}).get(language, {})} for line in lines or []]


@register.filter
def surrender_evidence(facts: dict[str, Any] | None) -> str:
    facts = facts or {}
    return (facts.get("surrender_evidence_i18n") or {}).get(_language()) or facts.get(
        "surrender_evidence", ""
    )


@register.filter
def age_band_label(code: str) -> str:
    return str(dict(AgeBand.choices).get(code, code))


@register.filter
def offence_categories(codes: list[str] | None) -> str:
    labels = dict(Offence.Category.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def stored_date(iso: str | None) -> str:
    """An ISO date kept in a JSON snapshot, written as the reader's dates are."""
    if not iso:
        return ""
    try:
        return date_format(dt.date.fromisoformat(iso), "SHORT_DATE_FORMAT")
    except ValueError:
        return iso
