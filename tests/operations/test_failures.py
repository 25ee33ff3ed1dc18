"""Failures: the broker stops while deadlines fall due; PostgreSQL goes away mid-post.

(1) A Redis of the test's own (started on a free port, killed, started again) between a real
worker and beat: every reminder that fell due during the outage is sent, and sent once.
(2) A TCP proxy between Django and PostgreSQL, cut while an officer posts the intake form (after
the person, the case and the intake rows were written, before the deadline): the officer gets
the clear 503 page in his language, and not one row of the post is in the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.casefiles import services as casefile_services
from cases.casefiles.models import Case
from cases.deadlines.models import Notification, Reminder
from cases.deadlines.registry import sync_kinds
from cases.deadlines.services import deadline_open
from cases.operations.services import table_counts
from caseweb.celery import app
from tests.casefiles.test_views import intake_post
from tests.factories import DossierFactory
from tests.support.auth import sign_in
from tests.support.worker import celery_beat, celery_worker, new_queue, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    """A throw-away redis-server on ``port``, without persistence: what it holds when killed
    is lost, as in a crash."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, timeout=10), "redis-server did not start"

    def _answers(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 1):
            return True
        return False

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def not_eager():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.skipif(not os.path.exists(REDIS), reason="redis-server is not installed here")
def test_reminders_due_while_the_broker_is_down_are_sent_once_when_it_is_back(not_eager, officer):
    sync_kinds()

    def open_due_in(seconds: int):
        # The follow-up kind reminds one day before its due time: this reminder falls due
        # ``seconds`` from now.
        return deadline_open(
            kind="deadlines.follow_up",
            record=DossierFactory(),
            governorate=officer.unit.governorate,
            due_at=timezone.now() + dt.timedelta(days=1, seconds=seconds),
            responsible_user=officer,
        )

    def sent() -> int:
        return Notification.objects.filter(user=officer).count()

    redis = Redis(free_port())
    redis.start()
    env = {
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/0",
        "DEADLINE_SWEEP_INTERVAL": "1",
        "DEADLINE_REQUEUE_AFTER": "3",
    }
    queue = new_queue()
    try:
        with celery_worker(queue=queue, env=env), celery_beat(queue=queue, env=env):
            # Times are taken once worker and beat run (their start takes seconds on a loaded
            # machine): one reminder goes through while the broker is up...
            deadlines = [open_due_in(0)]
            assert wait_for(lambda: sent() == 1, timeout=60), "the first reminder was not sent"
            redis.kill()  # ...then the broker goes down before the other two fall due
            deadlines += [open_due_in(3), open_due_in(5)]
            time.sleep(10)  # both fall due while it is down; beat and worker keep trying
            assert sent() == 1
            redis.start()  # same port, empty: whatever it held is lost
            assert wait_for(lambda: sent() >= 3, timeout=120), (
                "reminders due during the outage were not sent after it"
            )
            time.sleep(6)  # more sweeps, and any redelivered message, change nothing
    finally:
        redis.kill()
    for deadline in deadlines:
        reminders = Reminder.objects.filter(deadline=deadline)
        assert [r.status for r in reminders] == [Reminder.Status.SENT]
    assert sent() == 3


class Proxy:
    """A TCP proxy to PostgreSQL that can be cut: every open connection is dropped, as when
    the server or the network goes away, and new ones are refused until ``resume``."""

    def __init__(self, settings_dict: dict) -> None:
        host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or "5432"
        if host.startswith("/"):
            self.upstream = (socket.AF_UNIX, os.path.join(host, f".s.PGSQL.{port}"))
        else:
            self.upstream = (socket.AF_INET, (host, int(port)))
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.port = self.server.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.cut_off = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if self.cut_off:
                client.close()
                continue
            upstream = socket.socket(self.upstream[0])
            upstream.connect(self.upstream[1])
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.cut_off = True
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.sockets.clear()

    def close(self) -> None:
        self.cut()
        self.server.close()


@contextlib.contextmanager
def through(proxy: Proxy):
    """Django's connection goes through ``proxy`` inside the block, directly again after."""
    settings_dict = connection.settings_dict
    saved = {k: settings_dict[k] for k in ("HOST", "PORT")}
    connection.close()
    settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            connection.close()
        settings_dict.update(saved)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_database_lost_during_the_intake_post_shows_a_clear_page_and_writes_nothing(
    officer, language, monkeypatch
):
    officer.language = language
    officer.save()
    client = Client(raise_request_exception=False)
    sign_in(client, officer)
    with connection.cursor() as cursor:
        before = table_counts(cursor)
    proxy = Proxy(connection.settings_dict)
    original = casefile_services.deadline_open

    def cut_then_open(**kwargs):
        proxy.cut()  # the person, the case and the intake are written; the server is gone
        return original(**kwargs)

    monkeypatch.setattr(casefile_services, "deadline_open", cut_then_open)
    try:
        with through(proxy):
            response = client.post(reverse("casefiles:intake"), intake_post(officer))
    finally:
        proxy.close()
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert f'lang="{language}"' in html
    assert "The database cannot be reached" in html or "قاعدة البيانات" in html
    assert "Traceback" not in html and "OperationalError" not in html

    with connection.cursor() as cursor:
        after = table_counts(cursor)
    changed = {t: (before[t], after.get(t)) for t in before if after.get(t) != before[t]}
    assert changed == {}, changed  # nothing of the post, in any table (history included)

    # Once the database is back, the same post goes through.
    monkeypatch.setattr(casefile_services, "deadline_open", original)
    response = client.post(reverse("casefiles:intake"), intake_post(officer))
    assert response.status_code == 302 and Case.objects.count() == 1
