"""The auditor's page: filters, pagination, export only for auditors, and the admin read-only."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from tests.factories import UserFactory
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db
A = AccessLogEntry.Action


@pytest.fixture
def views(officer, colleague, anbar_unit):
    with time_machine.travel("2026-11-01 09:00Z"):
        access_log_record(action=A.VIEW, user=officer, obj=anbar_unit)
    with time_machine.travel("2026-11-10 09:00Z"):
        access_log_record(action=A.VIEW, user=colleague, obj=anbar_unit)
        access_log_record(action=A.VIEW, user=officer, obj=officer.unit)


def _rows(response) -> list[str]:
    return [e.username for e in response.context["page"].object_list]


def test_who_viewed_this_record(client, auditor, views, anbar_unit):
    sign_in(client, auditor)
    ct = ContentType.objects.get_for_model(anbar_unit)
    response = client.get(
        reverse("audit:access_log"), {"content_type": ct.pk, "object_id": anbar_unit.pk}
    )
    assert response.status_code == 200
    assert sorted(_rows(response)) == ["colleague", "officer", "officer"]


def test_what_did_this_user_see_between_two_dates(client, auditor, views):
    sign_in(client, auditor)
    response = client.get(
        reverse("audit:access_log"),
        {"username": "officer", "date_from": "2026-11-05", "date_to": "2026-11-30"},
    )
    assert _rows(response) == ["officer"]


def test_reversed_dates_are_explained(client, auditor, views):
    sign_in(client, auditor)
    response = client.get(
        reverse("audit:access_log"), {"date_from": "2026-11-30", "date_to": "2026-11-01"}
    )
    assert "must not be after" in response.content.decode()
    assert _rows(response) == []


def test_the_log_is_paginated_with_constant_queries(
    client, auditor, officer, django_assert_max_num_queries
):
    for _ in range(120):
        access_log_record(action=A.VIEW, user=officer, obj=officer.unit)
    sign_in(client, auditor)
    with django_assert_max_num_queries(15):
        first = client.get(reverse("audit:access_log"))
    assert len(first.context["page"].object_list) == 50
    second_url = first.context["page"].next_url
    with django_assert_max_num_queries(15):
        second = client.get(reverse("audit:access_log") + second_url)
    third = client.get(reverse("audit:access_log") + second.context["page"].next_url)
    assert third.context["page"].number == 3
    # Keyset pages (the paginator's own tests show no OFFSET and no COUNT): no overlap, in order.
    ids = [[e.pk for e in p.context["page"].object_list] for p in (first, second, third)]
    assert not set(ids[0]) & set(ids[1]) and not set(ids[1]) & set(ids[2])
    assert ids[0][0] > ids[0][-1] > ids[1][0]


def test_export_is_for_auditors_and_is_itself_logged(client, auditor, supervisor, views):
    sign_in(client, auditor)
    response = client.get(reverse("audit:access_log_export"), {"username": "officer"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["id", "at", "username", "action"]
    assert {r[2] for r in rows[1:]} == {"officer"}
    assert AccessLogEntry.objects.filter(action=A.EXPORT, user=auditor).exists()
    sign_in(client, supervisor)
    assert client.get(reverse("audit:access_log_export")).status_code == 403


def test_administrator_sees_the_log_in_the_admin_but_cannot_change_or_delete(client, views):
    admin = UserFactory(roles=["administrator"], is_staff=True)
    sign_in(client, admin)
    entry = AccessLogEntry.objects.first()
    assert client.get(reverse("admin:audit_accesslogentry_changelist")).status_code == 200
    change = client.get(reverse("admin:audit_accesslogentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert (
        client.get(reverse("admin:audit_accesslogentry_delete", args=[entry.pk])).status_code == 403
    )
    assert client.get(reverse("admin:audit_accesslogentry_add")).status_code == 403
