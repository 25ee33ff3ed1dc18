from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Tribal and family referrals: word that someone wants out, from a source kept sealed."""

    name = "cases.referrals"
    label = "referrals"
    verbose_name = _("Referrals")
