"""Fixtures of the amnesty tests: the seeded decrees, a committee member, an army unit, and
absences reported through the service."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from cases.accounts import roles
from cases.amnesty.models import AbsenceReport, Decree
from cases.amnesty.services import absence_report
from tests.factories import UnitFactory, UserFactory, governorate

BAGHDAD = ZoneInfo("Asia/Baghdad")
_numbers = itertools.count(1)


def baghdad(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BAGHDAD)


@pytest.fixture
def decree_2015(db) -> Decree:
    return Decree.objects.get(code="deserters-2015")


@pytest.fixture
def law_27(db) -> Decree:
    return Decree.objects.get(code="law-27-2016")


@pytest.fixture
def committee(db):
    unit = UnitFactory(governorate=governorate("ANB"), kind="amnesty_committee")
    return UserFactory(unit=unit, roles=[roles.AMNESTY_COMMITTEE], username="committee")


@pytest.fixture
def army_unit(db):
    return UnitFactory(governorate=governorate("ANB"), kind="army_unit", name_en="7th Division")


def report_absence(
    by,
    *,
    unit=None,
    absent_since=dt.date(2015, 1, 10),
    circumstances="fled",
    service_number=None,
    given_name="أحمد",
) -> AbsenceReport:
    """An absence reported through the service, for a new man."""
    return absence_report(
        service_number=service_number or f"SN-{next(_numbers):05d}",
        unit=unit or by.unit,
        absent_since=absent_since,
        circumstances=circumstances,
        person_data={"given_name_ar": given_name, "family_name_ar": "الدليمي"},
        by=by,
    )


@pytest.fixture
def in_window(time_machine):
    """Ten days before the 2015 window closes (20 May 2015, noon in Baghdad)."""
    time_machine.move_to(baghdad(2015, 5, 20, 12, 0), tick=False)
    return baghdad(2015, 5, 20, 12, 0)
