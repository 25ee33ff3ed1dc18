"""The deployment files in deploy/ and gunicorn.conf.py keep their promises: exactly one beat,
web after the database and the migrations, no secret value committed, a working example
environment, and a gunicorn configuration that imports and logs JSON lines."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml

from tests.test_settings import ROOT, _settings_in_subprocess

DEPLOY = ROOT / "deploy"
SECRET_NAMES = re.compile(r"(SECRET|PASSWORD|_KEYS?$|DATABASE_URL|BROKER_URL)")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def command_of(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


# --- docker-compose.yml -------------------------------------------------------------------------


def test_compose_has_every_part(compose):
    services = compose["services"]
    assert {"db", "redis", "migrate", "web", "beat"} <= set(services)
    workers = [name for name, s in services.items() if " worker " in f" {command_of(s)} "]
    queues = {re.search(r"--queues (\S+)", command_of(services[w]))[1] for w in workers}
    assert queues == {"deadlines", "default", "bulk"}


def test_compose_runs_exactly_one_beat_and_through_its_guard(compose):
    beats = [name for name, s in compose["services"].items() if " beat" in command_of(s)]
    assert beats == ["beat"]
    beat = compose["services"]["beat"]
    assert command_of(beat).startswith("python manage.py run_beat -- celery -A caseweb beat")
    assert beat["deploy"]["replicas"] == 1


def test_web_workers_and_beat_start_after_the_database_broker_and_migrations(compose):
    for name in ("web", "worker-deadlines", "worker-default", "worker-bulk", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    migrate = compose["services"]["migrate"]
    assert command_of(migrate) == "python manage.py migrate --noinput"
    assert migrate["restart"] == "no"


def test_redis_requires_a_password(compose):
    redis = compose["services"]["redis"]
    assert "--requirepass" in command_of(redis)
    assert "redis_password" in redis["secrets"]


def test_compose_commits_no_secret_value(compose):
    for name, service in compose["services"].items():
        environment = service.get("environment") or {}
        for key, value in environment.items():
            if SECRET_NAMES.search(key) and not key.endswith("_FILE"):
                pytest.fail(f"{name} sets {key} in the file: use {key}_FILE and a secret")
            if key.endswith("_FILE"):
                secret = value.removeprefix("/run/secrets/")
                assert value.startswith("/run/secrets/") and secret in service["secrets"], key
                assert compose["secrets"][secret]["file"] == f"./secrets/{secret}"
    text = (DEPLOY / "docker-compose.yml").read_text()
    assert not re.search(r"(redis|postgres)://[^:\s]*:[^@$\s]+@(?!\$)", text.replace("$(cat", ""))
    assert "secrets/" in (DEPLOY / ".gitignore").read_text()


def test_the_web_container_is_checked_on_its_liveness_endpoint(compose):
    assert "/healthz" in command_of({"command": compose["services"]["web"]["healthcheck"]["test"]})


# --- systemd units -------------------------------------------------------------------------------


def unit(name: str) -> dict[str, list[str]]:
    """A unit file's keys, each with all its values (Environment= and LoadCredential= repeat)."""
    values: dict[str, list[str]] = {}
    text = (DEPLOY / "systemd" / name).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "[")):
            continue
        key, _, value = line.partition("=")
        values.setdefault(key, []).append(" ".join(value.split()))
    return values


UNITS = ["caseweb-web.service", "caseweb-worker@.service", "caseweb-beat.service"]


def test_the_units_are_web_worker_template_and_beat():
    assert sorted(p.name for p in (DEPLOY / "systemd").iterdir()) == sorted(UNITS)
    web = unit("caseweb-web.service")
    assert web["ExecStart"] == [
        "/opt/caseweb/.venv/bin/gunicorn -c /opt/caseweb/gunicorn.conf.py caseweb.wsgi"
    ]
    worker = unit("caseweb-worker@.service")
    assert "--queues %i" in worker["ExecStart"][0]


def test_exactly_one_unit_runs_beat_and_it_holds_the_lock():
    running_beat = [name for name in UNITS if " beat " in f" {unit(name)['ExecStart'][0]} "]
    assert running_beat == ["caseweb-beat.service"]
    beat = unit("caseweb-beat.service")["ExecStart"][0]
    assert "manage.py run_beat -- " in beat


@pytest.mark.parametrize("name", UNITS)
def test_units_take_secrets_as_credentials_never_as_values(name):
    values = unit(name)
    assert values["EnvironmentFile"] == ["/etc/caseweb/caseweb.env"]
    assert values["User"] == ["caseweb"]
    for line in values.get("Environment", []):
        for assignment in line.split():
            key, _, value = assignment.partition("=")
            if SECRET_NAMES.search(key):
                assert key.endswith("_FILE") and value.startswith("%d/"), assignment
    credentials = {v.split(":", 1)[0] for v in values["LoadCredential"]}
    referenced = set(re.findall(r"%d/(\w+)", " ".join(values["Environment"])))
    assert referenced <= credentials


# --- The example environment and nginx -----------------------------------------------------------


def example_environment() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "caseweb.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def test_the_example_environment_holds_no_secret_value():
    for key, value in example_environment().items():
        if SECRET_NAMES.search(key):
            assert key.endswith("_FILE") and value.startswith("/run/credentials/"), key


def test_the_example_environment_starts_production_once_its_files_exist(tmp_path):
    """Every variable production requires is in the example: give its files values, and the
    production settings load."""
    values = {
        "SECRET_KEY": "k" * 60,
        "DATABASE_URL": "postgres://caseweb:pw@db.internal:5432/caseweb",
        "SEALED_FIELD_KEYS": "ZGV2LW9ubHktc2VhbGVkLWZpZWxkLWtleS0wMDAwMDA=",
        "SEALED_INDEX_KEY": "i" * 40,
        "AUDIT_CHAIN_KEY": "c" * 40,
        "CELERY_BROKER_URL": "redis://:pw@redis.internal:6379/0",
        "EMAIL_HOST_PASSWORD": "pw",
    }
    env = {}
    for key, value in example_environment().items():
        if key.endswith("_FILE"):
            path = tmp_path / key
            path.write_text(values[key.removesuffix("_FILE")] + "\n")
            value = str(path)
        env[key] = value
    result = _settings_in_subprocess(env["DJANGO_SETTINGS_MODULE"], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DB"][2] == "db.internal"


def test_nginx_passes_the_request_id_and_the_scheme_and_waits_longer_than_gunicorn():
    text = (DEPLOY / "nginx" / "caseweb.conf").read_text()
    assert "proxy_set_header X-Request-ID $caseweb_request_id;" in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert re.search(r"client_max_body_size \d+m;", text)
    assert "ssl_certificate " in text and "return 301 https://" in text
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", text)[1])
    assert read_timeout > gunicorn_settings({})["timeout"]
    assert "$request_uri" not in text.split("log_format")[1].split(";")[0]  # no query strings


def test_the_image_has_what_printouts_need():
    text = (DEPLOY / "Dockerfile").read_text()
    assert text.startswith("#") and "FROM python:3.11-slim" in text
    for package in ("fonts-noto-core", "libpango-1.0-0", "libharfbuzz-subset0"):
        assert package in text
    assert "USER caseweb" in text
    assert ".venv" in (DEPLOY / "Dockerfile.dockerignore").read_text()


# --- gunicorn.conf.py -----------------------------------------------------------------------------


def gunicorn_settings(env: dict[str, str]) -> dict:
    script = (
        "import json, runpy; c = runpy.run_path('gunicorn.conf.py');"
        "print(json.dumps({k: c[k] for k in ('bind', 'workers', 'threads', 'worker_class',"
        " 'timeout', 'max_requests', 'max_requests_jitter', 'forwarded_allow_ips',"
        " 'accesslog')}))"
    )
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME"}}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**keep, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_gunicorn_defaults_size_the_workers_to_the_machine():
    values = gunicorn_settings({})
    assert values["workers"] == 2 * (os.cpu_count() or 1) + 1
    assert values["worker_class"] == "sync" and values["threads"] == 1
    assert values["bind"] == ["127.0.0.1:8000"]
    assert values["max_requests"] > 0 and values["max_requests_jitter"] > 0
    assert values["accesslog"] is None


def test_gunicorn_takes_its_sizes_from_the_environment():
    values = gunicorn_settings(
        {
            "GUNICORN_WORKERS": "3",
            "GUNICORN_THREADS": "4",
            "GUNICORN_BIND": "0.0.0.0:8000",
            "GUNICORN_TIMEOUT": "90",
            "GUNICORN_FORWARDED_ALLOW_IPS": "10.0.0.5",
            "GUNICORN_ACCESS_LOG": "-",
        }
    )
    assert values["workers"] == 3 and values["threads"] == 4
    assert values["worker_class"] == "gthread"
    assert values["bind"] == ["0.0.0.0:8000"] and values["timeout"] == 90
    assert values["forwarded_allow_ips"] == "10.0.0.5" and values["accesslog"] == "-"


def test_gunicorn_access_lines_are_json_without_query_string_or_address(monkeypatch):
    from gunicorn.config import Config

    monkeypatch.setenv("LOG_FORMAT", "json")
    logger_class = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["CasewebLogger"]
    config = Config()
    config.set("accesslog", "-")
    logger = logger_class(config)
    stream = StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(stream)

    class Response:
        status = "200 OK"
        sent = 512
        headers = [("Content-Type", "text/html"), ("X-Request-ID", "req-from-django-1")]

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/cases/search/",
        "QUERY_STRING": "name=Fahdawi",
        "RAW_URI": "/cases/search/?name=Fahdawi",
        "REMOTE_ADDR": "203.0.113.9",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    logger.access(Response(), None, environ, dt.timedelta(milliseconds=42))
    line = json.loads(stream.getvalue())
    assert line["logger"] == "gunicorn.access"
    assert line["path"] == "/cases/search/" and line["status"] == 200
    assert line["request_id"] == "req-from-django-1" and line["duration_ms"] == 42.0
    assert "Fahdawi" not in stream.getvalue() and "203.0.113.9" not in stream.getvalue()
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            log.removeHandler(handler)


# --- Static files ------------------------------------------------------------------------------


def test_static_files_pass_the_hashed_manifest_production_serves(settings, tmp_path):
    """Every file a stylesheet or script names (Chart.js's source maps, Bootstrap's fonts) must
    exist, or collectstatic fails in production. The full WhiteNoise run with compression is
    in .ci/run; this is the same manifest, without the minute of compressing."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert any(name.startswith("vendor/") for name in manifest["paths"])
    assert Path(tmp_path, manifest["paths"]["favicon.svg"]).exists()


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed here")
def test_nginx_accepts_the_site(tmp_path):
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=test", "-keyout", str(tmp_path / "key.pem")),
            *("-out", str(tmp_path / "cert.pem")),
        ],
        check=True,
        capture_output=True,
    )
    site = (
        (DEPLOY / "nginx" / "caseweb.conf")
        .read_text()
        .replace("/etc/ssl/caseweb/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace("/etc/ssl/caseweb/privkey.pem", str(tmp_path / "key.pem"))
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;"
        f" include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
