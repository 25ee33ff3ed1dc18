"""Benchmark settings: the developer's settings on a database of the benchmark's own
(``caseweb_bench`` on the embedded server, or BENCH_DATABASE_URL), never the demo data."""

from __future__ import annotations

from caseweb.embedded_pg import database_settings

from .dev import *  # noqa: F403
from .dev import VAR_DIR, env

DEBUG = False
_url = env.str("BENCH_DATABASE_URL", default="")
DATABASES = {
    "default": env.db_url_config(_url)
    if _url
    else database_settings(VAR_DIR / "pgdata", "caseweb_bench")
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
