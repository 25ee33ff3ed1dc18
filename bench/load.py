"""Throughput: gunicorn serving the benchmark dataset on 127.0.0.1, loaded by wrk.

Starts gunicorn (``caseweb.wsgi`` under ``bench.settings``, persistent database connections) with
sync workers, then with gthread workers, and for each runs Debian's ``wrk`` on loopback against an
officer's case list, a case page (access-logged: each view writes a chained log entry), the name
search form (a POST with the session cookie and the CSRF token, also access-logged) and a trivial
Django view behind the same middleware. Reports requests per second, p50/p95/p99 latency and each
page's ratio to the trivial view. wrk runs on the same two cores as the server: it takes its share.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

from bench import data
from bench.report import ROOT, write_section
from cases.casefiles.models import Case
from tests.support.auth import sign_in

PORT = 8765
LUA = """
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local body = os.getenv("BENCH_BODY")
wrk.headers["Cookie"] = cookie
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["X-CSRFToken"] = csrf
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "errors": %d, "p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
"""


@dataclass
class Result:
    config: str
    scenario: str
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int


def session_cookie(user) -> tuple[str, str]:
    """A signed-in session (second factor included) and a CSRF token, as a Cookie header."""
    client = Client()
    sign_in(client, user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = _get_new_csrf_string()
    return f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}", csrf


def start_gunicorn(args: list[str]) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_CONN_MAX_AGE": "600",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "caseweb.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
            *args,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/trivial/", timeout=5):
                return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError("gunicorn did not answer within 120 s")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def run_wrk(path: str, *, cookie: str, csrf: str, body: str, duration: int, connections: int):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA)
        script = f.name
    try:
        out = subprocess.run(
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                script,
                f"http://127.0.0.1:{PORT}{path}",
            ],
            env={**os.environ, "BENCH_COOKIE": cookie, "BENCH_CSRF": csrf, "BENCH_BODY": body},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    return json.loads(line[len("BENCH ") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-load", action="store_true", help="skip this benchmark")
    args, _unknown = parser.parse_known_args()  # make bench passes one BENCH_ARGS to all
    if args.no_load:
        return

    dataset = data.ensure(args.scale)
    officer = dataset.officer
    cookie, csrf = session_cookie(officer)
    case = Case.objects.filter(governorate__code="BGD").order_by("-opened_at").first()
    person = case.person
    name = f"{person.given_name_ar or person.given_name_lat} {person.family_name_ar or ''}"
    scenarios = [
        ("trivial Django view", "/bench/trivial/", ""),
        ("case list, first page", reverse("casefiles:list"), ""),
        ("case page (access-logged)", reverse("casefiles:detail", args=[case.pk]), ""),
        (
            "name search form (POST, access-logged)",
            reverse("casefiles:search"),
            "name=" + urllib.parse.quote(name.strip()),
        ),
    ]
    configs = [
        ("sync, 3 workers", ["--workers", "3", "--worker-class", "sync"]),
        (
            "gthread, 2 workers x 4 threads",
            ["--workers", "2", "--worker-class", "gthread", "--threads", "4"],
        ),
    ]
    results: list[Result] = []
    for config, gargs in configs:
        print(f"gunicorn {config} ...")
        proc = start_gunicorn(gargs)
        try:
            for scenario, path, body in scenarios:
                run_wrk(path, cookie=cookie, csrf=csrf, body=body, duration=2, connections=2)
                r = run_wrk(
                    path,
                    cookie=cookie,
                    csrf=csrf,
                    body=body,
                    duration=args.duration,
                    connections=args.connections,
                )
                results.append(
                    Result(
                        config,
                        scenario,
                        r["requests"] / r["seconds"],
                        r["p50"],
                        r["p95"],
                        r["p99"],
                        r["errors"],
                        r["requests"],
                    )
                )
                print(f"  {scenario}: {results[-1].rps:.0f} req/s, p50 {r['p50']:.0f} ms")
        finally:
            stop(proc)
    rows = []
    for config, _gargs in configs:
        trivial = next(
            r for r in results if r.config == config and r.scenario.startswith("trivial")
        )
        for r in (x for x in results if x.config == config):
            rows.append(
                f"| {config} | {r.scenario} | {r.rps:,.0f} | {r.p50:.0f} / {r.p95:.0f} / {r.p99:.0f} ms "
                f"| {r.rps / trivial.rps:.2f} | {r.errors} of {r.requests:,} |"
            )
    body = f"""
gunicorn (`caseweb.wsgi` under `bench.settings`, persistent database connections) on
127.0.0.1:{PORT} serving the dataset of § Pages at scale; `wrk -t2 -c{args.connections}
-d{args.duration}s` on loopback, after a 2-second warm-up per page, signed in as an officer of
Baghdad (session cookie; the POST carries the CSRF token). The case page and the search write
an access-log entry per request (chained under an advisory lock). wrk shares the 2 cores with
gunicorn and PostgreSQL.

| server | page | requests/s | latency p50 / p95 / p99 | ÷ trivial view | errors |
|---|---|---|---|---|---|
{chr(10).join(rows)}
"""
    write_section("Throughput", body)
    print(body)


if __name__ == "__main__":
    main()
