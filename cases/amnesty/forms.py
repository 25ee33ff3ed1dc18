"""Forms of the amnesty app: reporting an absence, what became of the absent, applying under a
decree, a condition's state, and the committee's decision."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.casefiles.forms import DateInput, DateTimeLocalInput

from . import rules
from .models import AbsenceReport, Application, ApplicationCondition, Decision, Decree
from .selectors import units_for_absences


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


def _not_future(day):
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return day


class AbsenceForm(forms.Form):
    """The absence itself; who he is comes from the person form beside it (with his service
    number, required there)."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    absent_since = forms.DateField(label=_("Absent since"), widget=DateInput())
    circumstances = forms.ChoiceField(
        label=_("Circumstances"), choices=AbsenceReport.Circumstance.choices
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = units_for_absences(user)
        self.fields["unit"].queryset = units
        if user.unit_id and not self.is_bound:
            self.fields["unit"].initial = user.unit_id
        self.helper = _helper(
            Row(Column("unit"), Column("absent_since"), Column("circumstances")),
            "notes",
        )

    def clean_absent_since(self):
        return _not_future(self.cleaned_data.get("absent_since"))


class AbsenceStatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("What became of him"))
    on = forms.DateField(
        label=_("On"),
        required=False,
        widget=DateInput(),
        help_text=_("For a prosecution, emigration or death."),
    )
    returned_at = forms.DateTimeField(
        label=_("Returned at (day and time)"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("The window's last day ends at midnight in Baghdad."),
    )
    emigrated_to = forms.CharField(label=_("Emigrated to"), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Reason or source"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("to_status")
        if status == rules.RETURNED and not cleaned.get("returned_at"):
            self.add_error("returned_at", _("Give the day and time of his return."))
        if status and status != rules.RETURNED and not cleaned.get("on"):
            self.add_error("on", _("Give the date."))
        _not_future(cleaned.get("on"))
        return cleaned


class AbsenceFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=None)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *AbsenceReport.Status.choices],
    )
    month = forms.DateField(
        label=_("Month of leaving"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_absences(user)


class ApplyForm(forms.Form):
    decree = forms.ModelChoiceField(label=_("Decree"), queryset=Decree.objects.none())
    applied_on = forms.DateField(label=_("Applied on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, decrees, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decree"].queryset = decrees
        if not self.is_bound:
            self.fields["applied_on"].initial = timezone.localdate()
            if decrees.count() == 1:
                self.fields["decree"].initial = decrees.first().pk

    def clean_applied_on(self):
        return _not_future(self.cleaned_data.get("applied_on"))


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Application.Status.choices]
    )
    engine_status = forms.ChoiceField(
        label=_("Eligibility"),
        required=False,
        choices=[("", _("All")), *Application._meta.get_field("engine_status").choices],
    )
    decree = forms.ModelChoiceField(label=_("Decree"), required=False, queryset=Decree.objects)


class ConditionForm(forms.Form):
    condition = forms.ModelChoiceField(label=_("Condition"), queryset=None)
    state = forms.ChoiceField(label=_("State"), choices=ApplicationCondition.State.choices)
    on = forms.DateField(
        label=_("Day"),
        required=False,
        widget=DateInput(),
        help_text=_("Met: the day it was met. Awaited: the day it is due by."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args, conditions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["condition"].queryset = conditions

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == ApplicationCondition.State.MET:
            if not cleaned.get("on"):
                self.add_error("on", _("Give the day it was met."))
            else:
                _not_future(cleaned["on"])
        return cleaned


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Grounds"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    retrial_ground = forms.ChoiceField(
        label=_("Ground for retrial"),
        required=False,
        choices=Decision.RetrialGround.choices,
    )
    override_reason = forms.CharField(
        label=_("Reason for going against the engine"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed only when the decision goes against the rules (granting one found not "
            "eligible, refusing one found eligible, ...): say why, in writing."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == rules.RETRIAL and not cleaned.get("retrial_ground"):
            self.add_error("retrial_ground", _("Say why a retrial is requested."))
        return cleaned
