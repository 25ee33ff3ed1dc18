from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasefilesConfig(AppConfig):
    """The case: intake, screening, weapons handed over, custody, and the status pipeline."""

    name = "cases.casefiles"
    label = "casefiles"
    verbose_name = _("Case files")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.accounts.navigation import MenuItem, register
        from cases.deadlines.records import register_record

        from . import deadline_kinds  # noqa: F401 - registers the kinds of deadline of a case
        from .models import Case
        from .selectors import case_get_for_change

        post_migrate.connect(_ensure_reference, sender=self, dispatch_uid="casefiles.reference")
        register(MenuItem("casefiles:list", _("Cases"), "casefiles.view_case", order=10))
        register(MenuItem("casefiles:intake", _("New intake"), "casefiles.add_case", order=11))
        register_record(
            Case,
            get_for_change=case_get_for_change,
            governorate=lambda case: case.governorate,
            url=lambda case: case.get_absolute_url(),
        )


def _ensure_reference(sender, **kwargs) -> None:
    from .models import CustodyRule
    from .reference import ensure_custody_rule

    ensure_custody_rule(CustodyRule)
