"""Settings of the page benchmarks: the benchmark database (``caseweb.settings.bench``), served
through ``bench.urls`` (the product's URLs, plus the benchmark's floors, its stock admin and a
trivial view). Never used by the product."""

from __future__ import annotations

from caseweb.settings.bench import *  # noqa: F403
from caseweb.settings.bench import ALLOWED_HOSTS, DATABASES, VAR_DIR, env

# Another database than the kept dataset's, e.g. for the smoke test at a tiny scale.
if env.str("BENCH_DATABASE_NAME", default="") and not env.str("BENCH_DATABASE_URL", default=""):
    from caseweb.embedded_pg import database_settings

    DATABASES = {"default": database_settings(VAR_DIR / "pgdata", env.str("BENCH_DATABASE_NAME"))}

# Persistent connections for the throughput benchmark's gunicorn (what production sets with
# DATABASE_CONN_MAX_AGE); 0 in-process.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("BENCH_CONN_MAX_AGE", default=0)

ROOT_URLCONF = "bench.urls"
# The test Client's host, for the in-process measurements.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
