"""Dates in both languages: day/month/year and a 24-hour clock (caseweb/formats)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from cases.casefiles.forms import DateInput, DateTimeLocalInput

MOMENT = dt.datetime(2026, 11, 21, 17, 28)


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("ar", "21/11/2026 17:28", "21 نوفمبر 2026 17:28"),
        ("en", "21/11/2026 17:28", "21 November 2026 17:28"),
    ],
)
def test_dates_are_day_first_with_a_24_hour_clock(language, short, long):
    template = Template(
        '{{ m|date:"SHORT_DATETIME_FORMAT" }}|{{ m|date:"DATETIME_FORMAT" }}|'
        '{{ m|date:"SHORT_DATE_FORMAT" }}|{{ m|time:"TIME_FORMAT" }}'
    )
    with translation.override(language):
        rendered = template.render(Context({"m": MOMENT}))
    assert rendered == f"{short}|{long}|21/11/2026|17:28"
    assert "ص" not in rendered and "p.m." not in rendered


class _Form(forms.Form):
    day = forms.DateField(widget=DateInput())
    at = forms.DateTimeField(widget=DateTimeLocalInput())


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(
    ("day", "at"),
    [
        ("2026-11-21", "2026-11-21T17:28"),  # what the browser's date pickers send
        ("21/11/2026", "21/11/2026 17:28"),  # typed the Iraqi way
    ],
)
def test_date_fields_accept_iso_and_day_first(settings, language, day, at):
    settings.TIME_ZONE = "UTC"
    with translation.override(language):
        form = _Form({"day": day, "at": at})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 11, 21)
    assert form.cleaned_data["at"].replace(tzinfo=None) == MOMENT


@pytest.mark.parametrize("language", ["ar", "en"])
def test_date_pickers_are_given_iso_values(language):
    with translation.override(language):
        html = str(_Form(initial={"day": MOMENT.date(), "at": MOMENT})["day"])
        html_at = str(_Form(initial={"day": MOMENT.date(), "at": MOMENT})["at"])
    assert 'type="date"' in html and 'value="2026-11-21"' in html
    assert 'value="2026-11-21T17:28"' in html_at


def test_a_month_first_date_is_not_read_as_american():
    with translation.override("en"):
        form = _Form({"day": "11/21/2026", "at": "2026-11-21T17:28"})
        assert not form.is_valid()
