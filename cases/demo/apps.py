from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demonstration data. Depends on every other app; loads nothing unless DEMO_ALLOWED."""

    name = "cases.demo"
    label = "demo"
    verbose_name = _("Demonstration data")
