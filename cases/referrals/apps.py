from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Tribal and family referrals: word that someone wants out, from a source kept sealed."""

    name = "cases.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register
        from cases.casefiles.selectors import register_timeline_source
        from cases.deadlines.records import register_record

        from . import deadline_kinds  # noqa: F401 - registers the referral deadlines
        from .models import Referral
        from .selectors import referral_get_for_change
        from .timeline import referral_events_of_case

        work = (
            "referrals.view_referral",
            "referrals.add_referral",
            "referrals.change_referral",
            "referrals.transfer_referral",
        )
        roles.grant(roles.OFFICER, *work)
        roles.grant(roles.INVESTIGATOR, *work)
        roles.grant(roles.SUPERVISOR, *work, "referrals.reveal_source")
        roles.grant(roles.JUDGE, "referrals.view_referral")
        roles.grant(roles.AMNESTY_COMMITTEE, "referrals.view_referral")
        roles.grant(
            roles.ADMINISTRATOR, "referrals.view_referral", "referrals.view_referraltransfer"
        )
        # An officer may reveal the source of a referral he received (restricted referrals).
        roles.grant(roles.OFFICER, "referrals.reveal_source")
        register(MenuItem("referrals:list", _("Referrals"), "referrals.view_referral", order=12))
        register(
            MenuItem(
                "referrals:critical", _("Critical referrals"), "accounts.supervisor_desk", order=61
            )
        )
        register_timeline_source(referral_events_of_case)
        register_record(
            Referral,
            get_for_change=referral_get_for_change,
            governorate=lambda r: r.governorate,
            url=lambda r: r.get_absolute_url(),
        )
