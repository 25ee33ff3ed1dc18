"""Roles are groups created by migration, with their permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from cases.accounts import roles
from cases.accounts.roles import ROLE_PERMISSIONS, role_permissions, sync_role_permissions
from cases.accounts.services import RoleError, user_create, user_set_roles
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "officer",
    "investigator",
    "judge",
    "supervisor",
    "amnesty_committee",
    "prison_administration",
    "auditor",
    "administrator",
}


def _perms(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= EXPECTED_ROLES


@pytest.mark.parametrize("role", sorted(EXPECTED_ROLES))
def test_each_role_holds_exactly_its_permissions(role):
    assert _perms(Group.objects.get(name=role)) == set(role_permissions(role))


def test_desks_are_separate():
    officer = UserFactory(roles=[roles.OFFICER])
    judge = UserFactory(roles=[roles.JUDGE])
    assert officer.has_perm("accounts.officer_desk")
    assert not officer.has_perm("accounts.judge_desk")
    assert judge.has_perm("accounts.judge_desk")
    assert not judge.has_perm("accounts.officer_desk")


def test_only_administrators_change_users():
    for role in EXPECTED_ROLES - {roles.ADMINISTRATOR}:
        assert "accounts.change_user" not in role_permissions(role)
    assert "accounts.change_user" in ROLE_PERMISSIONS[roles.ADMINISTRATOR]


def test_sync_restores_a_permission_removed_by_hand():
    group = Group.objects.get(name=roles.OFFICER)
    group.permissions.clear()
    sync_role_permissions()
    assert _perms(group) == set(role_permissions(roles.OFFICER))


def test_administrator_role_makes_staff_and_removing_it_does_not_leave_staff():
    user = UserFactory()
    user_set_roles(user=user, roles=[roles.ADMINISTRATOR])
    assert user.is_staff
    user_set_roles(user=user, roles=[roles.OFFICER])
    assert not user.is_staff


def test_unknown_role_is_refused():
    user = UserFactory()
    with pytest.raises(RoleError):
        user_set_roles(user=user, roles=["sheikh"])


def test_user_create_always_sees_his_unit_governorate():
    unit = UnitFactory()
    user = user_create(username="new", password="Long-enough-pass-1", unit=unit, roles=["judge"])
    assert set(user.governorates.values_list("code", flat=True)) == {unit.governorate.code}
    assert user.check_password("Long-enough-pass-1")
    assert list(user.groups.values_list("name", flat=True)) == ["judge"]
