"""The Celery application, configured from Django settings (the ``CELERY_`` names).

Tasks live in each app's ``tasks.py`` and are found by autodiscovery. Production uses Redis or
RabbitMQ (``CELERY_BROKER_URL``); without it, kombu's filesystem transport under ``var/`` lets
``make run`` start a worker and beat with no server at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweb.settings.dev")

app = Celery("caseweb")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_filesystem_broker_folders() -> None:
    """Create the folders of the filesystem transport: kombu lists them but never makes them."""
    options = app.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@app.on_after_configure.connect
def _prepare_broker(sender: Celery, **kwargs: object) -> None:
    ensure_filesystem_broker_folders()
