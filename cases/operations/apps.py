from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "cases.operations"
    label = "operations"
    verbose_name = _("Backups, retention and operations")

    def ready(self) -> None:
        from django.core.signals import got_request_exception

        from .middleware import mark_database_unavailable

        got_request_exception.connect(
            mark_database_unavailable, dispatch_uid="operations.database_unavailable"
        )
