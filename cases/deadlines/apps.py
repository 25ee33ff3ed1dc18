from __future__ import annotations

import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    """Legal deadlines, their reminders, and the notifications that carry them."""

    name = "cases.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines and reminders")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.accounts.navigation import MenuItem, register

        from .registry import register_kind, sync_kinds

        register_kind(
            "deadlines.follow_up",
            label_en="Follow-up",
            label_ar="متابعة",
            legal_source="Programme practice: a follow-up set by hand on a record",
            legal_source_ar="ممارسة البرنامج: متابعة تُحدَّد يدوياً على سجل",
            reminder_offsets=(dt.timedelta(days=1), dt.timedelta(hours=2)),
            escalate_after=dt.timedelta(days=1),
            source_verified=True,
        )
        post_migrate.connect(sync_kinds, sender=self, dispatch_uid="deadlines.sync_kinds")
        register(MenuItem("deadlines:mine", _("My deadlines"), "deadlines.view_deadline", order=20))
        register(
            MenuItem(
                "deadlines:supervision",
                _("Deadlines to supervise"),
                "accounts.supervisor_desk",
                order=60,
            )
        )
