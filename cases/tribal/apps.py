from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TribalConfig(AppConfig):
    """Disavowals, guarantees, reconciliation, panels and petitions, clearance and return home."""

    name = "cases.tribal"
    label = "tribal"
    verbose_name = _("Tribal track and reintegration")
