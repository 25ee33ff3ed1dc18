from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintoutsConfig(AppConfig):
    name = "cases.printouts"
    label = "printouts"
    verbose_name = _("Printable case files")
