"""Helpers of the imports tests: files built in the test (CSV bytes, an .xlsx workbook made with
openpyxl), and lists uploaded and confirmed through the services."""

from __future__ import annotations

import csv
import io

import pytest

from cases.accounts import roles
from cases.imports.services import import_job_confirm, import_job_create
from tests.factories import UnitFactory, UserFactory, governorate

ABSENCE_HEADERS = [
    "Service number",
    "Given name",
    "Father's name",
    "Grandfather's name",
    "Family name",
    "Rank",
    "Absent since",
    "Circumstances",
]


def absence_row(number: str, given: str = "حسين", father: str = "علي", **extra) -> list[str]:
    row = {
        "Service number": number,
        "Given name": given,
        "Father's name": father,
        "Grandfather's name": extra.get("grandfather", "خلف"),
        "Family name": extra.get("family", "الدليمي"),
        "Rank": extra.get("rank", "جندي"),
        "Absent since": extra.get("since", "2015-01-10"),
        "Circumstances": extra.get("circumstances", "fled"),
    }
    return [row[h] for h in ABSENCE_HEADERS]


WANTED_HEADERS = [
    "Issuing court",
    "Warrant number",
    "Warrant date",
    "Article",
    "Full name",
    "Mother's name",
    "Year of birth",
    "Governorate",
]


def wanted_row(number: str, name: str = "عمر خلف حمد الفهداوي", **extra) -> list[str]:
    return [
        extra.get("court", "محكمة تحقيق الأنبار"),
        number,
        extra.get("date", "2016-03-01"),
        extra.get("article", "4/1"),
        name,
        extra.get("mother", "فاطمة"),
        extra.get("born", "1988"),
        extra.get("governorate", "ANB"),
    ]


def csv_bytes(headers, rows, *, bom: bool = True, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(headers, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def check_absences(by, rows, *, unit=None, headers=ABSENCE_HEADERS, name="list.csv"):
    return import_job_create(
        kind="absences",
        file_name=name,
        data=csv_bytes(headers, rows),
        by=by,
        unit=unit or by.unit,
    )


def check_wanted(by, rows, *, headers=WANTED_HEADERS, gov="ANB"):
    import datetime as dt

    return import_job_create(
        kind="wanted",
        file_name="wanted.csv",
        data=csv_bytes(headers, rows),
        by=by,
        governorate=governorate(gov),
        source="Anbar Police Command",
        received_on=dt.date(2016, 4, 1),
    )


def confirm(job, by, choices=None, *, django_capture_on_commit_callbacks=None):
    """Confirm with the proposed persons (or ``choices``)."""
    if choices is None:
        choices = {r["line"]: r.get("proposed") for r in job.rows}
    return import_job_confirm(job=job, by=by, choices=choices)


@pytest.fixture
def army_unit(db):
    return UnitFactory(governorate=governorate("ANB"), kind="army_unit", name_en="7th Division")


@pytest.fixture
def mosul_supervisor(nineveh_unit):
    return UserFactory(unit=nineveh_unit, roles=[roles.SUPERVISOR], username="mosul-supervisor")
