"""The Celery application, configured from Django settings (the ``CELERY_`` names).

Tasks live in each app's ``tasks.py`` and are found by autodiscovery. Production uses Redis or
RabbitMQ (``CELERY_BROKER_URL``); without it, kombu's filesystem transport under ``var/`` lets
``make run`` start a worker and beat with no server at all.
"""

from __future__ import annotations

import logging
import logging.config
import os
import time
from pathlib import Path
from typing import Any

from celery import Celery, Task, signals

from cases.security.requestid import clean_request_id, current_request_id, log_context

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweb.settings.dev")


class LoggedTask(Task):
    """Every task runs with its name, id and request id bound for logging, so that each line it
    writes carries them (cases/security/requestid.py); unbound when it ends, however it ends."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with log_context(
            request_id=_request_id_of(self.request), task_name=self.name, task_id=self.request.id
        ):
            return super().__call__(*args, **kwargs)


def _request_id_of(request: Any) -> str | None:
    """The request id a task message carries in its headers; in eager mode (tests) the task runs
    inside the caller's context, whose id is still bound."""
    return clean_request_id(getattr(request, "request_id", None)) or current_request_id()


app = Celery("caseweb", task_cls=LoggedTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_filesystem_broker_folders() -> None:
    """Create the folders of the filesystem transport: kombu lists them but never makes them."""
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_broker(sender: Celery, **kwargs: object) -> None:
    ensure_filesystem_broker_folders()


# --- Logs: Django's configuration in workers and beat, request ids across the broker, and one
# line per task event: received, started, succeeded, failed, retried (and revoked, unknown), with
# the task's name and id, the request id, and the duration. Never its arguments or result: tasks
# take ids, but a future one might not.

task_logger = logging.getLogger("caseweb.tasks")
#: task id -> (start time, request id), from task_prerun to task_postrun, in the process running it.
_running: dict[str, tuple[float, str | None]] = {}


@signals.setup_logging.connect
def _use_django_logging(**kwargs: object) -> None:
    """Keep Django's LOGGING in workers and beat (redaction, JSON lines, request ids).

    Without a receiver, Celery replaces the root logger's handlers with its own, which neither
    redact nor know the request id.
    """
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@signals.before_task_publish.connect
def _send_request_id(headers: dict | None = None, **kwargs: object) -> None:
    """A task queued while serving a request (or running a task) carries its request id."""
    request_id = current_request_id()
    if request_id and headers is not None:
        headers.setdefault("request_id", request_id)


def _log(level: int, event: str, task_name: str | None, task_id: str | None, **fields: Any) -> None:
    started = _running.get(task_id or "")
    if started and "duration_ms" in fields:
        fields["duration_ms"] = round((time.monotonic() - started[0]) * 1000, 1)
    fields.setdefault("request_id", started[1] if started else None)
    task_logger.log(
        level,
        "%s %s",
        event,
        task_name,
        extra={"event": event, "task_name": task_name, "task_id": task_id, **fields},
    )


@signals.task_received.connect
def _log_received(request: Any = None, **kwargs: object) -> None:
    headers = getattr(request, "request_dict", None) or {}
    _log(
        logging.INFO,
        "task.received",
        request.name,
        request.id,
        request_id=clean_request_id(headers.get("request_id")),
    )


@signals.task_prerun.connect
def _log_started(task_id: str | None = None, task: Task | None = None, **kwargs: object) -> None:
    _running[task_id or ""] = (time.monotonic(), _request_id_of(task.request))
    _log(logging.INFO, "task.started", task.name, task_id)


@signals.task_success.connect
def _log_succeeded(sender: Task | None = None, **kwargs: object) -> None:
    _log(logging.INFO, "task.succeeded", sender.name, sender.request.id, duration_ms=None)


@signals.task_failure.connect
def _log_failed(
    sender: Task | None = None,
    task_id: str | None = None,
    exception: BaseException | None = None,
    **kwargs: object,
) -> None:
    # The exception's class only: its message may quote data. Celery's own error line follows,
    # with the traceback, through the redaction filter.
    error = type(exception).__name__
    _log(logging.ERROR, "task.failed", sender.name, task_id, error=error, duration_ms=None)


@signals.task_retry.connect
def _log_retried(
    sender: Task | None = None, request: Any = None, reason: object = None, **kwargs: object
) -> None:
    error = type(getattr(reason, "exc", None) or reason).__name__
    task_id = getattr(request, "id", None)
    _log(logging.WARNING, "task.retried", sender.name, task_id, error=error, duration_ms=None)


@signals.task_postrun.connect
def _forget(task_id: str | None = None, **kwargs: object) -> None:
    _running.pop(task_id or "", None)


@signals.task_revoked.connect
def _log_revoked(request: Any = None, sender: Task | None = None, **kwargs: object) -> None:
    _log(
        logging.WARNING, "task.revoked", getattr(sender, "name", None), getattr(request, "id", None)
    )


@signals.task_unknown.connect
def _log_unknown(
    name: str | None = None, id: str | None = None, message: Any = None, **kwargs: object
) -> None:
    headers = getattr(message, "headers", None) or {}
    _log(
        logging.ERROR,
        "task.unknown",
        name,
        id,
        request_id=clean_request_id(headers.get("request_id")),
    )
