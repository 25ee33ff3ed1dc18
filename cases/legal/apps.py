from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Who charges (and withdraws charges): those who keep the case file and the judges.
CHARGE_WORK = ("legal.view_offence", "legal.view_charge", "legal.add_charge", "legal.change_charge")
CHARGE_READ = ("legal.view_offence", "legal.view_charge")


class LegalConfig(AppConfig):
    """The law as the programme applies it: the offence catalogue, and the charges on a case."""

    name = "cases.legal"
    label = "legal"
    verbose_name = _("Offences and charges")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.accounts import roles
        from cases.casefiles.selectors import register_case_section, register_timeline_source

        from .selectors import charge_timeline

        post_migrate.connect(_ensure_catalogue, sender=self, dispatch_uid="legal.catalogue")
        for role in (roles.OFFICER, roles.INVESTIGATOR, roles.JUDGE, roles.SUPERVISOR):
            roles.grant(role, *CHARGE_WORK)
        for role in (roles.AMNESTY_COMMITTEE, roles.PRISON):
            roles.grant(role, *CHARGE_READ)
        roles.grant(
            roles.ADMINISTRATOR,
            "legal.view_offence",
            "legal.add_offence",
            "legal.change_offence",
            "legal.view_charge",
        )
        register_timeline_source(charge_timeline)
        # The template reads ``case`` from the case page; it needs nothing more.
        register_case_section("charges", "legal/_charges.html", lambda user, case: {})


def _ensure_catalogue(sender, **kwargs) -> None:
    from .catalogue import ensure_offences
    from .models import Offence

    ensure_offences(Offence)
