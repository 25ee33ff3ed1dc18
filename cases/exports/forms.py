"""Forms of the exports app: the Export button of a list page and its confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExportJob


class ExportStartForm(forms.Form):
    """Posted by a list page's Export button (without ``confirm``: the confirmation page with
    the number of rows), then by the confirmation page (with ``confirm``: the export starts)."""

    dataset = forms.ChoiceField(
        label=_("List"),
        choices=ExportJob.Dataset.choices,
        error_messages={"required": _("Say which list to export.")},
    )
    scope = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    #: The list page's query string: its filters, read again by the page's own filter form.
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=ExportJob.Format.choices,
        initial=ExportJob.Format.XLSX,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose CSV or Excel.")},
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
