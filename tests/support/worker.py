"""Start a real Celery worker on the configured broker, bound to the tests' own database."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent


def test_database_url() -> str:
    """A DATABASE_URL for the database the tests are using right now (test_..., never the real)."""
    s = connection.settings_dict
    user, name, host, port = s["USER"], s["NAME"], s["HOST"] or "", s["PORT"] or ""
    password = s.get("PASSWORD") or ""
    if host.startswith("/"):  # a unix socket (the embedded server)
        return f"postgresql://{user}:{password}@/{name}?host={host}"
    return f"postgresql://{user}:{password}@{host}:{port}/{name}"


@contextlib.contextmanager
def celery_worker(*, queue: str | None = None, extra_args: tuple[str, ...] = ()) -> Iterator[str]:
    """Run ``celery worker`` in a subprocess consuming a queue of its own; yield that queue.

    The worker uses the same broker settings as this process (CELERY_BROKER_URL from the
    environment, or the filesystem transport) and the tests' database.
    """
    queue = queue or f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caseweb.settings.test",
        "DATABASE_URL": test_database_url(),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "caseweb", "worker",
        "--queues", queue, "--concurrency", "1", "--loglevel", "INFO",
        "--without-gossip", "--without-mingle", "--hostname", f"{queue}@%h", *extra_args,
    ]  # fmt: skip
    log = open(ROOT / "var" / f"{queue}.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield queue
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.seek(0)
        output = log.read()
        log.close()
        os.unlink(log.name)
        if process.returncode not in (0, -signal.SIGTERM, -signal.SIGKILL):
            print(output)  # shown by pytest when the test fails


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, interval: float = 0.2) -> bool:
    """Poll ``condition`` until it is true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
