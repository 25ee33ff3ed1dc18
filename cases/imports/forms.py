"""Forms of the imports app: uploading an absence list or a wanted list."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import Governorate
from cases.amnesty.selectors import units_for_absences
from cases.casefiles.forms import DateInput

from .reader import MAX_BYTES, MAX_ROWS

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


class _UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or Excel (.xlsx), at most %(mb)d MB and %(rows)d rows; the first row "
            "holds the column headers, in Arabic or English."
        )
        % {"mb": MAX_BYTES // (1024 * 1024), "rows": MAX_ROWS},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB. Split the list into smaller files.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class AbsenceUploadForm(_UploadForm):
    unit = forms.ModelChoiceField(
        label=_("Unit sending the list"),
        queryset=None,
        help_text=_("Rows that name no unit are this unit's members."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_absences(user).select_related("governorate")
        if user.unit_id and not self.is_bound:
            self.fields["unit"].initial = user.unit_id
        self.helper = _helper(Row(Column("unit"), Column("file")))


class WantedUploadForm(_UploadForm):
    source = forms.CharField(
        label=_("Source of the list"),
        max_length=200,
        help_text=_("The court or authority that issued or sent it."),
    )
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        queryset=None,
        help_text=_("Rows that name no governorate are for this one."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        if user.unit_id and not self.is_bound:
            self.fields["governorate"].initial = user.unit.governorate_id
            self.fields["received_on"].initial = timezone.localdate()
        self.helper = _helper(
            Row(Column("source"), Column("received_on"), Column("governorate")), "file"
        )

    def clean_received_on(self):
        day = self.cleaned_data.get("received_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day
