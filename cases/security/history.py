"""Change history of every domain model, recorded by database triggers (django-pghistory).

A model is tracked with ``@pghistory.track(...)``; the triggers record every insert and update,
bulk ``QuerySet.update()`` included, with the request's user and path (pghistory's middleware) and
the reason a service gives (``pghistory.context(reason=...)``). This module reads it back as a
timeline, for a record's page and for the admin's "History" button.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .sealed import SealedField

_REASON_GIVEN = contextvars.ContextVar("caseweb_history_reason_given", default=False)


@contextlib.contextmanager
def history_reason(reason: str, by: Any = None) -> Iterator[None]:
    """Record ``reason`` (and ``by``, the acting user) with every change made inside.

    The outermost reason wins: when a service calls another (an intake opens a deadline), the
    changes of both belong to the one act the user did, and pghistory keeps one context per
    act, so an inner reason would overwrite the outer one.
    """
    if _REASON_GIVEN.get():
        yield
        return
    token = _REASON_GIVEN.set(True)
    try:
        with pghistory.context(reason=str(reason), **({"user": by.pk} if by else {})):
            yield
    finally:
        _REASON_GIVEN.reset(token)


def history_for(obj: Model, *, limit: int = 200) -> list[dict[str, Any]]:
    """The change history of ``obj`` (oldest first): who changed what, when, and why.

    Read from the event tables that django-pghistory's triggers fill, so bulk updates appear too.
    """
    import pghistory.models

    events = (
        pghistory.models.MiddlewareEvents.objects.tracks(obj)
        .order_by("pgh_created_at", "pgh_id")  # same transaction: same time
        .select_related("user")[:limit]
    )
    fields = {f.attname: f for f in obj._meta.concrete_fields}
    timeline = []
    for event in events:
        context = event.pgh_context or {}
        changes = []
        for name, (old, new) in sorted((event.pgh_diff or {}).items()):
            field = fields.get(name)
            sealed = isinstance(field, SealedField)
            changes.append(
                {
                    "field": field.verbose_name if field is not None else name,
                    # A sealed value's history holds ciphertext: say that it changed, no more.
                    "old": None if sealed else old,
                    "new": None if sealed else new,
                    "sealed": sealed,
                }
            )
        timeline.append(
            {
                "at": event.pgh_created_at,
                "label": event.pgh_label,
                "user": event.user,
                "reason": context.get("reason", ""),
                "changes": changes,
            }
        )
    return timeline


class HistoryAdminMixin:
    """Replace the admin's "History" page with the record's change timeline (pghistory)."""

    def history_view(self, request, object_id, extra_context=None):
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "object": obj,
            "opts": self.model._meta,
            "timeline": history_for(obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "history/admin_history.html", context)
