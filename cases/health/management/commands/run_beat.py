"""``manage.py run_beat``: Celery beat, guarded so that only one runs (cases/health/beatlock.py)."""

from __future__ import annotations

import contextlib
import logging
import signal
import subprocess
import sys
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cases.health import beatlock

logger = logging.getLogger("caseweb.beat")

DEFAULT_BEAT = [sys.executable, "-m", "celery", "-A", "caseweb", "beat"]


class Command(BaseCommand):
    help = (
        "Run Celery beat only while this process holds the beat lock in PostgreSQL; another"
        " run_beat stands by and takes over if this one's machine dies. Arguments after -- are"
        " the command to run (default: celery -A caseweb beat)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=15.0,
            help="seconds between two checks of the lock (default 15)",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="exit with an error instead of standing by when another beat holds the lock",
        )
        parser.add_argument("command", nargs="*", help="the beat command (after --)")

    def handle(self, *args, interval: float, once: bool, command: list[str], **options) -> None:
        argv = command or DEFAULT_BEAT
        self._stopping = False
        self._child: subprocess.Popen | None = None
        if threading.current_thread() is threading.main_thread():  # not when called from a test
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
        waiting_said = False
        while not self._stopping:
            try:
                connection = beatlock.lock_connection()
                acquired = beatlock.try_acquire(connection)
            except DatabaseError as exc:
                logger.warning("beat lock: database unreachable (%s); retrying", type(exc).__name__)
                time.sleep(interval)
                continue
            if not acquired:
                connection.close()
                if once:
                    raise CommandError("Another beat holds the beat lock: not starting a second.")
                if not waiting_said:
                    logger.info("beat lock held by another beat: standing by")
                    waiting_said = True
                time.sleep(interval)
                continue
            logger.info("beat lock acquired: starting beat")
            code = self._run_while_held(argv, connection, interval)
            if self._stopping:
                return
            if code is not None:  # beat ended by itself: so does this command (systemd restarts)
                if code:
                    raise CommandError(f"beat exited with status {code}")
                return
            waiting_said = False  # the lock was lost: stand by again

    def _run_while_held(self, argv: list[str], connection, interval: float) -> int | None:
        """Run beat; return its exit status, or None if the lock was lost (beat stopped)."""
        self._child = subprocess.Popen(argv)  # noqa: S603 (our own argv)
        try:
            while True:
                try:
                    return self._child.wait(timeout=interval)
                except subprocess.TimeoutExpired:
                    pass
                try:
                    held = beatlock.still_held(connection)
                except DatabaseError:
                    held = False
                if not held:
                    logger.error("beat lock lost (database connection gone): stopping beat")
                    self._terminate()
                    return None
        finally:
            if self._child.poll() is None:
                self._terminate()
            self._child = None
            with contextlib.suppress(DatabaseError):
                beatlock.release(connection)
            connection.close()

    def _terminate(self) -> None:
        if self._child is None:
            return
        self._child.terminate()
        try:
            self._child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()

    def _stop(self, signum, frame) -> None:
        self._stopping = True
        if self._child is not None and self._child.poll() is None:
            self._child.send_signal(signum)
