"""Sign-ins, failures, sign-outs, refusals and not-found answers reach the access log."""

from __future__ import annotations

import pytest

from cases.audit.models import AccessLogEntry
from tests.accounts.test_views import post_login
from tests.conftest import PASSWORD
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db
A = AccessLogEntry.Action


def _actions(username: str) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(username=username)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_login_failed_login_and_logout_are_logged_with_the_address(client, officer):
    post_login(client, "officer", "wrong")
    post_login(client, "officer", PASSWORD)
    client.post("/logout/")
    assert _actions("officer") == [A.LOGIN_FAILED, A.LOGIN, A.LOGOUT]
    entry = AccessLogEntry.objects.get(action=A.LOGIN)
    assert entry.ip_address == "127.0.0.1"
    assert entry.user == officer


def test_failed_login_keeps_no_password(client, officer):
    post_login(client, "officer", "my-secret-typo")
    assert not any(
        "my-secret-typo" in str(v) for v in AccessLogEntry.objects.values_list(flat=True)
    )
    entry = AccessLogEntry.objects.get(action=A.LOGIN_FAILED)
    assert "my-secret-typo" not in " ".join(
        str(getattr(entry, f.attname)) for f in AccessLogEntry._meta.fields
    )


def test_refused_access_is_logged(client, officer):
    sign_in(client, officer)
    assert client.get("/audit/access-log/").status_code == 403
    refused = AccessLogEntry.objects.get(action=A.REFUSED)
    assert refused.user == officer
    assert refused.path == "/audit/access-log/"


def test_not_found_for_a_signed_in_user_is_logged_without_query_string(client, officer):
    sign_in(client, officer)
    client.get("/cases/12345/?name=Mohammed")
    entry = AccessLogEntry.objects.get(action=A.NOT_FOUND)
    assert entry.path == "/cases/12345/"
    assert "Mohammed" not in entry.path
