"""The auditor's filters."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry


class AccessLogFilterForm(forms.Form):
    username = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", "—"), *AccessLogEntry.Action.choices]
    )
    content_type = forms.ModelChoiceField(
        label=_("Record type"), required=False, queryset=ContentType.objects.none()
    )
    object_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ip_address = forms.GenericIPAddressField(label=_("Address"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only record types that appear in the log are offered.
        used = AccessLogEntry.objects.exclude(content_type=None).values("content_type").distinct()
        self.fields["content_type"].queryset = ContentType.objects.filter(pk__in=used)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Row(
                Column("username", css_class="col-md-3"),
                Column("action", css_class="col-md-3"),
                Column("content_type", css_class="col-md-3"),
                Column("object_id", css_class="col-md-3"),
            ),
            Row(
                Column("date_from", css_class="col-md-3"),
                Column("date_to", css_class="col-md-3"),
                Column("ip_address", css_class="col-md-3"),
            ),
            Submit("filter", _("Filter")),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return cleaned
