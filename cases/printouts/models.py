"""The printable case file keeps no records of its own: every print is an EXPORT entry in the
access log. The one model below has no table; it carries the permission to print."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseFilePrint(models.Model):
    """No table. Holds ``printouts.print_case``: a printed case file leaves the system (and its
    access rules) on paper, so printing is narrower than reading the case on screen."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("print_case", _("Can print a case file for a court or a panel"))]
        verbose_name = _("printed case file")
        verbose_name_plural = _("printed case files")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
