"""Fixtures of the operations tests: records whose cases ended long ago, made through the
services where a service exists, with the verdicts and decisions dated in the past."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.amnesty.models import Application, Decision, Decree
from cases.courts.models import ChargeVerdict, Verdict
from cases.legal.models import Offence
from cases.legal.services import charge_add
from cases.operations.archive import generate_key
from tests.factories import UnitFactory, governorate, make_case

TODAY = dt.date(2026, 11, 21)


def years_ago(years: int, *, days: int = 0) -> dt.date:
    return TODAY.replace(year=TODAY.year - years) - dt.timedelta(days=days)


def person_data(given: str, family: str = "الدليمي") -> dict:
    return {
        "given_name_ar": given,
        "father_name_ar": "عبد الله",
        "family_name_ar": family,
        "mother_name_ar": "فاطمة",
        "given_name_lat": "Latin " + given,
        "family_name_lat": "al-Dulaimi",
        "kunya": "Abu " + given,
        "national_id": "199012345678",
        "date_of_birth": dt.date(1990, 3, 1),
    }


@pytest.fixture
def court(db):
    return UnitFactory(governorate=governorate("ANB"), kind="felony_court", name_en="Court")


def charged_case(officer, *, person=None, given="محمد"):
    """A case with one charge (and an alias); a second case of the same ``person`` when given."""
    if person is None:
        case = make_case(by=officer, person_data=person_data(given), aliases=["Abu Qaswara"])
    else:
        case = make_case(by=officer, person=person)
    charge_add(case=case, offence=Offence.objects.order_by("pk").first(), by=officer, reason="t")
    return case


def record_verdict(case, *, judge, court, finding: str, final_on: dt.date | None) -> Verdict:
    """A verdict recorded years ago (the services date everything today, so rows are written
    directly: the retention rule reads the data, whoever wrote it)."""
    decided = final_on or years_ago(0)
    verdict = Verdict.objects.create(
        case=case,
        court=court,
        judge=judge,
        decided_on=decided - dt.timedelta(days=30),
        appeal_until=decided,
        final_on=final_on,
        recorded_by=judge,
        reasons="He, Latin-Reasons-Name, was found ...",
    )
    for charge in case.charges.all():
        ChargeVerdict.objects.create(verdict=verdict, charge=charge, finding=finding)
    return verdict


def grant_amnesty(case, *, by, on: dt.date) -> Decision:
    application = Application.objects.create(
        decree=Decree.objects.get(code="law-27-2016"),
        case=case,
        applied_on=on - dt.timedelta(days=60),
        status=Application.Status.GRANTED,
        filed_by=by,
    )
    return Decision.objects.create(
        application=application,
        outcome=Decision.Outcome.GRANT,
        reason="granted",
        engine_status="eligible",
        decided_by=by,
        decided_at=timezone.make_aware(dt.datetime.combine(on, dt.time(10))),
    )


@pytest.fixture
def backup_settings(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_ENCRYPTION_KEY = generate_key()
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    return settings
