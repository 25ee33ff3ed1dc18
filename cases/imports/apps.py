from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: Officers import their unit's absence lists (they hold the amnesty app's absence work);
#: supervisors, those of every unit of their jurisdiction.
IMPORT_ABSENCES = ("imports.view_importjob", "imports.import_absences")
#: Officers and supervisors import wanted lists; investigators read them.
IMPORT_WANTED = ("imports.view_importjob", "imports.import_wanted", "imports.view_wantedlist")


class ImportsConfig(AppConfig):
    name = "cases.imports"
    label = "imports"
    verbose_name = _("Imports of absence and wanted lists")

    def ready(self) -> None:
        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register
        from cases.people.selectors import register_person_section

        from .selectors import wanted_for_person

        for role in (roles.OFFICER, roles.SUPERVISOR):
            roles.grant(role, *IMPORT_ABSENCES, *IMPORT_WANTED)
        roles.grant(roles.INVESTIGATOR, "imports.view_wantedlist")
        roles.grant(
            roles.ADMINISTRATOR,
            "imports.view_importjob",
            "imports.view_wantedlist",
            "imports.view_wantedentry",
        )
        register(MenuItem("imports:jobs", _("Imports"), "imports.view_importjob", order=45))
        register(
            MenuItem("imports:wanted_lists", _("Wanted lists"), "imports.view_wantedlist", order=46)
        )
        register_person_section("imports_wanted", "imports/_for_person.html", wanted_for_person)
