from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """The law as the programme applies it: the offence catalogue, and the charges on a case."""

    name = "cases.legal"
    label = "legal"
    verbose_name = _("Offences and charges")
