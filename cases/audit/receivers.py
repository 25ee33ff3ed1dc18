"""Sign-ins, failed sign-ins, lockouts and sign-outs go into the access log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from .models import AccessLogEntry
from .services import access_log_record

A = AccessLogEntry.Action


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    access_log_record(action=A.LOGIN, request=request, user=user)


def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    reason = getattr(request, "caseweb_logout_reason", "")
    action = A.SESSION_EXPIRED if reason else A.LOGOUT
    access_log_record(action=action, request=request, user=user, reason=reason)


def on_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # Only the username is kept; Django has already cleansed the password out of credentials.
    access_log_record(
        action=A.LOGIN_FAILED, request=request, username=str(credentials.get("username", ""))
    )


def on_locked_out(sender: Any, request: Any, username: str = "", **kwargs: Any) -> None:
    access_log_record(action=A.LOCKOUT, request=request, username=username or "")


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="audit.on_login")
    user_logged_out.connect(on_logout, dispatch_uid="audit.on_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.on_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit.on_locked_out")
