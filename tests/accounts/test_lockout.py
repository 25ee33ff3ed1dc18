"""Lockout after repeated failures (django-axes): a clear message and an audit entry."""

from __future__ import annotations

import pytest

from cases.audit.models import AccessLogEntry
from tests.accounts.test_views import post_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_five_failures_lock_the_account_even_against_the_right_password(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "officer", "wrong").status_code == 200
    locked = post_login(client, "officer", "wrong")
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    again = post_login(client, "officer", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_and_failures_are_in_the_access_log(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "officer", "wrong")
    actions = list(
        AccessLogEntry.objects.filter(username="officer").values_list("action", flat=True)
    )
    assert actions.count(AccessLogEntry.Action.LOGIN_FAILED) == settings.AXES_FAILURE_LIMIT
    assert AccessLogEntry.Action.LOCKOUT in actions


def test_lockout_message_in_arabic(client, officer, settings):
    client.cookies["caseweb_language"] = "ar"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = post_login(client, "officer", "wrong")
    assert response.status_code == 429
    assert 'dir="rtl"' in response.content.decode()


def test_a_success_before_the_limit_resets_the_count(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "officer", "wrong")
    assert post_login(client, "officer", PASSWORD).status_code == 302
    client.post("/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "officer", "wrong").status_code == 200
