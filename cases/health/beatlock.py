"""Exactly one Celery beat: a PostgreSQL advisory lock held for as long as beat runs.

Two beats would send every periodic task twice (the deadline sweep tolerates it: it takes its own
transaction lock; a nightly backup or retention run should not). ``manage.py run_beat`` takes a
session-level advisory lock on a connection of its own before it starts beat, and keeps it; a
second ``run_beat`` on another machine waits as a standby and takes over when the first machine
dies (PostgreSQL ends its session, which frees the lock).

The lock needs a direct connection to PostgreSQL: behind PgBouncer in transaction mode a session
lock means nothing.
"""

from __future__ import annotations

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

#: pg_try_advisory_lock key: "BEAT".
BEAT_LOCK = 0x42454154


def lock_connection() -> BaseDatabaseWrapper:
    """A connection of the lock's own, apart from Django's per-thread connections."""
    connection = connections.create_connection("default")
    connection.ensure_connection()
    connection.set_autocommit(True)
    return connection


def try_acquire(connection: BaseDatabaseWrapper) -> bool:
    """Take the beat lock on ``connection`` if nobody holds it; never waits."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [BEAT_LOCK])
        return bool(cursor.fetchone()[0])


def still_held(connection: BaseDatabaseWrapper) -> bool:
    """Whether ``connection``'s session is alive and still holds the lock."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
            " AND pid = pg_backend_pid() AND classid = %s AND objid = %s AND objsubid = 1"
            " AND granted)",
            [BEAT_LOCK >> 32, BEAT_LOCK & 0xFFFFFFFF],
        )
        return bool(cursor.fetchone()[0])


def release(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [BEAT_LOCK])
