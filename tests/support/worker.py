"""Start real Celery processes (worker, beat) on the configured broker, bound to the tests' own
database and to a queue of the test's own, so that nothing else on the broker interferes."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
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


class CeleryProcess:
    """A running ``celery worker`` or ``celery beat`` in its own process group."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "caseweb", *args],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: kill() reaches the pool's children too
        )

    def kill(self) -> None:
        """SIGKILL the whole process group: what a crash or an OOM kill does."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> str:
        """Stop it (SIGTERM, then SIGKILL) and return what it printed."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.seek(0)
        output = self.log.read()
        self.log.close()
        os.unlink(self.log.name)
        return output


def celery_env(queue: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "caseweb.settings.test",
        "DATABASE_URL": test_database_url(),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        # A worker or beat under the test settings would otherwise run every task it sends
        # in its own process: beat would sweep and send reminders without any broker.
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **extra,
    }


def new_queue() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@contextlib.contextmanager
def celery_worker(
    *, queue: str | None = None, concurrency: int = 1, env: dict[str, str] | None = None
) -> Iterator[CeleryProcess]:
    """A worker consuming its own queue (also the default queue of the tasks it sends)."""
    queue = queue or new_queue()
    worker = CeleryProcess(
        [
            "worker",
            "--queues",
            queue,
            "--concurrency",
            str(concurrency),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"{queue}-{uuid.uuid4().hex[:4]}@%h",
        ],
        celery_env(queue, **(env or {})),
    )
    worker.queue = queue
    try:
        yield worker
    finally:
        output = worker.stop()
        if worker.process.returncode not in (0, -signal.SIGTERM, -signal.SIGKILL):
            print(output)  # shown by pytest when the test fails


@contextlib.contextmanager
def celery_beat(*, queue: str, env: dict[str, str] | None = None) -> Iterator[CeleryProcess]:
    """Beat sending the project's schedule to ``queue``, with a schedule file of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        beat = CeleryProcess(
            ["beat", "--loglevel", "INFO", "--schedule", str(Path(tmp) / "schedule")],
            celery_env(queue, **(env or {})),
        )
        try:
            yield beat
        finally:
            beat.stop()


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, interval: float = 0.2) -> bool:
    """Poll ``condition`` until it is true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
