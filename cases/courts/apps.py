from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    """Courts and judges: hearings, verdicts per charge, sentences, cassation, commutation."""

    name = "cases.courts"
    label = "courts"
    verbose_name = _("Courts")
