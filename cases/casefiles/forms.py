"""Forms of the casefiles app. The intake is one page in sections that follow the way a desk
officer works through it; every form keeps what was typed when it is refused."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import District, Governorate, Unit, User
from cases.people.models import Person
from cases.security.listing import plain_filter_widgets

from .models import Case, DetentionOrder, Intake, Screening, WeaponItem


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # several forms share one <form> on the intake page
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


#: The identity fields whose typing updates the list of likely matches beside the form.
MATCHED_FIELDS = (
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "mother_name_ar",
    "given_name_lat",
    "father_name_lat",
    "grandfather_name_lat",
    "family_name_lat",
    "kunya",
    "tribe",
    "date_of_birth",
    "birth_year_estimated",
    "aliases",
)


class PersonForm(forms.ModelForm):
    aliases = forms.CharField(
        label=_("Aliases and other spellings"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Person
        fields = [
            "given_name_ar",
            "father_name_ar",
            "grandfather_name_ar",
            "family_name_ar",
            "mother_name_ar",
            "given_name_lat",
            "father_name_lat",
            "grandfather_name_lat",
            "family_name_lat",
            "kunya",
            "sex",
            "date_of_birth",
            "birth_year_estimated",
            "national_id",
            "service_number",
            "home_governorate",
            "home_district",
            "tribe",
        ]
        # InlineRadios needs radio buttons: on the default <select> crispy-forms writes
        # <input type="select"> text boxes, one per choice, and the last one's value wins.
        widgets = {"date_of_birth": DateInput(), "sex": forms.RadioSelect}

    def __init__(self, *args, with_aliases: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_aliases:
            del self.fields["aliases"]
        for name in (
            "given_name_ar",
            "father_name_ar",
            "grandfather_name_ar",
            "family_name_ar",
            "mother_name_ar",
        ):
            self.fields[name].widget.attrs.update({"dir": "rtl", "lang": "ar"})
        for name in (
            "given_name_lat",
            "father_name_lat",
            "grandfather_name_lat",
            "family_name_lat",
        ):
            self.fields[name].widget.attrs.update({"dir": "ltr", "lang": "en"})
        # The candidate search (static/js/candidates.js) reads the fields marked data-match.
        for name in MATCHED_FIELDS:
            if name in self.fields:
                self.fields[name].widget.attrs["data-match"] = "1"
        self.fields["home_district"].queryset = District.objects.select_related("governorate")
        self.helper = _helper(
            Fieldset(
                _("Identity"),
                Row(
                    Column("given_name_ar"),
                    Column("father_name_ar"),
                    Column("grandfather_name_ar"),
                    Column("family_name_ar"),
                ),
                Row(
                    Column("given_name_lat"),
                    Column("father_name_lat"),
                    Column("grandfather_name_lat"),
                    Column("family_name_lat"),
                ),
                Row(Column("mother_name_ar"), Column("kunya"), Column("tribe")),
                *(["aliases"] if with_aliases else []),
                Row(
                    Column(InlineRadios("sex")),
                    Column("date_of_birth"),
                    Column("birth_year_estimated"),
                ),
                Row(
                    Column("national_id"),
                    Column("service_number"),
                    Column("home_governorate"),
                    Column("home_district"),
                ),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        names = [cleaned.get(f) for f in ("given_name_ar", "given_name_lat", "kunya")]
        if not any(names):
            raise forms.ValidationError(
                _("Give at least his given name (in Arabic or Latin letters) or his kunya.")
            )
        born, year = cleaned.get("date_of_birth"), cleaned.get("birth_year_estimated")
        if born and born > timezone.localdate():
            self.add_error("date_of_birth", _("The date of birth cannot be in the future."))
        if year and not 1900 <= year <= timezone.localdate().year:
            self.add_error("birth_year_estimated", _("Give a year between 1900 and this year."))
        district, governorate = cleaned.get("home_district"), cleaned.get("home_governorate")
        if district and governorate and district.governorate_id != governorate.pk:
            self.add_error("home_district", _("This district is not in the home governorate."))
        return cleaned

    def alias_list(self) -> list[str]:
        raw = self.cleaned_data.get("aliases", "")
        return [line.strip() for line in raw.splitlines() if line.strip()]


class IntakeForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("How he came in"), choices=Case.Kind.choices)
    receiving_unit = forms.ModelChoiceField(label=_("Receiving unit"), queryset=Unit.objects.none())
    assigned_officer = forms.ModelChoiceField(
        label=_("Assigned officer"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Intake
        fields = [
            "at",
            "place",
            "handed_over_by",
            "affiliation",
            "role",
            "role_detail",
            "affiliated_from",
            "affiliated_until",
            "killing_declared",
            "coercion_claimed",
            "coercion_details",
            "cooperation_given",
            "information_given",
            "family_at_risk",
            "family_at_risk_details",
            "protection_needed",
            "medical_needs",
        ]
        widgets = {
            "at": DateTimeLocalInput(),
            "affiliated_from": DateInput(),
            "affiliated_until": DateInput(),
            "killing_declared": forms.RadioSelect,
            "coercion_details": forms.Textarea(attrs={"rows": 2}),
            "information_given": forms.Textarea(attrs={"rows": 2}),
            "family_at_risk_details": forms.Textarea(attrs={"rows": 2}),
            "medical_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.in_jurisdiction(user).active().select_related("governorate")
        self.fields["receiving_unit"].queryset = units
        self.fields["assigned_officer"].queryset = User.objects.in_jurisdiction(user).filter(
            is_active=True
        )
        if not self.is_bound:
            self.initial.setdefault("at", timezone.localtime().replace(second=0, microsecond=0))
            if user.unit_id:
                self.initial.setdefault("receiving_unit", user.unit_id)
        self.fields["affiliation"].initial = _("ISIS (Daesh)")
        self.helper = _helper(
            Fieldset(
                _("Arrival"),
                Row(Column("kind"), Column("at"), Column("receiving_unit")),
                Row(Column("place"), Column("handed_over_by"), Column("assigned_officer")),
            ),
            Fieldset(
                _("Affiliation"),
                Row(Column("affiliation"), Column("role"), Column("role_detail")),
                Row(Column("affiliated_from"), Column("affiliated_until")),
            ),
            Fieldset(
                _("What he declares"),
                Row(
                    Column(InlineRadios("killing_declared")),
                    Column("coercion_claimed"),
                    Column("cooperation_given"),
                ),
                "coercion_details",
                "information_given",
            ),
            Fieldset(
                _("Family and protection"),
                Row(Column("family_at_risk"), Column("protection_needed")),
                "family_at_risk_details",
            ),
            Fieldset(_("Medical"), "medical_needs"),
        )

    def clean(self):
        cleaned = super().clean()
        at = cleaned.get("at")
        if at and at > timezone.now() + timezone.timedelta(minutes=5):
            self.add_error("at", _("The intake cannot be dated in the future."))
        start, end = cleaned.get("affiliated_from"), cleaned.get("affiliated_until")
        if start and end and end < start:
            self.add_error("affiliated_until", _("The affiliation cannot end before it began."))
        if cleaned.get("coercion_claimed") and not cleaned.get("coercion_details"):
            self.add_error("coercion_details", _("Say how he says he was coerced."))
        if cleaned.get("family_at_risk") and not cleaned.get("family_at_risk_details"):
            self.add_error("family_at_risk_details", _("Say who is at risk, and where."))
        if cleaned.get("kind") == Case.Kind.HANDED_OVER and not cleaned.get("handed_over_by"):
            self.add_error("handed_over_by", _("Say which tribe or family handed him over."))
        return cleaned

    def intake_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class CaseEditForm(IntakeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when how he came in changes; kept in the case's history."),
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices


class ScreeningForm(forms.ModelForm):
    class Meta:
        model = Screening
        fields = [
            "screened_at",
            "wanted_match",
            "wanted_reference",
            "risk_tier",
            "outcome",
            "notes",
        ]
        widgets = {"screened_at": DateTimeLocalInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wanted_match") in ("possible", "confirmed") and not cleaned.get(
            "wanted_reference"
        ):
            self.add_error("wanted_reference", _("Give the wanted-list reference."))
        return cleaned


class WeaponForm(forms.ModelForm):
    class Meta:
        model = WeaponItem
        fields = [
            "kind",
            "description",
            "serial_number",
            "quantity",
            "condition",
            "received_at",
            "storage_location",
        ]
        widgets = {"received_at": DateTimeLocalInput()}

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity < 1:
            raise forms.ValidationError(_("At least one."))
        return quantity


class CustodyEntryForm(forms.Form):
    to_holder = forms.CharField(label=_("Handed to"), max_length=200)
    location = forms.CharField(label=_("Where"), max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DetentionOrderForm(forms.ModelForm):
    class Meta:
        model = DetentionOrder
        fields = [
            "court",
            "judge_name",
            "order_number",
            "starts_on",
            "ends_on",
            "felony_court_extension",
            "extension_reference",
            "notes",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Unit.objects.in_jurisdiction(user).of_kind(
            Unit.Kind.INVESTIGATING_COURT, Unit.Kind.FELONY_COURT, Unit.Kind.JUVENILE_COURT
        )


class PresentationForm(forms.Form):
    at = forms.DateTimeField(label=_("When"), widget=DateTimeLocalInput())
    court = forms.ModelChoiceField(label=_("Investigating court"), queryset=Unit.objects.none())

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Unit.objects.in_jurisdiction(user).of_kind(
            Unit.Kind.INVESTIGATING_COURT, Unit.Kind.JUVENILE_COURT
        )


class CaseFilterForm(forms.Form):
    number = forms.CharField(label=_("Case number"), required=False, max_length=20)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *Case.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("How he came in"), required=False, choices=[("", "—"), *Case.Kind.choices]
    )
    governorate = forms.ModelChoiceField(
        label=_("Governorate"), required=False, queryset=Governorate.objects.none()
    )
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    juvenile = forms.ChoiceField(
        label=_("Juvenile"), required=False, choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))]
    )
    overdue = forms.BooleanField(label=_("With overdue deadlines"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("number", _("Case number")),
            ("status", _("Status")),
        ],
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        self.fields["unit"].queryset = Unit.objects.in_jurisdiction(user).active()
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        plain_filter_widgets(self)


class NameSearchForm(forms.Form):
    """Searched by POST: a name never appears in a URL or a web server's log."""

    name = forms.CharField(label=_("Name, kunya or alias"), max_length=120)
