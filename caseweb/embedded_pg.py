"""A self-contained PostgreSQL for machines that have none.

When ``DATABASE_URL`` is not set, the dev and test settings call :func:`database_settings`, which
starts (or joins) a PostgreSQL server shipped on PyPI by the ``pgserver`` package, with its data
under ``var/``. The server is reference-counted across processes: the web server, the Celery worker
and beat share one, and it stops when the last of them exits. Production never comes here: its
settings require ``DATABASE_URL``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any


def database_settings(pgdata: Path, name: str) -> dict[str, Any]:
    """Start the embedded server whose data lives in ``pgdata`` and return Django's settings for
    database ``name`` on it (created if missing)."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (as under CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(server, name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(socket_dir),
        "PORT": "",
    }


def _ensure_database(server: Any, name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(server.get_uri("postgres"))
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()
