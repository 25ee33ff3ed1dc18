"""Sign-in, sign-out, password change and the language switch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.accounts.models import User
from tests.conftest import PASSWORD
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def post_login(client, username: str, password: str):
    """The first step of the sign-in wizard."""
    return client.post(
        reverse("login"),
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def test_login_page_renders_for_anonymous(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="auth-username"' in response.content
    assert b"bootstrap.min.css" in response.content


def test_officer_logs_in_and_lands_on_start_page(client, officer):
    response = post_login(client, "officer", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_keeps_username_and_explains(client, officer):
    response = post_login(client, "officer", "wrong")
    assert response.status_code == 200
    assert b'value="officer"' in response.content
    assert b"Please enter a correct username and password" in response.content


def test_login_changes_session_id(client, officer):
    client.get(reverse("login"))
    before = client.cookies["caseweb_session"].value if "caseweb_session" in client.cookies else ""
    client.get(reverse("login"))
    client.session.save()
    anonymous_key = client.session.session_key
    post_login(client, "officer", PASSWORD)
    assert client.session.session_key not in (anonymous_key, before)
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_logout_is_post_only_and_ends_session(client, officer):
    client.force_login(officer)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_enforces_strength(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    assert b"too short" in response.content
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "A-much-longer-passphrase-9",
            "new_password2": "A-much-longer-passphrase-9",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("A-much-longer-passphrase-9")


def test_language_switch_persists_on_the_user(client, officer):
    client.force_login(officer)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/account/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert User.objects.get(pk=officer.pk).language == "ar"


def test_stored_language_wins_over_browser_on_a_new_device(client, officer):
    officer.language = "ar"
    officer.save()
    client.force_login(officer)
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert b'lang="ar" dir="rtl"' in response.content
    assert b"bootstrap.rtl.min.css" in response.content


def test_language_switch_for_anonymous_sets_cookie(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/login/"})
    assert response.cookies["caseweb_language"].value == "ar"
    page = client.get(reverse("login"))
    assert b'dir="rtl"' in page.content
    assert "تسجيل الدخول".encode() in page.content


def test_language_switch_refuses_foreign_redirect_and_unknown_language(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert User.objects.get(pk=officer.pk).language == "en"


def test_profile_shows_roles_and_governorates(client, supervisor):
    sign_in(client, supervisor)
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    assert b"Supervisor" in response.content
    assert b"Anbar" in response.content
    assert b"Salahuddin" in response.content
