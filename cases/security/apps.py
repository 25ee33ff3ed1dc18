from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Mechanisms of protection with no business of their own: access rules on views, sealed
    fields, session timeouts, headers, redaction of logs. The lowest app: it imports no other."""

    name = "cases.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import mark_session_start

        user_logged_in.connect(mark_session_start, dispatch_uid="security.mark_session_start")
