"""Forms of the legal app: add a charge, record its facts, withdraw it."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Charge, Offence
from .selectors import offences_in_use


class DateInput(forms.DateInput):
    input_type = "date"


class OffenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Offence) -> str:
        mark = "" if obj.source_verified else f" ({_('to verify')})"
        return f"{obj.reference}: {obj.title}{mark}"


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


class ChargeForm(forms.ModelForm):
    offence = OffenceChoiceField(label=_("Offence"), queryset=Offence.objects.none())
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=500,
        help_text=_("E.g. the investigating judge's decision. It stays in the history."),
    )

    class Meta:
        model = Charge
        fields = ["offence", "acts_from", "flags", "facts_established", "particulars"]
        widgets = {
            "acts_from": DateInput(),
            "particulars": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offence"].queryset = offences_in_use()
        self.fields["acts_from"].help_text = _(
            "Leave empty to take the start of his affiliation recorded at intake."
        )
        self.helper = _helper(
            "offence",
            Row(Column("acts_from"), Column("reason")),
            "flags",
            "facts_established",
            "particulars",
        )

    def clean_acts_from(self):
        day = self.cleaned_data.get("acts_from")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The acts cannot be dated in the future."))
        return day


class ChargeFactsForm(forms.ModelForm):
    reason = forms.CharField(label=_("Why"), max_length=500)

    class Meta:
        model = Charge
        fields = ["flags", "facts_established"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the charge withdrawn?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
