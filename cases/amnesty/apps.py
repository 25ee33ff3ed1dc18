from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

DECREE_READ = ("amnesty.view_decree",)
#: Units (officers) record their absent members and the returns.
ABSENCE_WORK = (
    "amnesty.view_absencereport",
    "amnesty.add_absencereport",
    "amnesty.change_absencereport",
)
APPLICATION_READ = ("amnesty.view_application",)
APPLICATION_WORK = (
    "amnesty.view_application",
    "amnesty.add_application",
    "amnesty.change_application",
)


class AmnestyConfig(AppConfig):
    """Amnesty decrees, deserters' absences, applications and the eligibility engine."""

    name = "cases.amnesty"
    label = "amnesty"
    verbose_name = _("Amnesty")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register
        from cases.casefiles.selectors import register_case_section, register_timeline_source
        from cases.deadlines.records import register_record
        from cases.legal.signals import charges_changed

        from . import deadline_kinds  # noqa: F401 - registers the kinds of deadline of amnesty
        from .models import AbsenceReport, Application
        from .selectors import absence_get_for_change, amnesty_timeline, application_get_for_change
        from .services import on_charges_changed

        post_migrate.connect(_ensure_decrees, sender=self, dispatch_uid="amnesty.decrees")
        charges_changed.connect(on_charges_changed, dispatch_uid="amnesty.charges_changed")

        for role in (roles.OFFICER, roles.INVESTIGATOR):
            roles.grant(role, *DECREE_READ, *APPLICATION_WORK)
        roles.grant(roles.OFFICER, *ABSENCE_WORK)
        roles.grant(roles.JUDGE, *DECREE_READ, *APPLICATION_READ)
        roles.grant(roles.PRISON, *DECREE_READ, *APPLICATION_READ)
        # The committee decides; supervisors may also decide, and see every unit's absences.
        for role in (roles.AMNESTY_COMMITTEE, roles.SUPERVISOR):
            roles.grant(
                role,
                *DECREE_READ,
                *APPLICATION_WORK,
                "amnesty.decide_application",
                "amnesty.view_absencereport",
                "amnesty.view_jurisdiction_absences",
            )
        roles.grant(roles.SUPERVISOR, *ABSENCE_WORK)
        roles.grant(
            roles.ADMINISTRATOR,
            "amnesty.view_decree",
            "amnesty.add_decree",
            "amnesty.change_decree",
            "amnesty.view_decreeexclusion",
            "amnesty.add_decreeexclusion",
            "amnesty.change_decreeexclusion",
            "amnesty.delete_decreeexclusion",
            "amnesty.view_decreecondition",
            "amnesty.add_decreecondition",
            "amnesty.change_decreecondition",
            "amnesty.delete_decreecondition",
            "amnesty.view_absencereport",
            "amnesty.view_application",
            "amnesty.view_decision",
        )

        register(MenuItem("amnesty:decrees", _("Amnesty decrees"), "amnesty.view_decree", order=40))
        register(
            MenuItem("amnesty:absences", _("Absences"), "amnesty.view_absencereport", order=41)
        )
        register(
            MenuItem(
                "amnesty:applications",
                _("Amnesty applications"),
                "amnesty.view_application",
                order=42,
            )
        )
        register_timeline_source(amnesty_timeline)
        # The template reads ``case`` from the case page; it needs nothing more.
        register_case_section("amnesty", "amnesty/_for_case.html", lambda user, case: {})
        register_record(
            AbsenceReport,
            get_for_change=absence_get_for_change,
            governorate=lambda absence: absence.governorate,
            url=lambda absence: absence.get_absolute_url(),
        )
        register_record(
            Application,
            get_for_change=application_get_for_change,
            governorate=lambda application: application.case.governorate,
            url=lambda application: application.get_absolute_url(),
        )


def _ensure_decrees(sender, **kwargs) -> None:
    from .models import Decree, DecreeCondition, DecreeExclusion
    from .reference import ensure_decrees

    ensure_decrees(Decree, DecreeExclusion, DecreeCondition)
