from __future__ import annotations

from django.apps import AppConfig


class SealedAppConfig(AppConfig):
    """A test-only app holding a model with sealed fields; it has no migrations, so the test
    database creates its table directly."""

    name = "tests.sealedapp"
    label = "sealedapp"
    default_auto_field = "django.db.models.BigAutoField"
