"""Redaction of logs and error reports.

Caseweb holds the names, phones and addresses of sources (informants) whose exposure can get their
families killed. Log lines and error e-mails leave the database's protection: they are copied to
consoles, files, mail servers and whoever reads them. So every record is rewritten before any
handler formats it, and error reports hide sensitive settings, POST fields and local variables.

Redaction is best effort on free text and deliberately errs towards hiding too much: any run of
seven or more digits goes, dates excepted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from typing import Any

from django.views.debug import SafeExceptionReporterFilter

REDACTED = "[redacted]"

SENSITIVE_NAMES: frozenset[str] = frozenset(
    {
        "password",
        "secret",
        "token",
        "key",
        "national_id",
        "phone",
        "address",
        "source_name",
        "source_phone",
        "source_address",
        "mother_name",
        "name_ar",
        "otp_token",
    }
)
# Any name containing one of these is sensitive too: new_password, csrfmiddlewaretoken, api_secret.
SENSITIVE_FRAGMENTS: tuple[str, ...] = ("password", "secret", "token")
# And any name ending in one of these: api_key, private_key, sealed_field_keys.
SENSITIVE_SUFFIXES: tuple[str, ...] = ("_key", "_keys")

# Names of sealed fields, known once the app registry is ready; None until then.
_sealed_names: frozenset[str] | None = None


def _sealed_field_names() -> frozenset[str]:
    """Attribute names of every sealed field, or nothing while the app registry is loading.

    Logging is configured before the apps are, and records are emitted while they load, so this
    must never import models too early nor raise.
    """
    global _sealed_names
    if _sealed_names is not None:
        return _sealed_names
    try:
        from django.apps import apps

        if not apps.ready:
            return frozenset()
        from cases.security.sealed import sealed_field_names

        _sealed_names = frozenset(name.lower() for name in sealed_field_names())
    except Exception:  # a log filter must not be the thing that fails
        return frozenset()
    return _sealed_names


def is_sensitive_name(name: object) -> bool:
    """Whether a key, parameter or variable of this name holds a value that must not be shown.

    Compares case-insensitively, treats ``-`` like ``_``, and looks at the last part of dotted
    names (``form.source_name``) as well as the whole.
    """
    if not isinstance(name, str):
        return False
    lowered = name.strip().lower().replace("-", "_")
    if not lowered:
        return False
    candidates = {lowered, lowered.rsplit(".", 1)[-1], lowered.rsplit("__", 1)[-1]}
    sensitive = SENSITIVE_NAMES | _sealed_field_names()
    return any(
        candidate in sensitive
        or candidate.endswith(SENSITIVE_SUFFIXES)
        or any(fragment in candidate for fragment in SENSITIVE_FRAGMENTS)
        for candidate in candidates
    )


def redact_mapping(mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    """A copy of ``mapping`` with the values of sensitive keys replaced, nested mappings too."""
    redacted: dict[Any, Any] = {}
    for key, value in mapping.items():
        if is_sensitive_name(key):
            redacted[key] = REDACTED
        elif isinstance(value, Mapping):
            redacted[key] = redact_mapping(value)
        else:
            redacted[key] = value
    return redacted


# key=value, key: value, "key": "value", 'key': 'value' (and mixtures). The value is a quoted
# string, a bracketed run, or bare words up to a delimiter; bare words go on across spaces until
# something that looks like the next ``key=`` starts, so "source_name=Ahmed Ali Hussein" loses
# all three words.
_KEY_VALUE_RE = re.compile(
    r"""
    (?P<kq>["']?)(?P<key>[A-Za-z_][\w.\-]*)(?P=kq)
    (?P<sep>\s*[:=]\s*)
    (?P<value>
        "(?:[^"\\\n]|\\.)*"
      | '(?:[^'\\\n]|\\.)*'
      | \[[^\]\n]*\]
      | \([^)\n]*\)
      | \{[^}\n]*\}
      | [^\s,;&}\])]+(?:[ \t]+(?![\w.\-]+\s*[:=])[^\s,;&}\])]+)*
    )
    """,
    re.VERBOSE,
)

# An ISO date (2026-11-05) is left alone; any other run of seven or more digits, with single
# spaces or dashes inside ("+964 770 123-4567"), is a phone number or an identity number.
_DIGITS_RE = re.compile(
    r"(?P<date>(?<!\d)(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d))"
    r"|(?P<digits>\+?\d(?:[ \-]?\d){6,})"
)


# PostgreSQL quotes the offending values in its error details; whatever the columns, they go.
_DB_DETAIL_RE = re.compile(
    r"(?P<head>\bKey \([^)\n]*\)=\(|\bFailing row contains \()"
    r"(?P<values>.*?)"
    r"(?P<tail>\)(?= already exists| is not present| conflicts)|\)?$)",
    re.MULTILINE,
)


def _redact_key_value(match: re.Match[str]) -> str:
    value = match["value"]
    if not is_sensitive_name(match["key"]):
        # The value may hold pairs of its own: data={'source_name': '...'}.
        head = match[0][: len(match[0]) - len(value)]
        return head + _KEY_VALUE_RE.sub(_redact_key_value, value)
    quote = value[0] if value[0] in "\"'" else ""
    return f"{match['kq']}{match['key']}{match['kq']}{match['sep']}{quote}{REDACTED}{quote}"


def _redact_digits(match: re.Match[str]) -> str:
    return match[0] if match["date"] else REDACTED


def redact_text(text: str) -> str:
    """``text`` with the values of sensitive ``key=value`` pairs and long digit runs replaced."""
    text = _DB_DETAIL_RE.sub(rf"\g<head>{REDACTED}\g<tail>", text)
    text = _KEY_VALUE_RE.sub(_redact_key_value, text)
    return _DIGITS_RE.sub(_redact_digits, text)


class RedactingFilter(logging.Filter):
    """Rewrites every record so that no handler sees a sensitive value; never drops a record.

    Dict arguments lose the values of sensitive keys; then the message is formatted once, its
    text redacted, and stored back as the message with no arguments left to substitute. A
    traceback attached to the record is formatted and redacted too, since database errors quote
    the offending values ("Key (national_id)=(...) already exists").
    """

    def filter(self, record: logging.LogRecord) -> bool:
        # Leaving one odd record unredacted beats losing it, or the log call raising.
        with contextlib.suppress(Exception):
            self._redact(record)
        return True

    def _redact(self, record: logging.LogRecord) -> None:
        args = record.args
        if isinstance(args, Mapping):
            record.args = redact_mapping(args)
        elif isinstance(args, tuple) and any(isinstance(arg, Mapping) for arg in args):
            record.args = tuple(
                redact_mapping(arg) if isinstance(arg, Mapping) else arg for arg in args
            )
        try:
            message = record.getMessage()
        except Exception:
            # The arguments do not fit the format. Logging would print them raw to stderr in its
            # error handler, so they are withheld instead of passed on.
            message = f"{record.msg} [arguments withheld: they did not fit the message format]"
        record.msg = redact_text(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)


class RedactingExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's error-report filter, also hiding Caseweb's sensitive settings and inputs.

    Settings whose names mention keys, secrets, passwords, tokens, signatures, the database URL,
    sealed fields or the audit chain are masked. POST parameters and frame variables with
    sensitive names (sources' names, phones, national ids, passwords...) are masked in every
    report, debug pages included: a debug page left on in production must not show them.
    """

    hidden_settings = re.compile(
        r"API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE_URL|SEALED|CHAIN",
        flags=re.IGNORECASE,
    )

    def get_post_parameters(self, request):
        parameters = super().get_post_parameters(request)
        if request is None or not parameters:
            return parameters
        sensitive = [name for name in parameters if is_sensitive_name(name)]
        if not sensitive:
            return parameters
        cleansed = parameters.copy()
        for name in sensitive:
            cleansed[name] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [
            (name, self.cleansed_substitute if is_sensitive_name(name) else value)
            for name, value in variables
        ]


# Attributes every LogRecord has; anything else on a record came from ``extra`` or a filter.
_RECORD_ATTRIBUTES = frozenset(
    [
        *vars(logging.LogRecord("", logging.INFO, "", 0, "", (), None)),
        "message",
        "asctime",
        "request",
    ]
)
# Fields whose values are identifiers made by Caseweb or Celery (a request id is checked on the
# way in): left as they are, since the digit rule would take a UUID's digits for a phone number.
_IDENTIFIER_FIELDS = frozenset({"request_id", "task_id", "task_name", "event", "method"})


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector (``LOG_FORMAT=json``).

    Always ``timestamp`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and ``request_id``;
    then the record's own fields (``extra=``): strings, numbers, booleans and None, with
    sensitive names masked and strings redacted as messages are; objects (a request, a socket)
    are left out. A traceback goes in ``exception``, redacted. Newlines inside values are escaped
    by JSON, so a line is always one event and a message cannot forge a second one.
    """

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "timestamp": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            # Redacted again here, in case a handler lacks the filter: redaction is idempotent.
            "message": redact_text(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        for name, value in record.__dict__.items():
            if name in _RECORD_ATTRIBUTES or name.startswith("_") or name in entry:
                continue
            if is_sensitive_name(name):
                entry[name] = REDACTED
            elif isinstance(value, str) and name not in _IDENTIFIER_FIELDS:
                entry[name] = redact_text(value)
            elif value is None or isinstance(value, str | bool | int | float):
                entry[name] = value
        # Django's request logger says status_code; the request middleware says status.
        if "status" not in entry and isinstance(entry.get("status_code"), int):
            entry["status"] = entry.pop("status_code")
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = redact_text(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact_text(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
