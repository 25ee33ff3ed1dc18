"""The bell: the signed-in user's unread notifications, one query per page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def bell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that do not draw the menu (errors, exports) pay nothing.
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
