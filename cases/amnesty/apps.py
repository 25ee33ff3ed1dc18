from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmnestyConfig(AppConfig):
    """Amnesty decrees, deserters' absences, applications and the eligibility engine."""

    name = "cases.amnesty"
    label = "amnesty"
    verbose_name = _("Amnesty")
