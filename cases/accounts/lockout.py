"""django-axes glue: find the username in the two-factor login wizard's fields."""

from __future__ import annotations

from typing import Any


def username_for_axes(request: Any, credentials: dict[str, Any] | None) -> str | None:
    """The username being tried: from ``authenticate()``'s credentials when axes has them,
    else from the wizard's first step (``auth-username``), which is not named ``username``."""
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    data = getattr(request, "POST", None) or {}
    return data.get("auth-username") or data.get("username")
