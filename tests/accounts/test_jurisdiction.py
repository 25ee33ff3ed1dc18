"""A user sees only the governorates assigned to him."""

from __future__ import annotations

import pytest

from cases.accounts.models import District, Governorate, Unit, User
from tests.factories import UnitFactory, UserFactory, governorate

pytestmark = pytest.mark.django_db


def test_officer_sees_only_his_unit_governorate(officer):
    codes = set(Governorate.objects.in_jurisdiction(officer).values_list("code", flat=True))
    assert codes == {"ANB"}


def test_supervisor_sees_every_governorate_assigned(supervisor):
    codes = set(Governorate.objects.in_jurisdiction(supervisor).values_list("code", flat=True))
    assert codes == {"ANB", "SAL"}


def test_units_outside_jurisdiction_are_not_listed(officer, nineveh_unit, anbar_unit):
    visible = set(Unit.objects.in_jurisdiction(officer))
    assert anbar_unit in visible
    assert nineveh_unit not in visible


def test_districts_follow_their_governorate(officer):
    districts = District.objects.in_jurisdiction(officer)
    assert districts.exists()
    assert set(districts.values_list("governorate__code", flat=True)) == {"ANB"}


def test_users_are_scoped_by_their_unit_governorate(officer, outsider, colleague):
    visible = set(User.objects.in_jurisdiction(officer))
    assert {officer, colleague} <= visible
    assert outsider not in visible


def test_national_scope_sees_all_governorates(db):
    national = UserFactory(national_scope=True)
    assert Governorate.objects.in_jurisdiction(national).count() == 18


def test_superuser_sees_all_governorates(db):
    admin = UserFactory(is_superuser=True)
    assert Governorate.objects.in_jurisdiction(admin).count() == 18


def test_inactive_and_anonymous_users_see_nothing(officer):
    from django.contrib.auth.models import AnonymousUser

    officer.is_active = False
    assert not Governorate.objects.in_jurisdiction(officer).exists()
    assert not Governorate.objects.in_jurisdiction(AnonymousUser()).exists()


def test_user_without_governorates_sees_nothing(db):
    unit = UnitFactory()
    user = UserFactory(unit=unit)
    user.governorates.clear()
    user = User.objects.get(pk=user.pk)
    assert not Unit.objects.in_jurisdiction(user).exists()


def test_reference_data_has_eighteen_governorates_with_districts(db):
    assert Governorate.objects.count() == 18
    assert not Governorate.objects.filter(districts__isnull=True).exists()
    anbar = governorate("ANB")
    assert anbar.name_ar == "الأنبار"
    assert anbar.districts.filter(name_en="Al-Qaim").exists()


def test_unit_district_must_lie_in_its_governorate(db):
    from django.core.exceptions import ValidationError

    mosul = District.objects.get(name_en="Mosul")
    unit = UnitFactory.build(governorate=governorate("ANB"), district=mosul, code="x-1")
    with pytest.raises(ValidationError) as excinfo:
        unit.full_clean()
    assert "district" in excinfo.value.message_dict
