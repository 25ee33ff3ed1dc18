from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Seeing the programme's figures (counts only, no person, no source) and exporting them.
DASHBOARD = "reports.view_dashboard"


class ReportsConfig(AppConfig):
    name = "cases.reports"
    label = "reports"
    verbose_name = _("Start pages, dashboards and exports")

    def ready(self) -> None:
        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register

        # Supervisors answer for their governorates' figures (DOMAIN.md: "supervisor
        # (governorate)"); administrators, with national scope, are the ministry's view. The
        # amnesty committee decides on deserters' returns and needs the decree windows and the
        # court outcomes its decisions follow. Not granted: officers, investigators, judges and
        # prison staff (their desks are their own work), nor the auditor, whose remit is the
        # access log, not the programme's results (he still sees every dashboard export there).
        for role in (roles.SUPERVISOR, roles.AMNESTY_COMMITTEE, roles.ADMINISTRATOR):
            roles.grant(role, DASHBOARD)
        register(MenuItem("reports:dashboard", _("Dashboard"), DASHBOARD, order=70))
