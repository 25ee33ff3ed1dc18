from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cases.accounts"
    label = "accounts"
    verbose_name = _("Accounts and jurisdictions")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate, post_save

        from .models import User
        from .roles import sync_role_permissions
        from .signals import end_sessions_of_inactive_user, record_session

        # Later apps add permissions in their own migrations; the roles follow after every migrate.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
        post_migrate.connect(
            _ensure_reference_data, sender=self, dispatch_uid="accounts.reference_data"
        )
        user_logged_in.connect(record_session, dispatch_uid="accounts.record_session")
        post_save.connect(
            end_sessions_of_inactive_user, sender=User, dispatch_uid="accounts.end_sessions"
        )


def _ensure_reference_data(sender, **kwargs) -> None:
    from .models import District, Governorate
    from .reference_data import load_reference_data

    load_reference_data(Governorate, District)
