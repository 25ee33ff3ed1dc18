"""Headers in Arabic and English, dates and years as units write them, four-part names."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.imports.columns import (
    CellError,
    map_headers,
    parse_birth,
    parse_date,
    split_full_name,
)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Service number", "service_number"),
        ("service_no", "service_number"),
        ("SERVICE-NUMBER", "service_number"),
        ("الرقم العسكري", "service_number"),
        ("رقم الخدمة", "service_number"),
        ("الاسم الرباعي", "full_name"),
        ("Full name", "full_name"),
        ("اسم الأب", "father_name_ar"),
        ("اسم الاب", "father_name_ar"),
        ("Father's name", "father_name_ar"),
        ("اسم الأم", "mother_name_ar"),
        ("الرتبة", "rank"),
        ("الوحدة", "unit"),
        ("تاريخ الغياب", "absent_since"),
        ("Absent since", "absent_since"),
        ("المواليد", "birth"),
        ("\ufeffService number", "service_number"),
    ],
)
def test_absence_headers_in_both_languages(header, key):
    assert map_headers("absences", [header]).keys == {0: key}


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("الجهة المصدرة", "issuing_authority"),
        ("Issuing court", "issuing_authority"),
        ("رقم المذكرة", "warrant_number"),
        ("Warrant No.", "warrant_number"),
        ("تاريخ مذكرة القبض", "warrant_date"),
        ("المادة القانونية", "article"),
        ("المحافظة", "governorate"),
        ("Year of birth", "birth"),
    ],
)
def test_wanted_headers_in_both_languages(header, key):
    assert map_headers("wanted", [header]).keys == {0: key}


def test_missing_required_columns_and_unknown_and_repeated_headers():
    found = map_headers("absences", ["Given name", "Colour", "Rank", "الرتبة"])
    assert set(found.missing) == {"service_number", "absent_since", "full_name"}
    assert found.unknown == ("Colour",)
    assert found.repeated == {"rank": ("Rank", "الرتبة")}
    # The names in four parts are enough without a "full name" column.
    parts = map_headers(
        "absences", ["Service number", "Given name", "Father's name", "Absent since"]
    )
    assert parts.missing == ()


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2015-01-10", dt.date(2015, 1, 10)),
        ("10/01/2015", dt.date(2015, 1, 10)),
        ("10/1/2015", dt.date(2015, 1, 10)),
        ("10-01-2015", dt.date(2015, 1, 10)),
        ("2015/01/10", dt.date(2015, 1, 10)),
        ("٢٠١٥-٠١-١٠", dt.date(2015, 1, 10)),
        ("2015-01-10 00:00:00", dt.date(2015, 1, 10)),
    ],
)
def test_dates_as_units_write_them(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["10/01/15", "31/02/2015", "yesterday", "2015-13-01", ""])
def test_dates_that_are_refused(text):
    with pytest.raises(CellError) as caught:
        parse_date(text)
    assert caught.value.code == "date_invalid"


def test_year_or_date_of_birth():
    today = dt.date(2026, 1, 1)
    assert parse_birth("1988", today=today) == (None, 1988)
    assert parse_birth("١٩٨٨", today=today) == (None, 1988)
    assert parse_birth("01/05/1988", today=today) == (dt.date(1988, 5, 1), None)
    for bad in ("1850", "2030", "88"):
        with pytest.raises(CellError):
            parse_birth(bad, today=today)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("حسين علي خلف الدليمي", ("حسين", "علي", "خلف", "الدليمي")),
        ("عبد الله محمد حسين", ("عبد الله", "محمد", "حسين", "")),
        ("محمد عبد الرحمن علي آل سعيد", ("محمد", "عبد الرحمن", "علي", "آل سعيد")),
        ("Hussein Ali Khalaf al Dulaimi", ("Hussein", "Ali", "Khalaf", "al Dulaimi")),
        ("حسين", ("حسين", "", "", "")),
    ],
)
def test_a_four_part_name_in_one_cell(text, parts):
    assert split_full_name(text) == parts
