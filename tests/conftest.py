"""Shared fixtures: users of each role in Anbar, and outsiders in another governorate."""

from __future__ import annotations

import pytest

from cases.accounts import roles
from tests.factories import UnitFactory, UserFactory, governorate

PASSWORD = "Secret-passw0rd!"


@pytest.fixture
def anbar_unit(db):
    return UnitFactory(governorate=governorate("ANB"), name_en="Ramadi Police Station")


@pytest.fixture
def nineveh_unit(db):
    return UnitFactory(governorate=governorate("NIN"), name_en="Mosul Police Station")


@pytest.fixture
def officer(anbar_unit):
    return UserFactory(unit=anbar_unit, roles=[roles.OFFICER], username="officer")


@pytest.fixture
def colleague(anbar_unit):
    """Another officer of the same unit and jurisdiction."""
    return UserFactory(unit=anbar_unit, roles=[roles.OFFICER], username="colleague")


@pytest.fixture
def outsider(nineveh_unit):
    """An officer of another governorate."""
    return UserFactory(unit=nineveh_unit, roles=[roles.OFFICER], username="outsider")


@pytest.fixture
def judge(db):
    court = UnitFactory(
        governorate=governorate("ANB"), kind="investigating_court", name_en="Anbar Court"
    )
    return UserFactory(unit=court, roles=[roles.JUDGE], username="judge")


@pytest.fixture
def supervisor(anbar_unit):
    return UserFactory(
        unit=anbar_unit,
        roles=[roles.SUPERVISOR],
        username="supervisor",
        governorates=[governorate("SAL")],
    )


@pytest.fixture
def no_role_user(anbar_unit):
    return UserFactory(unit=anbar_unit, username="norole")


@pytest.fixture
def auditor(db):
    unit = UnitFactory(governorate=governorate("BGD"), kind="office", name_en="Ministry")
    return UserFactory(unit=unit, roles=[roles.AUDITOR], username="auditor", national_scope=True)
