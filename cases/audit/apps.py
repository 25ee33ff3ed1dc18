from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who saw what and who changed what: the access log (append-only, hash-chained) and the
    change history (database triggers, django-pghistory)."""

    name = "cases.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from cases.accounts.navigation import MenuItem, register

        from . import receivers

        receivers.connect()
        register(
            MenuItem("audit:access_log", _("Access log"), "audit.view_accesslogentry", order=90)
        )
