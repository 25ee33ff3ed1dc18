"""Exactly one beat: run_beat holds a PostgreSQL advisory lock while beat runs; a second one
refuses (--once) or stands by."""

from __future__ import annotations

import sys
import threading
import time

import pytest
from django.core.management import CommandError, call_command

from cases.health import beatlock
from tests.support.worker import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def other_machine():
    """A connection standing for another machine's run_beat."""
    connection = beatlock.lock_connection()
    yield connection
    connection.close()


def test_the_lock_is_taken_once_and_freed_with_its_session(other_machine):
    mine = beatlock.lock_connection()
    try:
        assert beatlock.try_acquire(mine) is True
        assert beatlock.still_held(mine) is True
        assert beatlock.try_acquire(other_machine) is False
        mine.close()  # the machine dies: PostgreSQL ends the session and frees the lock
        assert wait_for(lambda: beatlock.try_acquire(other_machine), timeout=10)
        assert beatlock.still_held(other_machine) is True
    finally:
        mine.close()


def test_run_beat_refuses_a_second_beat(other_machine, tmp_path):
    assert beatlock.try_acquire(other_machine)
    marker = tmp_path / "ran"
    with pytest.raises(CommandError, match="Another beat holds the beat lock"):
        call_command(
            "run_beat", "--once", "--", sys.executable, "-c", f"open({str(marker)!r}, 'w')"
        )
    assert not marker.exists()


def test_run_beat_holds_the_lock_while_beat_runs_and_frees_it_after(other_machine, tmp_path):
    marker = tmp_path / "ran"
    script = f"import time; open({str(marker)!r}, 'w'); time.sleep(3)"
    worker = threading.Thread(
        target=call_command,
        args=("run_beat", "--once", "--interval", "0.5", "--", sys.executable, "-c", script),
    )
    worker.start()
    try:
        assert wait_for(marker.exists, timeout=30), "beat never started"
        assert beatlock.try_acquire(other_machine) is False  # held while beat runs
    finally:
        worker.join(timeout=30)
    assert not worker.is_alive()
    assert beatlock.try_acquire(other_machine) is True  # freed when beat ended


def test_a_standby_takes_over_when_the_first_beat_ends(other_machine, tmp_path):
    assert beatlock.try_acquire(other_machine)
    marker = tmp_path / "ran"
    standby = threading.Thread(
        target=call_command,
        args=(
            "run_beat",
            "--interval",
            "0.3",
            "--",
            sys.executable,
            "-c",
            f"open({str(marker)!r}, 'w')",
        ),
    )
    standby.start()
    time.sleep(1.5)
    assert not marker.exists()  # standing by
    beatlock.release(other_machine)
    standby.join(timeout=30)
    assert marker.exists()
