from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Persons, their names in every spelling, and matching across Arabic and Latin script."""

    name = "cases.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from cases.accounts.navigation import MenuItem, register

        register(
            MenuItem("people:duplicates", _("Possible duplicates"), "people.merge_person", order=65)
        )
