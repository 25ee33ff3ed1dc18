"""gunicorn for Caseweb: ``gunicorn -c gunicorn.conf.py caseweb.wsgi`` (deploy/ runs it so).

Every value can be changed from the environment (GUNICORN_*), so that the systemd unit, the
Docker image and an operator's shell all use this one file. docs/operations.md explains the sizes.
"""

from __future__ import annotations

import logging
import os
import re

from gunicorn import glogging


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# --- Where and how many. Behind nginx on the same machine: a loopback port. In a container:
# GUNICORN_BIND=0.0.0.0:8000, and the proxy's address in GUNICORN_FORWARDED_ALLOW_IPS.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
#: Processes: 2 x cores + 1 by default (each holds its own database connection per thread).
workers = _env_int("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1)
#: Threads per process: above 1, gunicorn's gthread worker. Threads suit Caseweb's pages, which
#: wait on PostgreSQL; each thread keeps its own connection (CONN_MAX_AGE), so count
#: workers x threads x machines against PostgreSQL's max_connections.
threads = _env_int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# --- Time limits. A page that takes longer than `timeout` is killed: long work (exports,
# imports) runs in Celery. nginx's proxy_read_timeout must be a little longer (deploy/nginx).
timeout = _env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
#: A worker is replaced after this many requests (give or take the jitter, so that they are not
#: all replaced at once): a slow leak in a library never grows into an outage.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# --- The proxy. Only these addresses may set X-Forwarded-* (the scheme); Django reads
# X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER), so the proxy must always overwrite it.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
#: gunicorn's control socket (gunicornc: worker counts, reloads) only where asked for: it is one
#: more way into the process, and systemd already manages it.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
#: Heartbeat files in memory, not on a container's overlay disk (a slow disk stalls workers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# --- Logs, on standard output and error, in JSON unless LOG_FORMAT=plain. Caseweb's own request
# line (method, path, status, duration, user id, request id) is logged by Django for every
# request, so gunicorn's access log is off unless GUNICORN_ACCESS_LOG is set ("-" for stdout).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
capture_output = False

_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{7,127}")


class CasewebLogger(glogging.Logger):
    """gunicorn's logger, writing Caseweb's JSON lines through its redaction filter.

    The access line holds the method, the path without its query string (searches carry
    names), the status, the bytes sent, the duration and the request id; never the client's
    address, user agent or referrer: nginx's own log has the address, under its own retention.
    """

    def setup(self, cfg) -> None:
        super().setup(cfg)
        from cases.security.logging import JsonFormatter, RedactingFilter

        json_lines = os.environ.get("LOG_FORMAT", "json") == "json"
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if json_lines:
                    handler.setFormatter(JsonFormatter())
                if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                    handler.addFilter(RedactingFilter())

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        try:
            status = resp.status
            status = int(status.split(None, 1)[0]) if isinstance(status, str) else int(status)
            headers = {name.lower(): value for name, value in resp.headers}
            request_id = headers.get("x-request-id") or environ.get("HTTP_X_REQUEST_ID", "")
            method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
            self.access_log.info(
                "%s %s %s",
                method,
                path,
                status,
                extra={
                    "event": "access",
                    "method": method,
                    "path": path,
                    "status": status,
                    "bytes": getattr(resp, "sent", None),
                    "duration_ms": round(request_time.total_seconds() * 1000, 1),
                    "request_id": request_id if _SANE_ID.fullmatch(request_id) else None,
                },
            )
        except Exception:
            self.error_log.exception("the access line could not be written")


logger_class = CasewebLogger
logging.captureWarnings(True)
