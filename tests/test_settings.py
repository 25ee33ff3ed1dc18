"""Settings are read from the environment, and production refuses unsafe defaults."""

from __future__ import annotations

import json
import os
import ssl
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


# --- Production settings for deployment (issue 14) ----------------------------------------------

EXPRESSIONS = """
import json, django
from django.conf import settings as s
from caseweb.celery import app
print(json.dumps({name: eval(expr) for name, expr in EXPRESSIONS.items()}, default=str))
"""


def _probe(module: str, extra_env: dict[str, str], **expressions: str) -> dict:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    result = subprocess.run(
        [sys.executable, "-c", f"EXPRESSIONS = {expressions!r}\n{EXPRESSIONS}"],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": module, **extra_env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _refusal(extra_env: dict[str, str]) -> str:
    result = _settings_in_subprocess("caseweb.settings.prod", extra_env)
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr


def test_secrets_come_from_files_named_by_name_file(tmp_path):
    secrets = {
        "SECRET_KEY": PROD_ENV["SECRET_KEY"],
        "DATABASE_URL": "postgres://caseweb:file-pw@db.files:5432/caseweb",
        "SEALED_FIELD_KEYS": PROD_ENV["SEALED_FIELD_KEYS"],
        "SEALED_INDEX_KEY": "i" * 40,
        "AUDIT_CHAIN_KEY": "c" * 40,
        "CELERY_BROKER_URL": "redis://:from-a-file@cache.files:6379/0",
        "EMAIL_HOST_PASSWORD": "smtp-from-a-file",
    }
    env = {"ALLOWED_HOSTS": "caseweb.example.gov.iq"}
    for name, value in secrets.items():
        path = tmp_path / name.lower()
        path.write_text(value + "\n")  # as `echo value > file` leaves it
        env[f"{name}_FILE"] = str(path)
    values = _probe(
        "caseweb.settings.prod",
        env,
        secret="s.SECRET_KEY",
        db="[s.DATABASES['default']['HOST'], s.DATABASES['default']['PASSWORD']]",
        keys="s.SEALED_FIELD_KEYS",
        broker="app.conf.broker_url",
        email="s.EMAIL_HOST_PASSWORD",
    )
    assert values == {
        "secret": secrets["SECRET_KEY"],
        "db": ["db.files", "file-pw"],
        "keys": [secrets["SEALED_FIELD_KEYS"]],
        "broker": secrets["CELERY_BROKER_URL"],
        "email": "smtp-from-a-file",
    }


def test_a_secret_file_that_cannot_be_read_stops_start_up_naming_the_variable(tmp_path):
    env = {k: v for k, v in PROD_ENV.items() if k != "SECRET_KEY"}
    stderr = _refusal({**env, "SECRET_KEY_FILE": str(tmp_path / "missing")})
    assert "SECRET_KEY_FILE" in stderr and "cannot be read" in stderr


def test_a_secret_given_both_ways_is_refused(tmp_path):
    path = tmp_path / "key"
    path.write_text("k" * 60)
    stderr = _refusal({**PROD_ENV, "SECRET_KEY_FILE": str(path)})
    assert "SECRET_KEY and SECRET_KEY_FILE are both set" in stderr
    assert "k" * 60 not in stderr and PROD_ENV["SECRET_KEY"] not in stderr


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    values = _probe(
        "caseweb.settings.prod",
        PROD_ENV,
        age="s.DATABASES['default']['CONN_MAX_AGE']",
        checks="s.DATABASES['default']['CONN_HEALTH_CHECKS']",
        timeout="s.DATABASES['default']['OPTIONS']['connect_timeout']",
    )
    assert values == {"age": 60, "checks": True, "timeout": 5}
    tuned = _probe(
        "caseweb.settings.prod",
        {**PROD_ENV, "DATABASE_CONN_MAX_AGE": "0"},
        age=("s.DATABASES['default']['CONN_MAX_AGE']"),
    )
    assert tuned == {"age": 0}


@pytest.mark.parametrize("broker", ["filesystem://", "memory://"])
def test_production_refuses_a_broker_only_one_machine_can_reach(broker):
    stderr = _refusal({**PROD_ENV, "CELERY_BROKER_URL": broker})
    assert "CELERY_BROKER_URL" in stderr


def test_redis_over_tls_verifies_the_server_with_the_given_ca(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("not read at start-up")
    values = _probe(
        "caseweb.settings.prod",
        {
            **PROD_ENV,
            "CELERY_BROKER_URL": "rediss://:pw@cache.internal:6380/0",
            "CELERY_BROKER_SSL_CA_FILE": str(ca),
        },
        ssl="app.conf.broker_use_ssl",
    )
    assert values["ssl"] == {"ssl_cert_reqs": int(ssl.CERT_REQUIRED), "ssl_ca_certs": str(ca)}


def test_rabbitmq_over_tls_takes_the_same_options_in_its_own_names(tmp_path):
    values = _probe(
        "caseweb.settings.prod",
        {
            **PROD_ENV,
            "CELERY_BROKER_URL": "amqps://caseweb:pw@mq.internal:5671//",
            "CELERY_BROKER_SSL_CERT_REQS": "required",
            "CELERY_BROKER_SSL_CERT_FILE": "/etc/caseweb/client.pem",
            "CELERY_BROKER_SSL_KEY_FILE": "/etc/caseweb/client.key",
        },
        ssl="app.conf.broker_use_ssl",
    )
    assert values["ssl"] == {
        "cert_reqs": int(ssl.CERT_REQUIRED),
        "certfile": "/etc/caseweb/client.pem",
        "keyfile": "/etc/caseweb/client.key",
    }


def test_plain_redis_has_no_tls_options():
    values = _probe("caseweb.settings.prod", PROD_ENV, ssl="app.conf.broker_use_ssl")
    assert not values["ssl"]


def test_production_logs_json_lines_unless_told_otherwise():
    handler = "s.LOGGING['handlers']['console']['formatter']"
    assert _probe("caseweb.settings.prod", PROD_ENV, fmt=handler) == {"fmt": "json"}
    assert _probe("caseweb.settings.prod", {**PROD_ENV, "LOG_FORMAT": "plain"}, fmt=handler) == {
        "fmt": "plain"
    }
    assert _probe("caseweb.settings.dev", {}, fmt=handler) == {"fmt": "plain"}
    assert "LOG_FORMAT" in _refusal({**PROD_ENV, "LOG_FORMAT": "xml"})


def test_email_is_configured_from_the_environment():
    values = _probe(
        "caseweb.settings.prod",
        {
            **PROD_ENV,
            "EMAIL_HOST": "smtp.example.gov.iq",
            "EMAIL_PORT": "465",
            "EMAIL_USE_TLS": "false",
            "EMAIL_USE_SSL": "true",
            "EMAIL_HOST_USER": "caseweb",
            "DEFAULT_FROM_EMAIL": "Caseweb <caseweb@example.gov.iq>",
            "ADMINS": "Duty Officer <ops@example.gov.iq>",
        },
        mail="[s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL,"
        " s.EMAIL_HOST_USER, s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL, s.ADMINS]",
    )
    assert values["mail"] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.gov.iq",
        465,
        False,
        True,
        "caseweb",
        "Caseweb <caseweb@example.gov.iq>",
        "Caseweb <caseweb@example.gov.iq>",
        [["Duty Officer", "ops@example.gov.iq"]],
    ]
    assert "EMAIL_USE_TLS" in _refusal({**PROD_ENV, "EMAIL_USE_SSL": "true"})


ROUTES = (
    "[app.amqp.router.route({}, name)['queue'].name for name in"
    " ('deadlines.send_reminder', 'deadlines.sweep', 'exports.run', 'cases.imports.tasks.run',"
    " 'operations.backup', 'health.heartbeat')]"
)


def test_work_is_routed_to_a_queue_per_kind_and_a_worker_consumes_them_all():
    values = _probe(
        "caseweb.settings.prod",
        PROD_ENV,
        routes=ROUTES,
        queues="sorted(q.name for q in app.conf.task_queues)",
    )
    assert values["routes"] == ["deadlines", "deadlines", "bulk", "bulk", "bulk", "default"]
    assert values["queues"] == ["bulk", "deadlines", "default"]


def test_one_named_queue_keeps_all_work_on_it_unless_kinds_are_named_too():
    """The tests' workers and the benchmark name one queue of their own: nothing may leak to
    the shared deadlines queue, where another machine's worker would run it."""
    one = _probe("caseweb.settings.dev", {"CELERY_TASK_DEFAULT_QUEUE": "test-1234"}, routes=ROUTES)
    assert set(one["routes"]) == {"test-1234"}
    named = _probe(
        "caseweb.settings.dev",
        {"CELERY_TASK_DEFAULT_QUEUE": "web", "CELERY_DEADLINES_QUEUE": "legal"},
        routes=ROUTES,
    )
    assert named["routes"] == ["legal", "legal", "web", "web", "web", "web"]


def test_probes_over_plain_http_are_not_redirected_but_pages_are():
    script = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from django.middleware.security import SecurityMiddleware\n"
        "m = SecurityMiddleware(lambda r: None)\n"
        "f = RequestFactory(SERVER_NAME='caseweb.example.gov.iq')\n"
        "print([getattr(m.process_request(f.get(p)), 'status_code', None)"
        " for p in ('/healthz', '/readyz', '/', '/healthz/x')])\n"
    )
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME"}}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**keep, "DJANGO_SETTINGS_MODULE": "caseweb.settings.prod", **PROD_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[None, None, 301, 301]"


def test_old_signing_keys_are_accepted_during_a_rotation():
    old = "old-" + "o" * 56
    values = _probe(
        "caseweb.settings.prod",
        {**PROD_ENV, "SECRET_KEY_FALLBACKS": old},
        fallbacks="s.SECRET_KEY_FALLBACKS",
    )
    assert values == {"fallbacks": [old]}
