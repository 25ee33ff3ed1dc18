from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Records of the tribal track that officers (the case workers) keep.
WORKED = (
    "sheikh",
    "familylink",
    "disavowal",
    "guarantee",
    "settlement",
    "panel",
    "panelmember",
    "panelsitting",
    "petition",
    "clearance",
    "returnhome",
    "followupvisit",
    "protectionmeasure",
)
VIEW = (
    "tribal.view_tribe",
    "tribal.view_guaranteereport",
    "tribal.view_guaranteebreach",
    *(f"tribal.view_{model}" for model in WORKED),
)
WORK = (
    *VIEW,
    *(f"tribal.add_{model}" for model in WORKED),
    *(f"tribal.change_{model}" for model in WORKED),
    "tribal.decide_petition",
    "tribal.complete_reintegration",
)


class TribalConfig(AppConfig):
    """Disavowals, guarantees, reconciliation, panels and petitions, clearance and return home."""

    name = "cases.tribal"
    label = "tribal"
    verbose_name = _("Tribal track and reintegration")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register
        from cases.casefiles.selectors import register_case_section, register_timeline_source
        from cases.people.selectors import register_person_section

        from . import deadline_kinds  # noqa: F401 - registers the tribal track's deadlines
        from .selectors import (
            tribal_events_of_case,
            tribal_section_for_case,
            tribal_section_for_person,
        )

        post_migrate.connect(_ensure_tribes, sender=self, dispatch_uid="tribal.reference")
        # Officers are the case workers; supervisors also record security clearance decisions.
        roles.grant(roles.OFFICER, *WORK)
        roles.grant(roles.SUPERVISOR, *WORK, "tribal.decide_clearance")
        for role in (roles.INVESTIGATOR, roles.JUDGE, roles.AMNESTY_COMMITTEE):
            roles.grant(role, *VIEW)
        roles.grant(roles.PRISON, "tribal.view_clearance", "tribal.view_returnhome")
        roles.grant(
            roles.ADMINISTRATOR,
            *VIEW,
            "tribal.add_tribe",
            "tribal.change_tribe",
            "tribal.change_sheikh",
        )
        register(MenuItem("tribal:overview", _("Tribal track"), "tribal.view_panel", order=40))
        register(MenuItem("tribal:returnees", _("Returnees"), "accounts.supervisor_desk", order=62))
        register_timeline_source(tribal_events_of_case)
        register_case_section("tribal", "tribal/_case_section.html", tribal_section_for_case)
        register_person_section(
            "tribal_person", "tribal/_person_section.html", tribal_section_for_person
        )


def _ensure_tribes(sender, using: str = "default", **kwargs) -> None:
    from django.db import connections

    from cases.accounts.models import Governorate

    from .models import Tribe
    from .reference import ensure_tribes

    # After a partial migrate (or a migrate back to zero) the table may not exist.
    if Tribe._meta.db_table in connections[using].introspection.table_names():
        ensure_tribes(Tribe, Governorate)
