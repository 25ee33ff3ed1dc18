"""Security headers on every response; check --deploy clean under production settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.support.auth import sign_in
from tests.test_settings import PROD_ENV, ROOT

pytestmark = pytest.mark.django_db


def test_csp_forbids_inline_script_and_framing(client):
    csp = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_pages_carry_the_protective_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_authenticated_pages_are_never_stored(client, officer):
    sign_in(client, officer)
    cache_control = client.get(reverse("home"))["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_session_and_csrf_cookies_are_http_only(client, officer):
    client.get(reverse("login"))
    response = client.post(
        reverse("login"),
        {
            "login_view-current_step": "auth",
            "auth-username": "officer",
            "auth-password": "Secret-passw0rd!",
        },
    )
    assert response.cookies["caseweb_session"]["httponly"]
    assert client.cookies["caseweb_csrftoken"]["httponly"]


def test_no_template_has_an_inline_script():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">", 1)[0]:
                offenders.append(str(path.relative_to(ROOT)))
        if " onclick=" in text or " onload=" in text or " onsubmit=" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_check_deploy_is_clean_under_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "caseweb.settings.prod",
        **PROD_ENV,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_harden_cookies_and_transport():
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "caseweb.settings.prod"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + script],
        cwd=ROOT,
        env={**env, **PROD_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "False", "True"], result.stderr
