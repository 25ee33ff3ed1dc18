"""Reads of the health app: is the service alive, and is it ready to serve?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .models import Heartbeat


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return Check("database", True)
    except DatabaseError as exc:
        return Check("database", False, type(exc).__name__)


def check_migrations() -> Check:
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return Check("migrations", False, type(exc).__name__)
    return Check("migrations", not pending, f"{len(pending)} pending" if pending else "")


def check_broker() -> Check:
    from caseweb.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return Check("broker", True)
    except Exception as exc:  # any failure to reach the broker means "not ready"
        return Check("broker", False, type(exc).__name__)


def check_beat(now: dt.datetime | None = None) -> Check:
    """Beat sends a heartbeat every minute; older than HEALTH_BEAT_MAX_AGE seconds means the
    deadline sweep is not running either."""
    now = now or timezone.now()
    beat = Heartbeat.objects.filter(source="beat").first()
    if beat is None:
        return Check("beat", False, "no heartbeat yet")
    age = (now - beat.beat_at).total_seconds()
    return Check("beat", age <= settings.HEALTH_BEAT_MAX_AGE, f"{int(age)} s ago")


def readiness() -> list[Check]:
    database = check_database()
    if not database.ok:
        return [
            database,
            Check("migrations", False, "no database"),
            check_broker(),
            Check("beat", False, "no database"),
        ]
    return [database, check_migrations(), check_broker(), check_beat()]


#: Conditions monitoring should alert on that say nothing about this web server (the last good
#: backup's age, say): reported by /readyz under "watch", never turning it to 503, so that one
#: such fault cannot take every web server out of the load balancer at once. Apps above health
#: register theirs in ``ready()``.
_WATCHES: dict[str, Callable[[], Check]] = {}


def register_watch(name: str, check: Callable[[], Check]) -> None:
    _WATCHES[name] = check


def watches() -> list[Check]:
    results = []
    for name, check in _WATCHES.items():
        try:
            results.append(check())
        except DatabaseError as exc:
            results.append(Check(name, False, type(exc).__name__))
    return results
