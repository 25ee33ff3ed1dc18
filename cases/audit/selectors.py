"""Reads of the audit app: the auditor's views of the access log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from . import chain
from .models import AccessLogEntry


def access_log_for_user(user: Any) -> QuerySet[AccessLogEntry]:
    """The entries an auditor may read: his governorates' records, and (with national scope)
    the entries that belong to no governorate, such as sign-ins."""
    qs = AccessLogEntry.objects.select_related("content_type", "governorate")
    if user.has_national_scope:
        return qs
    return qs.in_jurisdiction(user)


def access_log_filter(
    qs: QuerySet[AccessLogEntry],
    *,
    username: str = "",
    action: str = "",
    content_type: ContentType | None = None,
    object_id: str = "",
    date_from: Any = None,
    date_to: Any = None,
    ip_address: str = "",
) -> QuerySet[AccessLogEntry]:
    """Narrow ``qs`` to the given filters (each optional)."""
    if username:
        qs = qs.filter(username=username)
    if action:
        qs = qs.filter(action=action)
    if content_type is not None:
        qs = qs.filter(content_type=content_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if ip_address:
        qs = qs.filter(ip_address=ip_address)
    return qs


def access_log_chain_breaks(key: str, *, batch_size: int = 20000) -> Iterator[chain.Break]:
    """Walk the whole log in id order and yield where its chain is broken."""
    fields = (*chain.CHAINED_FIELDS, "prev_hash", "hash")
    rows = AccessLogEntry.objects.order_by("id").values(*fields).iterator(chunk_size=batch_size)
    yield from chain.verify(key, rows)
