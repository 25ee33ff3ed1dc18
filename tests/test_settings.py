"""Settings are read from the environment, and production refuses unsafe defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "SECRET_KEY": "test-Jq8v2ZrX0pL9wT4kYb7mN3sD6fG1hC5eR8uI0oP2aS4dF6gH8jK",
    "DATABASE_URL": "postgres://caseweb:pw@db.internal:5432/caseweb",
    "ALLOWED_HOSTS": "caseweb.example.gov.iq",
    "SEALED_FIELD_KEYS": "ZGV2LW9ubHktc2VhbGVkLWZpZWxkLWtleS0wMDAwMDA=",
    "SEALED_INDEX_KEY": "i" * 40,
    "AUDIT_CHAIN_KEY": "c" * 40,
    "CELERY_BROKER_URL": "redis://:broker-pw@cache.internal:6379/0",
}

PROBE = """
import json, django
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DB": [db["ENGINE"], db["NAME"], db["HOST"], str(db["PORT"]), db["USER"]],
    "BROKER": settings.CELERY_BROKER_URL,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "HSTS": settings.SECURE_HSTS_SECONDS,
    "DEMO_ALLOWED": settings.DEMO_ALLOWED,
}))
"""


def _settings_in_subprocess(module: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    env = {**keep, "DJANGO_SETTINGS_MODULE": module, **extra_env}
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_reads_everything_from_the_environment():
    result = _settings_in_subprocess(
        "caseweb.settings.prod",
        {**PROD_ENV, "CELERY_BROKER_URL": "redis://cache:6379/2", "LANGUAGE_CODE": "ar"},
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DB"] == [
        "django.db.backends.postgresql",
        "caseweb",
        "db.internal",
        "5432",
        "caseweb",
    ]
    assert values["ALLOWED_HOSTS"] == ["caseweb.example.gov.iq"]
    assert values["BROKER"] == "redis://cache:6379/2"
    assert values["LANGUAGE_CODE"] == "ar"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["HSTS"] >= 31536000
    assert values["DEMO_ALLOWED"] is False


def test_production_never_turns_debug_on():
    result = _settings_in_subprocess("caseweb.settings.prod", {**PROD_ENV, "DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DEBUG"] is False


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "SEALED_FIELD_KEYS",
        "SEALED_INDEX_KEY",
        "AUDIT_CHAIN_KEY",
    ],
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = _settings_in_subprocess("caseweb.settings.prod", env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _settings_in_subprocess("caseweb.settings.prod", {**PROD_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_dev_uses_database_url_when_given_and_defaults_broker_to_filesystem():
    result = _settings_in_subprocess(
        "caseweb.settings.dev", {"DATABASE_URL": "postgres://u@10.0.0.9:5433/other"}
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DB"][1:4] == ["other", "10.0.0.9", "5433"]
    assert values["BROKER"] == "filesystem://"
    assert values["DEBUG"] is True
    assert values["DEMO_ALLOWED"] is True


def test_the_tests_run_on_postgresql_in_a_database_of_their_own(db):
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert connection.settings_dict["NAME"].startswith("test_")
    if not os.environ.get("DATABASE_URL"):
        # Embedded server of the tests' own, apart from the developer's var/pgdata.
        assert "pgtest" in settings.DATABASES["default"]["HOST"]


def test_celery_is_eager_only_under_test_settings():
    from caseweb.celery import app

    assert app.conf.task_always_eager is True
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from caseweb.celery import app;"
            " print(app.conf.task_always_eager)",
        ],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "caseweb.settings.dev",
            "DATABASE_URL": "postgres://u@h/db",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.strip() == "False", probe.stderr
