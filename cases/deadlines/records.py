"""Records that deadlines can be added to by hand, and how to reach them for a user.

A domain app registers each model whose pages offer "add a follow-up deadline"::

    register_record(Case, get_for_change=case_get_for_change, governorate=lambda c: c.governorate)

``get_for_change(user, pk)`` must answer 404 outside the user's jurisdiction and 403 without the
permission to change the record, like every ``*_get_for_change`` helper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404


@dataclass(frozen=True)
class RecordType:
    model: type[models.Model]
    get_for_change: Callable[[Any, Any], models.Model]
    governorate: Callable[[models.Model], Any]
    url: Callable[[models.Model], str] | None = None


_RECORDS: dict[str, RecordType] = {}


def register_record(
    model: type[models.Model],
    *,
    get_for_change: Callable[[Any, Any], models.Model],
    governorate: Callable[[models.Model], Any],
    url: Callable[[models.Model], str] | None = None,
) -> None:
    _RECORDS[model._meta.label_lower] = RecordType(model, get_for_change, governorate, url)


def record_type_for(content_type: ContentType) -> RecordType:
    """The registration of ``content_type``; 404 for a type that takes no manual deadlines."""
    record_type = _RECORDS.get(f"{content_type.app_label}.{content_type.model}")
    if record_type is None:
        raise Http404("This kind of record takes no deadlines.")
    return record_type


def record_url(content_type_id: int, obj: models.Model | None) -> str:
    """The page of a deadline's record, when its app registered one."""
    if obj is None:
        return ""
    record_type = _RECORDS.get(obj._meta.label_lower)
    if record_type and record_type.url:
        return record_type.url(obj)
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
