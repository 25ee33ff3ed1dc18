"""Middleware of protection: refuse undeclared views, time sessions out, forbid caching."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import ngettext

from .access import rule_of

logger = logging.getLogger(__name__)

SESSION_STARTED_KEY = "caseweb_started_at"
SESSION_LAST_SEEN_KEY = "caseweb_last_seen_at"
#: Last-seen is written at most this often, so that a busy user does not write his session on
#: every request; the idle timeout is therefore exact to within this many seconds.
LAST_SEEN_RESOLUTION = 60


class AccessRuleMiddleware:
    """Refuse (403) any view that declares no access rule: protected by default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, args, kwargs) -> None:
        match = request.resolver_match
        namespaces = tuple(match.namespaces) if match else ()
        if rule_of(view_func, namespaces) is None:
            logger.error(
                "view without an access rule refused: %s", match.view_name if match else "?"
            )
            raise PermissionDenied("This page declares no access rule.")
        return None


class SessionTimeoutMiddleware:
    """Sign a user out after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and in any case
    ``SESSION_ABSOLUTE_TIMEOUT`` seconds after he signed in. Place after the message middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        started = session.get(SESSION_STARTED_KEY)
        last_seen = session.get(SESSION_LAST_SEEN_KEY)
        if started is None:
            session[SESSION_STARTED_KEY] = started = now
        reason = None
        if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            reason = "idle"
            minutes = settings.SESSION_IDLE_TIMEOUT // 60
            text = ngettext(
                "You were signed out after %(minutes)d minute without activity.",
                "You were signed out after %(minutes)d minutes without activity.",
                minutes,
            ) % {"minutes": minutes}
        elif now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
            reason = "absolute"
            hours = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
            text = ngettext(
                "You were signed out: a session lasts at most %(hours)d hour.",
                "You were signed out: a session lasts at most %(hours)d hours.",
                hours,
            ) % {"hours": hours}
        if reason:
            request.caseweb_logout_reason = reason  # read by the access log's logout receiver
            logout(request)
            messages.info(request, text)
            return
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            session[SESSION_LAST_SEEN_KEY] = now


def mark_session_start(sender, request: HttpRequest, user, **kwargs) -> None:
    """``user_logged_in`` receiver: the absolute timeout counts from here."""
    now = int(time.time())
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_LAST_SEEN_KEY] = now


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page Django answers: nothing personal is kept by a
    browser or a proxy (static files, served by WhiteNoise before this, keep their caching)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(
            response, no_store=True, no_cache=True, must_revalidate=True, private=True
        )
        response.setdefault("Pragma", "no-cache")
        return response
