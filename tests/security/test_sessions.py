"""Idle and absolute session timeouts; sessions end when a user is deactivated."""

from __future__ import annotations

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

from cases.accounts.services import user_deactivate
from cases.audit.models import AccessLogEntry
from tests.accounts.test_views import post_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_thirty_minutes_idle_signs_the_user_out(client, officer):
    with time_machine.travel("2026-11-20 08:00Z", tick=False) as clock:
        post_login(client, "officer", PASSWORD)
        assert client.get(reverse("home")).status_code == 200
        clock.shift(29 * 60)
        assert client.get(reverse("home")).status_code == 200
        clock.shift(31 * 60)
        response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "without activity" in response.content.decode()
    assert AccessLogEntry.objects.filter(
        username="officer", action=AccessLogEntry.Action.SESSION_EXPIRED, reason="idle"
    ).exists()


def test_an_active_session_still_ends_after_twelve_hours(client, officer):
    with time_machine.travel("2026-11-20 06:00Z", tick=False) as clock:
        post_login(client, "officer", PASSWORD)
        for _ in range(12 * 3 + 1):  # a request every 20 minutes, past twelve hours
            clock.shift(20 * 60)
            response = client.get(reverse("home"))
        assert response.status_code == 302
    assert AccessLogEntry.objects.filter(reason="absolute").exists()


def test_deactivating_a_user_ends_his_sessions(client, officer, supervisor):
    post_login(client, "officer", PASSWORD)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    user_deactivate(user=officer, by=supervisor, reason="transferred out of the programme")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("home")).status_code == 302


def test_deactivation_needs_a_reason(officer):
    with pytest.raises(ValueError, match="reason"):
        user_deactivate(user=officer, by=None, reason="  ")


def test_deactivation_in_the_admin_also_ends_sessions(client, officer):
    post_login(client, "officer", PASSWORD)
    key = client.session.session_key
    officer.is_active = False
    officer.save()  # what the admin's form does
    assert not Session.objects.filter(session_key=key).exists()
