"""Channels for the integration tests, loaded by a worker through DEADLINE_CHANNELS."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cases.deadlines.channels import InAppChannel


class SlowInAppChannel(InAppChannel):
    """Writes the notification, signals that it is mid-send, then hangs inside the transaction
    (so that the test can kill the worker at exactly that moment)."""

    def send(self, message) -> None:
        super().send(message)
        Path(os.environ["CASEWEB_TEST_MARKER"]).write_text("sending")
        time.sleep(120)
