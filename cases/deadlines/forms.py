"""Forms of the deadlines app: move, meet, cancel, add a follow-up, and the supervisor's filter."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import Governorate, Unit

from .models import DeadlineKind


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Give the reason: it is kept in the record's history.")},
    )


class MeetForm(forms.Form):
    reason = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveForm(ReasonForm):
    due_at = forms.DateTimeField(label=_("New due time"), widget=DateTimeLocalInput())

    field_order = ["due_at", "reason"]

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        if due_at <= timezone.now():
            raise forms.ValidationError(_("The new due time must be in the future."))
        return due_at


class FollowUpForm(forms.Form):
    due_at = forms.DateTimeField(label=_("Due"), widget=DateTimeLocalInput())
    note = forms.CharField(
        label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Add deadline")))

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        if due_at <= timezone.now():
            raise forms.ValidationError(_("A follow-up must fall due in the future."))
        return due_at


class SupervisionFilterForm(forms.Form):
    which = forms.ChoiceField(
        label=_("Show"),
        choices=[("overdue", _("Overdue")), ("upcoming", _("Upcoming"))],
        required=False,
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"), queryset=Governorate.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=DeadlineKind.objects.filter(is_active=True), required=False
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        self.fields["unit"].queryset = Unit.objects.in_jurisdiction(user).active()
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Row(
                Column("which", css_class="col-md-3"),
                Column("governorate", css_class="col-md-3"),
                Column("unit", css_class="col-md-3"),
                Column("kind", css_class="col-md-3"),
            ),
            Submit("filter", _("Filter")),
        )
