"""Two-factor authentication: required for judges, supervisors, auditors and administrators."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from tests.accounts.test_views import post_login
from tests.conftest import PASSWORD
from tests.support.auth import current_code, sign_in, totp_device

pytestmark = pytest.mark.django_db


def post_token(client, code: str):
    return client.post(
        reverse("login"), {"login_view-current_step": "token", "token-otp_token": code}
    )


def test_judge_without_a_device_is_sent_to_set_one_up(client, judge):
    response = post_login(client, "judge", PASSWORD)
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("two_factor:setup")
    assert client.get(reverse("two_factor:setup")).status_code == 200


def test_judge_with_a_device_must_give_the_code(client, judge):
    device = totp_device(judge)
    with time_machine.travel("2026-11-20 09:00Z", tick=False) as clock:
        response = post_login(client, "judge", PASSWORD)
        assert response.status_code == 200  # the wizard now asks for the code
        assert b"token-otp_token" in response.content
        assert "_auth_user_id" not in client.session
        assert post_token(client, "000000").status_code == 200  # wrong code: asked again
        assert "_auth_user_id" not in client.session
        clock.shift(5)  # django-otp throttles a second try for a moment after a failure
        response = post_token(client, current_code(device))
        assert response.status_code == 302
        assert client.get(reverse("home")).status_code == 200


def test_officer_may_work_without_a_second_factor(client, officer):
    post_login(client, "officer", PASSWORD)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("who", ["judge", "supervisor", "auditor"])
def test_an_unverified_session_of_a_2fa_role_reaches_nothing(client, request, who):
    user = request.getfixturevalue(who)
    totp_device(user)
    client.force_login(user)  # signed in, but the second factor never given in this session
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_staff_need_a_second_factor_too(client, db):
    from tests.factories import UserFactory

    admin = UserFactory(roles=["administrator"], is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/")["Location"] == reverse("two_factor:setup")


def test_a_judge_cannot_turn_two_factor_off(client, judge):
    sign_in(client, judge)
    response = client.post(reverse("two_factor:disable"), {"understand": "on"})
    assert response.status_code == 302
    assert judge.totpdevice_set.exists()


def test_an_officer_may_turn_his_optional_second_factor_off(client, officer):
    sign_in(client, officer)
    client.post(reverse("two_factor:disable"), {"understand": "on"})
    assert not officer.totpdevice_set.exists()
