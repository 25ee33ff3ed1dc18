"""Forms of the referrals app. The referral form is quick to fill at a desk: the source first
(sealed), then the subject, then what is said and asked."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import Unit
from cases.security.listing import plain_filter_widgets

from .models import Referral


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ReferralForm(forms.ModelForm):
    # The sealed fields are plain form fields: the model field encrypts them on save.
    source_name = forms.CharField(label=_("Source's name"), max_length=200)
    source_phone = forms.CharField(label=_("Source's phone"), max_length=40, required=False)
    source_address = forms.CharField(label=_("Source's address"), max_length=300, required=False)
    source_relation = forms.CharField(
        label=_("Relation to the subject"),
        max_length=100,
        required=False,
        help_text=_("Father, brother, sheikh of his tribe…"),
    )

    class Meta:
        model = Referral
        fields = [
            "received_at",
            "place",
            "channel",
            "channel_detail",
            "reveal_restricted",
            "subject_description",
            "subject_age",
            "last_known_location",
            "role_in_group",
            "wants_to_surrender",
            "coerced",
            "has_not_fought",
            "family_threatened",
            "statement",
            "requested_action",
            "source_risk",
            "family_risk",
        ]
        widgets = {
            "received_at": DateTimeLocalInput(),
            "statement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )
        for name in ("source_name", "source_phone", "source_address", "source_relation"):
            # Never remembered by the browser, never offered back by autofill.
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("Received"), Row(Column("received_at"), Column("place"))),
            Fieldset(
                _("The source (sealed: shown only as a code name)"),
                Row(Column("source_name"), Column("source_relation")),
                Row(Column("source_phone"), Column("source_address")),
                Row(Column("channel"), Column("channel_detail")),
                "reveal_restricted",
            ),
            Fieldset(
                _("The subject"),
                Row(Column("subject_description"), Column("subject_age")),
                Row(Column("last_known_location"), Column("role_in_group")),
            ),
            Fieldset(
                _("What the source says"),
                Row(
                    Column("wants_to_surrender"),
                    Column("coerced"),
                    Column("has_not_fought"),
                    Column("family_threatened"),
                ),
                "statement",
            ),
            Fieldset(
                _("What is asked, and the risk"),
                Row(Column("requested_action"), Column("source_risk"), Column("family_risk")),
            ),
        )

    def clean_received_at(self):
        at = self.cleaned_data["received_at"]
        if at > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("A referral cannot be dated in the future."))
        return at

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("source_name") or "").strip()
        statement = cleaned.get("statement") or ""
        if name and len(name) > 3 and name in statement:
            self.add_error("statement", _("Do not write the source's name in the statement."))
        if cleaned.get("channel") == Referral.Channel.SHEIKH and not cleaned.get("channel_detail"):
            self.add_error("channel_detail", _("Give the sheikh's tribe."))
        return cleaned

    def source_data(self) -> dict[str, str]:
        return {
            f: self.cleaned_data[f]
            for f in ("source_name", "source_phone", "source_address", "source_relation")
        }

    def referral_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"))
    close_reason = forms.ChoiceField(
        label=_("If closed, why"),
        required=False,
        choices=[("", "—"), *Referral.CloseReason.choices],
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(forms.Form):
    to_unit = forms.ModelChoiceField(label=_("Transfer to"), queryset=Unit.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, referral, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = (
            Unit.objects.active()
            .exclude(pk=referral.unit_id)
            .of_kind(
                Unit.Kind.POLICE_STATION,
                Unit.Kind.ARMY_UNIT,
                Unit.Kind.CHECKPOINT,
                Unit.Kind.OFFICE,
            )
        )
        # Any governorate: a family in Ramadi may speak of a son held near Mosul.
        self.fields["to_unit"].queryset = units.select_related("governorate")


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must the source be revealed?"),
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the access log; the auditors see every reveal."),
    )


class ReferralFilterForm(forms.Form):
    number = forms.CharField(label=_("Referral number"), required=False, max_length=24)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *Referral.Status.choices]
    )
    risk = forms.ChoiceField(
        label=_("Risk"),
        required=False,
        choices=[("", "—"), *Referral._meta.get_field("source_risk").choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", "—"), *Referral.Channel.choices]
    )
    action = forms.ChoiceField(
        label=_("Requested action"), required=False, choices=[("", "—"), *Referral.Action.choices]
    )
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.in_jurisdiction(user).active()
        plain_filter_widgets(self)
