"""Request ids: one id per request, on every log line the request causes, in the response's
``X-Request-ID`` header, and on the Celery tasks it queues (see caseweb/celery.py).

The id comes from the proxy or load balancer when it sends a sane ``X-Request-ID`` (nginx's
``$request_id``, an AWS or F5 trace id), so one id follows a request through every layer's logs;
otherwise Caseweb makes one. Anything else in that header (too long, spaces, quotes, control
characters: a log-injection attempt) is ignored, never echoed.

The log context is a context variable: each thread (gunicorn's gthread workers) and each asyncio
task sees its own, and a Celery task sets its own while it runs.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar, Token
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.functional import LazyObject, empty

if TYPE_CHECKING:  # caseweb/celery.py imports this module while settings load: keep it light
    from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
#: Letters, digits and ``._:-``, 8 to 128 of them: UUIDs, hex ids and vendors' trace ids pass.
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{7,127}")

#: Fields added to every log record while they are bound (request_id, task_id, task_name).
_log_context: ContextVar[dict[str, Any]] = ContextVar("caseweb_log_context", default={})  # noqa: B039

logger = logging.getLogger("caseweb.request")


def clean_request_id(value: object) -> str | None:
    """``value`` if it is a sane request id, else None."""
    if isinstance(value, str) and _SANE_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    """The request id of the request (or of the task) whose code is running, if any."""
    return _log_context.get().get("request_id")


def bind(**fields: Any) -> Token:
    """Add ``fields`` to the log context; give the token to :func:`unbind` when done."""
    return _log_context.set({**_log_context.get(), **fields})


def unbind(token: Token) -> None:
    _log_context.reset(token)


@contextlib.contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Log lines written inside the block carry ``fields``."""
    token = bind(**fields)
    try:
        yield
    finally:
        unbind(token)


class LogContextFilter(logging.Filter):
    """Copies the bound fields onto every record; ``request_id`` is always present (None outside
    a request or task) so that every formatter may use it. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in _log_context.get().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        if not hasattr(record, "request_id"):
            record.request_id = None
        return True


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's numeric id, if the request already loaded the user.

    Only the id: a username is often a person's name. A user nobody looked at (static files, the
    health endpoints) is not loaded for the log's sake: that would cost a query per request.
    """
    user = getattr(request, "user", None)
    if user is None:
        return None
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            return None
        user = user._wrapped
    return user.pk if getattr(user, "is_authenticated", False) else None


def _quiet(request: HttpRequest, status: int) -> bool:
    """Successful probes and static files are logged at DEBUG: a load balancer asks every few
    seconds, and a page pulls a dozen static files."""
    if status >= 400:
        return False
    path = request.path_info
    return path in ("/healthz", "/readyz") or path.startswith("/" + settings.STATIC_URL.lstrip("/"))


class RequestIdMiddleware:
    """Gives the request its id, binds it for logging, returns it in ``X-Request-ID``, and logs
    one line per request: method, path (never the query string: searches hold names), status,
    duration in milliseconds and the user's numeric id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.META.get(META_KEY)) or new_request_id()
        request.request_id = request_id
        started = time.perf_counter()
        token = bind(request_id=request_id)
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            status = response.status_code
            logger.log(
                logging.DEBUG if _quiet(request, status) else logging.INFO,
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "event": "request",
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            unbind(token)
