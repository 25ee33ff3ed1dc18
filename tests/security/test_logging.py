"""Redaction of log records and error reports."""

from __future__ import annotations

import logging
import sys
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.utils.module_loading import import_string
from django.views.debug import ExceptionReporter, get_default_exception_reporter_filter

from cases.security.logging import (
    REDACTED,
    SENSITIVE_NAMES,
    RedactingExceptionReporterFilter,
    RedactingFilter,
    is_sensitive_name,
    redact_text,
)

SUBSTITUTE = RedactingExceptionReporterFilter.cleansed_substitute

# Built from pieces: a debug page shows the source lines around each frame, and these must be
# found nowhere but in the values under test.
REPORT_NAME = "Ahmed" + " Khalil"
REPORT_PHONE = "0770 123" + " 4567"
REPORT_KEY = "sealed-key" + "-value-123"


@pytest.fixture
def log():
    """A logger whose one handler has the redacting filter; returns (logger, output)."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("tests.security.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def make_record(msg, args=()):
    return logging.LogRecord("tests", logging.INFO, __file__, 1, msg, args, None)


# --- The log filter ----------------------------------------------------------------------------


def test_settings_point_at_the_redacting_classes():
    assert import_string(django_settings.LOGGING["filters"]["redact"]["()"]) is RedactingFilter
    assert isinstance(get_default_exception_reporter_filter(), RedactingExceptionReporterFilter)


def test_filter_never_drops_a_record():
    assert RedactingFilter().filter(make_record("plain message")) is True


def test_dict_args_lose_sensitive_values(log):
    logger, output = log

    logger.info(
        "source %(source_name)s at %(source_address)s, handler %(code_name)s",
        {"source_name": "Ahmed Khalil", "source_address": "Hay al-Andalus", "code_name": "Falcon"},
    )

    text = output.getvalue()
    assert "Ahmed" not in text
    assert "Andalus" not in text
    assert f"source {REDACTED} at {REDACTED}, handler Falcon" in text


def test_record_is_rewritten_with_no_args_left():
    record = make_record(
        "pin %(otp_token)s for %(user)s", ({"otp_token": "123456", "user": "bob"},)
    )

    RedactingFilter().filter(record)

    assert record.args == ()
    assert record.getMessage() == f"pin {REDACTED} for bob"


@pytest.mark.parametrize(
    ("message", "hidden", "kept"),
    [
        ("login failed user=bob password=hunter2", "hunter2", "user=bob"),
        ("source_name=Ahmed Khalil Hussein code_name=Falcon", "Khalil", "code_name=Falcon"),
        ("mother_name: Fatima, unit: Ramadi", "Fatima", "unit: Ramadi"),
        ('{"national_id": "A12X", "unit": "Ramadi"}', "A12X", '"unit": "Ramadi"'),
        ("{'address': 'Hay al-Andalus', 'unit': 'Ramadi'}", "Andalus", "'unit': 'Ramadi'"),
        ("payload={'source_name': 'Ahmed'} ok", "Ahmed", "ok"),
        ("new_password=abc123 api_key=xyz789", "xyz789", "new_password="),
        ("csrfmiddlewaretoken=qwerty&next=/cases/", "qwerty", "next=/cases/"),
    ],
)
def test_key_value_text_loses_sensitive_values(message, hidden, kept):
    redacted = redact_text(message)

    assert hidden not in redacted
    assert kept in redacted


@pytest.mark.parametrize(
    "number",
    ["07701234567", "+964 770 123 4567", "0770 123 4567", "0770-123-4567", "19850412345"],
)
def test_long_digit_runs_are_redacted(log, number):
    logger, output = log

    logger.info("call back on %s today", number)

    assert output.getvalue().strip() == f"call back on {REDACTED} today"


def test_short_numbers_and_dates_are_kept():
    text = "case 42 of 2026-11-05 at 12:30, 3 charges"

    assert redact_text(text) == text


def test_database_error_details_are_redacted():
    detail = "DETAIL:  Key (name_ar, unit_id)=(أحمد, 3) already exists."

    assert redact_text(detail) == f"DETAIL:  Key (name_ar, unit_id)=({REDACTED}) already exists."
    assert "Salim" not in redact_text("DETAIL:  Failing row contains (4, Salim, null).")


def test_sealed_field_names_of_installed_models_are_redacted(log):
    # tests.sealedapp's Informant seals "name", which is not in SENSITIVE_NAMES.
    assert "name" not in SENSITIVE_NAMES
    logger, output = log

    logger.info("updated informant name=%s code_name=%s", "Ahmed Ali", "Falcon")

    assert output.getvalue().strip() == f"updated informant name={REDACTED} code_name=Falcon"
    assert is_sensitive_name("name")


def test_traceback_text_is_redacted(log):
    logger, output = log

    try:
        raise ValueError("no match for phone=07701234567")
    except ValueError:
        logger.exception("lookup failed")

    text = output.getvalue()
    assert "Traceback" in text
    assert "07701234567" not in text


@pytest.mark.parametrize(
    ("msg", "args"),
    [
        ({"phone": "07701234567"}, ()),  # a message that is not a string
        (ValueError("token=abc"), ()),
        (None, ()),
        (12345678901, ()),
        ("%s and %s", ("07701234567",)),  # too few arguments
        ("%d people", ("07701234567",)),  # wrong type
        ("%(missing)s", ({"phone": "07701234567"},)),  # missing key
        ("100% sure, phone %s", ("07701234567",)),  # stray percent
    ],
)
def test_odd_records_neither_raise_nor_leak(msg, args):
    record = make_record(msg, args)

    assert RedactingFilter().filter(record) is True

    text = record.getMessage()
    assert "07701234567" not in text
    assert "abc" not in text


def test_a_record_that_cannot_even_be_turned_into_text_is_passed_on():
    class Unprintable:
        def __str__(self):
            raise RuntimeError("no")

    record = make_record(Unprintable(), ("x",))

    assert RedactingFilter().filter(record) is True


def test_odd_records_reach_the_handler(log):
    logger, output = log

    logger.info("%s and %s", "07701234567")

    text = output.getvalue()
    assert "arguments withheld" in text
    assert "07701234567" not in text


# --- The exception reporter filter ---------------------------------------------------------------


@pytest.mark.parametrize(
    "setting",
    ["SEALED_FIELD_KEYS", "SEALED_INDEX_KEY", "AUDIT_CHAIN_KEY", "SECRET_KEY", "DATABASE_URL"],
)
def test_reporter_hides_sensitive_settings(settings, setting):
    setattr(settings, setting, ["the-value"] if setting.endswith("KEYS") else "the-value")

    safe = RedactingExceptionReporterFilter().get_safe_settings()

    assert safe[setting] == SUBSTITUTE


def test_reporter_hides_sensitive_post_parameters():
    request = RequestFactory().post("/referrals/", {"source_name": "Ahmed", "code_name": "Falcon"})

    cleansed = RedactingExceptionReporterFilter().get_post_parameters(request)

    assert cleansed["source_name"] == SUBSTITUTE
    assert cleansed["code_name"] == "Falcon"
    assert request.POST["source_name"] == "Ahmed"  # the request itself is untouched


def test_reporter_hides_sensitive_post_parameters_on_debug_pages_too(settings):
    settings.DEBUG = True
    request = RequestFactory().post("/referrals/", {"source_phone": "07701234567"})

    cleansed = RedactingExceptionReporterFilter().get_post_parameters(request)

    assert cleansed["source_phone"] == SUBSTITUTE


def test_error_report_shows_no_source_details(settings):
    settings.SEALED_FIELD_KEYS = [REPORT_KEY]
    request = RequestFactory().post("/referrals/", {"source_name": REPORT_NAME})

    def accept_referral():
        source_phone = REPORT_PHONE  # a local variable with a sensitive name
        raise RuntimeError(f"failed for {len(source_phone)}")

    try:
        accept_referral()
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info())
        html = report.get_traceback_html()
        text = report.get_traceback_text()

    for page in (html, text):
        assert REPORT_NAME not in page
        assert REPORT_KEY not in page
    assert REPORT_PHONE not in html
