"""Fixtures of the courts tests: courts of Anbar and the Court of Cassation, their judges, the
prison, and cases brought to trial through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.accounts import roles
from cases.casefiles.services import case_transition, screening_record
from cases.courts.services import Finding
from cases.legal.models import Offence
from cases.legal.services import charge_add
from tests.factories import UnitFactory, UserFactory, governorate, make_case

ANB = "ANB"


@pytest.fixture
def felony_court(db):
    return UnitFactory(
        governorate=governorate(ANB), kind="felony_court", name_en="Anbar Felony Court"
    )


@pytest.fixture
def felony_judge(felony_court):
    return UserFactory(unit=felony_court, roles=[roles.JUDGE], username="judge.felony")


@pytest.fixture
def second_judge(felony_court):
    """Another judge of the same felony court."""
    return UserFactory(unit=felony_court, roles=[roles.JUDGE], username="judge.second")


@pytest.fixture
def other_court_judge(db):
    """A judge of another felony court of the same governorate."""
    court = UnitFactory(governorate=governorate(ANB), kind="felony_court", name_en="Fallujah")
    return UserFactory(unit=court, roles=[roles.JUDGE], username="judge.other")


@pytest.fixture
def cassation_judge(db):
    court = UnitFactory(
        governorate=governorate("BGD"), kind="cassation_court", name_en="Court of Cassation"
    )
    return UserFactory(
        unit=court,
        roles=[roles.JUDGE],
        username="judge.cassation",
        governorates=[governorate(ANB)],
    )


@pytest.fixture
def prison_unit(db):
    return UnitFactory(governorate=governorate(ANB), kind="prison", name_en="Ramadi Prison")


@pytest.fixture
def prison_user(prison_unit):
    return UserFactory(unit=prison_unit, roles=[roles.PRISON], username="prison")


def offence(code: str) -> Offence:
    return Offence.objects.get(code=code)


def bring_to_trial(case, by, *, codes=("atl-4-1",)):
    """Screen, investigate, charge and refer a case to trial, then open the trial."""
    screening_record(
        case=case,
        data={"wanted_match": "none", "risk_tier": "low", "outcome": "investigate"},
        by=by,
    )
    for status in ("investigation", "referred_to_trial", "trial"):
        case = case_transition(case=case, to_status=status, by=by, reason="test")
    for code in codes:
        charge_add(case=case, offence=offence(code), by=by, reason="test")
    return case


@pytest.fixture
def trial_case(officer):
    return bring_to_trial(make_case(by=officer), officer)


def make_trial_case(officer, *, kind="voluntary", dob=dt.date(1990, 3, 1), codes=("atl-4-1",)):
    person = {
        "given_name_ar": "محمد",
        "family_name_ar": "الدليمي",
        "given_name_lat": "Mohammed",
        "family_name_lat": "al-Dulaimi",
        "date_of_birth": dob,
    }
    return bring_to_trial(
        make_case(by=officer, kind=kind, person_data=person), officer, codes=codes
    )


def convict(case, *, penalty="temporary", years=10, months=0, days=0, fine=None):
    """One conviction per active charge, all with the same penalty."""
    return [
        Finding(
            charge=charge,
            finding="convicted",
            penalty=penalty,
            years=years,
            months=months,
            days=days,
            fine=fine,
        )
        for charge in case.charges.filter(status="active")
    ]


def today() -> dt.date:
    return timezone.localdate()
