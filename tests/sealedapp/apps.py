from __future__ import annotations

from django.apps import AppConfig


class SealedAppConfig(AppConfig):
    """A test-only app: a model with sealed fields, and a record of a governorate that takes
    deadlines by hand."""

    name = "tests.sealedapp"
    label = "sealedapp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.deadlines.records import register_record

        from .models import Dossier, dossier_get_for_change

        register_record(
            Dossier, get_for_change=dossier_get_for_change, governorate=lambda d: d.governorate
        )
