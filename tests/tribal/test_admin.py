"""The admin of the tribal track: tribes are edited there; records are shown, never deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.tribal.models import Guarantee, Tribe
from tests.factories import UserFactory, make_case
from tests.support.auth import sign_in
from tests.tribal.builders import make_guarantee

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    staff = UserFactory(roles=["administrator"], is_staff=True, is_superuser=True)
    return sign_in(client, staff)


def test_an_administrator_edits_a_tribe_in_the_admin(admin_client):
    tribe = Tribe.objects.get(code="obaid")
    url = reverse("admin:tribal_tribe_change", args=[tribe.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(reverse("admin:tribal_tribe_add")).status_code == 200
    assert (
        admin_client.get(reverse("admin:tribal_tribe_history", args=[tribe.pk])).status_code == 200
    )


def test_records_show_in_the_admin_and_cannot_be_deleted(admin_client, officer):
    guarantee = make_guarantee(make_case(by=officer), officer)
    url = reverse("admin:tribal_guarantee_change", args=[guarantee.pk])
    assert admin_client.get(url).status_code == 200
    delete = reverse("admin:tribal_guarantee_delete", args=[guarantee.pk])
    assert admin_client.get(delete).status_code == 403
    assert Guarantee.objects.filter(pk=guarantee.pk).exists()
