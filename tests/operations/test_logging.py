"""Structured logs: request ids end to end, one JSON object per line, nothing personal in them,
and one line per Celery task event carrying the request id of the request that queued it."""

from __future__ import annotations

import json
import logging
import re
from io import StringIO

import pytest
from celery import shared_task, signals
from celery.exceptions import Retry
from django.conf import settings
from django.db import IntegrityError, OperationalError
from django.urls import reverse
from django.utils.module_loading import import_string

from cases.health.tasks import heartbeat
from cases.security.logging import REDACTED, JsonFormatter
from cases.security.requestid import clean_request_id, current_request_id, log_context
from tests.casefiles.test_views import intake_post
from tests.support.auth import sign_in

NAME_LAT = "Fahdawi"
NAME_AR = "الفهداوي"
NATIONAL_ID = "19876543210"
PHONE = "07701234567"


@pytest.fixture
def json_log():
    """The production console handler (LOGGING's filters, the json formatter) on the root
    logger, writing to a buffer; returns a function giving the parsed lines so far."""
    config = settings.LOGGING
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    for name in config["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(config["filters"][name]["()"])())
    handler.setFormatter(import_string(config["formatters"]["json"]["()"])())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    def lines() -> list[dict]:
        text = stream.getvalue()
        return [json.loads(line) for line in text.splitlines()]  # every line is one object

    lines.text = stream.getvalue
    yield lines
    root.removeHandler(handler)
    root.setLevel(old_level)


def request_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line.get("event") == "request"]


# --- Request ids ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("0f3c2a9e8b7d4c6a9e1f2b3c4d5e6f70", True),  # nginx's $request_id
        ("Root=1-67891233-abcdef012345678912345678", False),  # "=" is not in the alphabet
        ("req-2026.11.21:42", True),
        ("short", False),
        ("a" * 129, False),
        ("abc def ghi", False),
        ('abcdefgh"}{', False),
        ("abcdefgh\nforged", False),
        ("", False),
        (None, False),
    ],
)
def test_only_a_sane_request_id_is_accepted(value, kept):
    assert clean_request_id(value) == (value if kept else None)


@pytest.mark.django_db
def test_a_request_gets_an_id_in_its_response_and_its_log_line(client, json_log):
    response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert client.get("/healthz")["X-Request-ID"] != request_id  # one per request


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_a_forged_one_replaced(client):
    given = "0f3c2a9e8b7d4c6a9e1f2b3c4d5e6f70"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)


@pytest.mark.django_db
def test_the_request_line_has_path_status_duration_and_user_id_only(client, officer, json_log):
    sign_in(client, officer)
    response = client.get(
        reverse("home") + f"?name={NAME_LAT}&national_id={NATIONAL_ID}",
        HTTP_X_REQUEST_ID="trace-0001-abcdef",
    )
    assert response.status_code == 200
    [line] = [x for x in request_lines(json_log()) if x["request_id"] == "trace-0001-abcdef"]
    assert line["path"] == reverse("home")  # never the query string
    assert line["method"] == "GET"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["user_id"] == officer.pk
    assert line["level"] == "INFO" and line["logger"] == "caseweb.request"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["timestamp"])
    text = json_log.text()
    assert NAME_LAT not in text and NATIONAL_ID not in text
    assert officer.username not in text


@pytest.mark.django_db
def test_every_line_of_a_request_carries_its_id(client, json_log, monkeypatch):
    def readiness_that_logs():
        logging.getLogger("tests.operations.view").warning("inside the request")
        return []

    monkeypatch.setattr("cases.health.views.readiness", readiness_that_logs)
    response = client.get("/readyz")
    inside = [x for x in json_log() if x["message"] == "inside the request"]
    assert inside and inside[0]["request_id"] == response["X-Request-ID"]
    assert current_request_id() is None  # unbound once the request is over


@pytest.mark.django_db
def test_a_user_nobody_loaded_costs_no_query_and_is_not_logged(
    client, json_log, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        client.get("/healthz")
    [line] = [x for x in json_log() if x.get("path") == "/healthz"] or [None]
    # Successful probes are logged at DEBUG, below the production level.
    assert line is None


# --- Nothing personal in the logs ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_surrender_posted_with_a_name_and_national_id_leaves_none_in_the_logs(
    client, officer, json_log
):
    sign_in(client, officer)
    post = intake_post(officer, **{"person-national_id": NATIONAL_ID})
    response = client.post(reverse("casefiles:intake"), post)
    assert response.status_code == 302
    text = json_log.text()
    assert request_lines(json_log())
    for value in (NAME_LAT, NAME_AR, NATIONAL_ID, "Abu Khalid"):
        assert value not in text


@pytest.mark.django_db
def test_a_server_error_on_that_post_logs_its_traceback_without_the_persons_data(
    client, officer, json_log, monkeypatch
):
    """PostgreSQL quotes the failing row in its error; the traceback is logged, the row is not."""

    def failing(**kwargs):
        raise IntegrityError(
            'null value in column "unit_id" of relation "casefiles_case" violates not-null'
            f" constraint\nDETAIL:  Failing row contains (17, {NAME_AR}, Ahmed, al-{NAME_LAT},"
            f" {NATIONAL_ID}, {PHONE}, 1999-04-02)."
        )

    monkeypatch.setattr("cases.casefiles.views.case_record_intake", failing)
    client.raise_request_exception = False
    sign_in(client, officer)
    post = intake_post(officer, **{"person-national_id": NATIONAL_ID})
    response = client.post(reverse("casefiles:intake"), post)
    assert response.status_code == 500
    lines = json_log()
    errors = [x for x in lines if x["logger"] == "django.request"]
    assert errors and "IntegrityError" in errors[0]["exception"]
    assert errors[0]["request_id"] == response["X-Request-ID"]
    assert errors[0]["status"] == 500
    text = json_log.text()
    for value in (NAME_LAT, NAME_AR, NATIONAL_ID, PHONE):
        assert value not in text
    assert REDACTED in text


def test_json_lines_mask_sensitive_fields_and_skip_objects():
    record = logging.LogRecord("tests", logging.INFO, __file__, 1, "call %s", (PHONE,), None)
    record.national_id = NATIONAL_ID
    record.note = f"source_name=Ahmed {NAME_LAT} at home"
    record.request = object()
    record.count = 3
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == f"call {REDACTED}"
    assert line["national_id"] == REDACTED
    assert NAME_LAT not in line["note"]
    assert "request" not in line
    assert line["count"] == 3
    assert line["request_id"] is None


def test_a_message_cannot_forge_a_second_line():
    record = logging.LogRecord(
        "tests", logging.INFO, __file__, 1, 'one\n{"level": "CRITICAL"}', (), None
    )
    assert "\n" not in JsonFormatter().format(record)


# --- Celery task events -------------------------------------------------------------------------


@shared_task(name="tests.operations.failing")
def failing_task(value: str) -> None:
    raise ValueError(f"national_id={value}")


def task_lines(lines, name):
    return [x for x in lines if x["logger"] == "caseweb.tasks" and x.get("task_name") == name]


@pytest.mark.django_db
def test_task_events_carry_name_id_duration_and_the_request_id_never_the_arguments(json_log):
    with log_context(request_id="req-task-00000001"):
        result = heartbeat.delay(f"source-{NATIONAL_ID}")
    lines = task_lines(json_log(), "health.heartbeat")
    assert [x["event"] for x in lines] == ["task.started", "task.succeeded"]
    assert {x["task_id"] for x in lines} == {result.id}
    assert {x["request_id"] for x in lines} == {"req-task-00000001"}
    assert lines[1]["duration_ms"] >= 0
    assert NATIONAL_ID not in json_log.text()


@pytest.mark.django_db
def test_a_line_logged_inside_a_task_carries_its_task_and_request(json_log, monkeypatch):
    def noisy(*, source):
        logging.getLogger("tests.operations.task").info("inside the task")

    monkeypatch.setattr("cases.health.tasks.heartbeat_record", noisy)
    with log_context(request_id="req-task-00000002"):
        result = heartbeat.delay("anything")
    [inside] = [x for x in json_log() if x["message"] == "inside the task"]
    assert inside["task_id"] == result.id and inside["task_name"] == "health.heartbeat"
    assert inside["request_id"] == "req-task-00000002"


def test_a_failing_task_logs_its_error_class_not_its_message(json_log):
    # Not propagated, as on a worker: eager mode re-raises before Celery's failure signal.
    result = failing_task.apply(args=[NATIONAL_ID], throw=False)
    assert result.failed()
    [failed] = [x for x in task_lines(json_log(), failing_task.name) if x["event"] == "task.failed"]
    assert failed["level"] == "ERROR" and failed["error"] == "ValueError"
    assert NATIONAL_ID not in json_log.text()


def test_a_retry_is_logged_with_the_reason_class(json_log):
    class Request:
        id = "retry-task-id-1"

    signals.task_retry.send(
        sender=heartbeat,
        request=Request(),
        reason=Retry(exc=OperationalError("db gone")),
        einfo=None,
    )
    [line] = task_lines(json_log(), "health.heartbeat")
    assert line["event"] == "task.retried" and line["level"] == "WARNING"
    assert line["error"] == "OperationalError" and line["task_id"] == "retry-task-id-1"


def test_a_task_queued_during_a_request_carries_the_request_id_in_its_headers():
    headers: dict = {}
    with log_context(request_id="req-publish-0001"):
        signals.before_task_publish.send(sender="health.heartbeat", headers=headers, body=())
    assert headers["request_id"] == "req-publish-0001"
    outside: dict = {}
    signals.before_task_publish.send(sender="health.heartbeat", headers=outside, body=())
    assert "request_id" not in outside
