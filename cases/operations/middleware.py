"""A database outage answers a clear page, not a traceback or a generic server error.

Django turns an exception raised anywhere inside the middleware stack (a view, the session
middleware saving after the view, the user's language read from his account) into the 500 page
at the layer where it happened, so no single middleware sees every one. The request is marked
when the exception is a database ``OperationalError`` or ``InterfaceError`` (Django's
``got_request_exception`` signal, connected in ``apps.ready``), and this middleware, placed
outside the session middleware, swaps the 500 for ``503.html`` with ``Retry-After``.

The page is rendered without the request's context processors: they read the session, the user
and the bell from the database that is down.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

MARK = "_caseweb_database_unavailable"
RETRY_AFTER_SECONDS = 30


def mark_database_unavailable(sender: Any, request: HttpRequest | None = None, **kwargs) -> None:
    """``got_request_exception`` receiver: remember that the request failed on the database."""
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, OperationalError | InterfaceError):
        setattr(request, MARK, True)


def database_unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, MARK, False):
            return database_unavailable_response()
        return response
