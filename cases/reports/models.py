"""Reports keep no rows of their own: this model only carries the dashboard's permission, so
that roles can be granted it like any other (``cases.accounts.roles.grant``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    """No table (``managed = False``): the holder of the dashboard's permission."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("programme dashboard")
        verbose_name_plural = _("programme dashboards")
        permissions = [
            (
                "view_dashboard",
                _("Can see the programme dashboard of his jurisdiction and export its figures"),
            )
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
