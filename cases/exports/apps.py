from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "cases.exports"
    label = "exports"
    verbose_name = _("Exports to CSV and Excel")

    def ready(self) -> None:
        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register

        # Those who work on the lists may take them away as files; each list still needs its
        # own view permission (checked when the export is asked for, run and downloaded).
        # Not the auditor (he exports the access log, from his own page) and not the
        # administrator (he keeps the system, not the cases).
        for role in (
            roles.OFFICER,
            roles.INVESTIGATOR,
            roles.JUDGE,
            roles.SUPERVISOR,
            roles.AMNESTY_COMMITTEE,
            roles.PRISON,
        ):
            roles.grant(role, "exports.add_exportjob")
        # The administrator watches the jobs (failures, sizes) in the admin, without the files.
        roles.grant(roles.ADMINISTRATOR, "exports.view_exportjob")
        register(MenuItem("exports:list", _("My exports"), "exports.add_exportjob", order=85))
