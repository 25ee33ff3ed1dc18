"""Writes of the audit app: appending to the access log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from . import chain
from .models import AccessLogEntry

#: pg_advisory_xact_lock key that serialises appends, so that each entry links to the last one.
CHAIN_LOCK = 0x43415345  # "CASE"


def chain_key() -> str:
    key = settings.AUDIT_CHAIN_KEY
    if not key:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("AUDIT_CHAIN_KEY is not set.")
    return key


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address. Behind the reverse proxy, the proxy sets REMOTE_ADDR (see
    docs/operations.md); X-Forwarded-For is not trusted here because anyone can write it."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    obj: models.Model | None = None,
    object_label: str = "",
    governorate_id: int | None = None,
    reason: str = "",
) -> AccessLogEntry:
    """Append one entry to the access log and link it into the chain.

    ``obj`` is the record seen; ``object_label`` must identify it without personal data (a case
    number, never a name), and defaults to ``obj.audit_label`` when the model offers one. Runs in
    a transaction of its own under an advisory lock; call it outside long transactions.
    """
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if user is not None and not username:
        username = user.get_username()
    content_type_id = object_id = None
    if obj is not None:
        content_type_id = ContentType.objects.get_for_model(obj).pk
        object_id = str(obj.pk)
        object_label = object_label or str(getattr(obj, "audit_label", "") or "")
        if governorate_id is None:
            governorate_id = getattr(obj, "governorate_id", None)
    entry = AccessLogEntry(
        user=user,
        username=username[:150],
        action=action,
        content_type_id=content_type_id,
        object_id=object_id or "",
        object_label=object_label[:200],
        governorate_id=governorate_id,
        ip_address=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:200],
        path=(request.path if request else "")[:300],
        reason=reason,
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [AccessLogEntry._meta.db_table]
            )
            entry.id = cursor.fetchone()[0]
        entry.at = timezone.now()
        entry.prev_hash = (
            AccessLogEntry.objects.order_by("-id").values_list("hash", flat=True).first()
            or chain.GENESIS
        )
        entry.hash = chain.digest(chain_key(), entry.prev_hash, _values(entry))
        entry.save(force_insert=True)
    return entry


def _values(entry: AccessLogEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in chain.CHAINED_FIELDS}
