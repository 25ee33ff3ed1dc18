from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintoutsConfig(AppConfig):
    name = "cases.printouts"
    label = "printouts"
    verbose_name = _("Printable case files")

    def ready(self) -> None:
        from cases.accounts import roles

        # Who brings a case file before a court or a panel: those who keep it, the judges and
        # the amnesty committee. Not the prison administration (it reads the sentence on
        # screen), nor the administrator or the auditor (they do not work cases).
        for role in (
            roles.OFFICER,
            roles.INVESTIGATOR,
            roles.JUDGE,
            roles.SUPERVISOR,
            roles.AMNESTY_COMMITTEE,
        ):
            roles.grant(role, "printouts.print_case")
