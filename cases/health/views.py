"""Health endpoints for load balancers and monitoring. They say nothing about persons or
cases: only whether each part of the service works."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from cases.security.access import public

from .selectors import readiness, watches


@public
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No database, no broker."""
    return JsonResponse({"status": "ok"})


@public
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers, migrations are applied, the broker is reachable, and
    beat's heartbeat is recent. 503 when any is not. "watch" carries conditions for monitoring
    (the last backup's age) that never make this server unready."""
    checks = readiness()
    ready = all(c.ok for c in checks)
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
            "watch": {c.name: {"ok": c.ok, "detail": c.detail} for c in watches()},
        },
        status=200 if ready else 503,
    )
