"""Forms of the courts: scheduling a hearing and recording its outcome, the verdict (one small
form per charge), cassation, and commutation."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import User
from cases.security.listing import plain_filter_widgets

from . import rules
from .models import CassationReview, ChargeVerdict, Hearing, PenaltyChoice


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class JudgeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj} ({obj.unit})"


class HearingForm(forms.ModelForm):
    judge = JudgeChoiceField(label=_("Presiding judge"), queryset=User.objects.none())

    class Meta:
        model = Hearing
        fields = [
            "court",
            "courtroom",
            "scheduled_at",
            "duration_minutes",
            "kind",
            "judge",
            "notes",
        ]
        widgets = {
            "scheduled_at": DateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, courts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts
        self.fields["judge"].queryset = (
            User.objects.filter(is_active=True, unit__in=courts, groups__name="judge")
            .select_related("unit")
            .distinct()
        )
        self.fields["scheduled_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean_scheduled_at(self):
        at = self.cleaned_data["scheduled_at"]
        if at < timezone.now():
            raise forms.ValidationError(_("A hearing is scheduled in the future."))
        return at


class HearingOutcomeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in Hearing.Outcome.choices if c[0] != Hearing.Outcome.SCHEDULED],
    )
    defence_present = forms.NullBooleanField(
        label=_("Defence counsel present"), required=False, widget=forms.NullBooleanSelect
    )
    next_at = forms.DateTimeField(
        label=_("Next date"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Needed for an adjournment; the next hearing is put on the docket."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 3}))


class SentenceFields(forms.Form):
    """A penalty with its term or amount, as a judge gives it."""

    penalty = forms.ChoiceField(
        label=_("Penalty"), required=False, choices=[("", "—"), *PenaltyChoice.choices]
    )
    years = forms.IntegerField(label=_("Years"), min_value=0, max_value=99, required=False)
    months = forms.IntegerField(label=_("Months"), min_value=0, max_value=11, required=False)
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=30, required=False)
    fine = forms.IntegerField(label=_("Fine (IQD)"), min_value=1, required=False)

    def sentence(self) -> rules.Sentence | None:
        data = self.cleaned_data
        if not data.get("penalty"):
            return None
        from .models import to_sentence

        return to_sentence(
            data["penalty"],
            data.get("years") or 0,
            data.get("months") or 0,
            data.get("days") or 0,
            data.get("fine"),
        )


class FindingForm(SentenceFields):
    finding = forms.ChoiceField(label=_("Finding"), choices=ChargeVerdict.Finding.choices)

    field_order = ["finding", "penalty", "years", "months", "days", "fine"]

    def __init__(self, *args, charge=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.charge = charge

    def clean(self):
        data = super().clean()
        convicted = data.get("finding") == ChargeVerdict.Finding.CONVICTED
        if convicted and not data.get("penalty"):
            self.add_error("penalty", _("A conviction needs its penalty."))
        if not convicted and data.get("penalty"):
            self.add_error("penalty", _("Only a conviction carries a penalty."))
        return data


class VerdictForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decided_on = forms.DateField(label=_("Date of the verdict"), widget=DateInput())
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Needed to correct a verdict already recorded."),
    )

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The verdict cannot be dated in the future."))
        return day


class CassationFileForm(forms.Form):
    automatic = forms.BooleanField(
        label=_("Referral by law (death or life sentence)"), required=False
    )
    grounds = forms.CharField(
        label=_("Grounds"), required=False, widget=forms.Textarea({"rows": 2})
    )


class CassationDecideForm(SentenceFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in CassationReview.Outcome.choices if c[0]]
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea({"rows": 3}))

    field_order = ["version", "outcome", "penalty", "years", "months", "days", "fine", "reasons"]


class CommutationRequestForm(forms.Form):
    information_led_to_arrests = forms.BooleanField(
        label=_("His information led to arrests"),
        required=False,
        help_text=_("Established by the judge; cooperation recorded at intake is not enough."),
    )
    informed_before_discovery = forms.BooleanField(
        label=_("He informed before the crime was discovered"), required=False
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class CommutationDecideForm(SentenceFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accepted", _("Accept the proposal")),
            ("modified", _("Modify: give the sentence below")),
            ("rejected", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea({"rows": 3}))

    field_order = ["version", "decision", "penalty", "years", "months", "days", "fine", "reasons"]


class DocketFilterForm(forms.Form):
    which = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("today", _("Today")), ("week", _("This week")), ("all", _("All to come"))],
    )
    court = forms.ModelChoiceField(label=_("Court"), required=False, queryset=None)

    def __init__(self, *args, courts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts
        plain_filter_widgets(self)
