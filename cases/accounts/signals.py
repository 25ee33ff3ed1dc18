"""Receivers of the accounts app: remember each sign-in's session; end them on deactivation."""

from __future__ import annotations

from typing import Any

from .models import User
from .services import user_session_record, user_sessions_end


def record_session(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        if request.session.session_key is None:
            request.session.save()
        user_session_record(user=user, session_key=request.session.session_key)


def end_sessions_of_inactive_user(sender: Any, instance: User, **kwargs: Any) -> None:
    # Also covers a deactivation made in the admin, which does not go through the service.
    if not instance.is_active:
        user_sessions_end(user=instance)
