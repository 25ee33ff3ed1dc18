from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "cases.operations"
    label = "operations"
    verbose_name = _("Backups, retention and operations")

    def ready(self) -> None:
        from django.core.signals import got_request_exception

        from cases.accounts import roles

        from .middleware import mark_database_unavailable

        # Backups and purges are read in the admin by the administrators, never changed there.
        roles.grant(
            roles.ADMINISTRATOR, "operations.view_backuprecord", "operations.view_purgerecord"
        )

        from cases.health.selectors import register_watch

        from .selectors import backup_check

        register_watch("backup", backup_check)

        got_request_exception.connect(
            mark_database_unavailable, dispatch_uid="operations.database_unavailable"
        )
