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
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .sealed import SealedField

_REASON_GIVEN = contextvars.ContextVar("caseweb_history_reason_given", default=False)


@contextlib.contextmanager
def history_reason(reason: str, by: Any = None) -> Iterator[None]:
    """Record ``reason`` (and ``by``, the acting user) with every change made inside.

    The outermost reason wins: when a service calls another (an intake opens a deadline), the
    changes of both belong to the one act the user did, and pghistory keeps one context per
    act, so an inner reason would overwrite the outer one.

    A lazy ``reason`` (``gettext_lazy``, or :func:`django.utils.functional.lazy`) is also
    written in every language of the site, so the timeline shows it in the reader's language
    whoever wrote it; a plain string is kept as given.
    """
    if _REASON_GIVEN.get():
        yield
        return
    token = _REASON_GIVEN.set(True)
    extra: dict[str, Any] = {"user": by.pk} if by else {}
    if isinstance(reason, Promise):
        extra["reason_i18n"] = _in_every_language(reason)
    try:
        with pghistory.context(reason=str(reason), **extra):
            yield
    finally:
        _REASON_GIVEN.reset(token)


def _in_every_language(text: Promise) -> dict[str, str]:
    rendered = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            rendered[code] = str(text)
    return rendered


def reason_for_reader(context: dict[str, Any]) -> str:
    """The reason of a history event in the active language.

    Uses the rendering in the reader's language when the reason was written lazily; otherwise
    the stored text, translated when it is one of the catalogue's messages (system acts and
    older rows stored the English message).
    """
    reason = context.get("reason") or ""
    by_language = context.get("reason_i18n") or {}
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if by_language.get(language):
        return by_language[language]
    # gettext("") returns the catalogue's header: never look the empty string up.
    return gettext(reason) if reason else ""


def display_value(field: Any, value: Any) -> Any:
    """A stored value as people read it: a choice's label in the active language, yes/no for a
    flag; anything else as stored (the history keeps raw column values)."""
    if field is None or value is None:
        return value
    choices = getattr(field, "flatchoices", None)
    if choices:
        for key, label in choices:
            if key == value or (key is not None and str(key) == str(value)):
                return label
        return value
    if field.get_internal_type() == "BooleanField" and isinstance(value, bool):
        # Django's own catalogue translates this triple (the yesno filter's default).
        yes, no, _maybe = gettext("yes,no,maybe").split(",")
        return yes if value else no
    return value


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
                    "old": None if sealed else display_value(field, old),
                    "new": None if sealed else display_value(field, new),
                    "sealed": sealed,
                }
            )
        timeline.append(
            {
                "at": event.pgh_created_at,
                "label": event.pgh_label,
                "user": event.user,
                "reason": reason_for_reader(context),
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
