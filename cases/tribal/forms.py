"""Forms of the tribal track. They validate what is typed, with messages for the user; the
services decide. Choices of records (sheikhs, panels, units, officers) come from the user's
jurisdiction only."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import District, Governorate, Unit, User
from cases.casefiles.forms import DateInput, DateTimeLocalInput
from cases.casefiles.models import Case

from .models import (
    Clearance,
    Disavowal,
    FollowUpVisit,
    Guarantee,
    GuaranteeBreach,
    Panel,
    PanelMember,
    PanelSitting,
    Petition,
    ProtectionMeasure,
    Relation,
    ReturnHome,
    Settlement,
    Sheikh,
    Tribe,
)

AR = {"dir": "rtl", "lang": "ar"}
LAT = {"dir": "ltr", "lang": "en"}


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _sheikhs(user):
    return Sheikh.objects.in_jurisdiction(user).active().select_related("tribe")


def _tribes():
    return Tribe.objects.active().order_by("name_en")


def _not_future(value, message=None):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message or _("This date cannot be in the future."))
    return value


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=_textarea())


class DatedReasonForm(ReasonForm):
    on = forms.DateField(label=_("On"), widget=DateInput())

    def clean_on(self):
        return _not_future(self.cleaned_data["on"])


# --- Sheikhs -------------------------------------------------------------------------------------


class SheikhForm(forms.ModelForm):
    class Meta:
        model = Sheikh
        fields = ["name_ar", "name_lat", "title", "tribe", "governorate", "district", "notes"]
        widgets = {"notes": _textarea(), "name_ar": forms.TextInput(attrs=AR)}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_lat"].widget.attrs.update(LAT)
        self.fields["tribe"].queryset = _tribes()
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        self.fields["district"].queryset = District.objects.in_jurisdiction(user).select_related(
            "governorate"
        )
        self.helper = _helper(
            Row(Column("name_ar"), Column("name_lat")),
            Row(Column("title"), Column("tribe")),
            Row(Column("governorate"), Column("district")),
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        district, governorate = cleaned.get("district"), cleaned.get("governorate")
        if district and governorate and district.governorate_id != governorate.pk:
            self.add_error("district", _("This district is not in that governorate."))
        return cleaned


class SheikhEditForm(SheikhForm):
    reason = forms.CharField(label=_("Reason for the change"), widget=_textarea())

    class Meta(SheikhForm.Meta):
        fields = [*SheikhForm.Meta.fields, "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout.append("is_active")
        self.helper.layout.append("reason")


class SheikhFilterForm(forms.Form):
    tribe = forms.ModelChoiceField(label=_("Tribe or clan"), required=False, queryset=None)
    governorate = forms.ModelChoiceField(label=_("Governorate"), required=False, queryset=None)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tribe"].queryset = _tribes()
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)


# --- Family --------------------------------------------------------------------------------------


class FamilySearchForm(forms.Form):
    """Searched by POST: a name never appears in a URL or a web server's log."""

    name = forms.CharField(label=_("Name of the relative"), max_length=120)


class FamilyLinkForm(forms.Form):
    relative = forms.IntegerField(widget=forms.HiddenInput)
    relation = forms.ChoiceField(label=_("He is his"), choices=Relation.choices)


# --- Disavowal -----------------------------------------------------------------------------------


class DisavowalForm(forms.ModelForm):
    against = forms.ChoiceField(label=_("Against whom"))

    class Meta:
        model = Disavowal
        fields = [
            "filed_by",
            "filer_name",
            "filer_relation",
            "tribe",
            "sheikh",
            "filed_on",
            "document_reference",
            "registered_with",
            "statement",
        ]
        widgets = {"filed_on": DateInput(), "statement": _textarea(3)}

    def __init__(self, *args, user, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p, _label in people}
        self.fields["against"].choices = [(str(p.pk), label) for p, label in people]
        self.fields["tribe"].queryset = _tribes()
        self.fields["sheikh"].queryset = _sheikhs(user)
        self.helper = _helper(
            "against",
            Row(Column("filed_by"), Column("filer_name"), Column("filer_relation")),
            Row(Column("tribe"), Column("sheikh")),
            Row(Column("filed_on"), Column("document_reference"), Column("registered_with")),
            "statement",
        )

    def clean_filed_on(self):
        return _not_future(self.cleaned_data["filed_on"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("filed_by") == Disavowal.FiledBy.FAMILY and not cleaned.get("filer_name"):
            self.add_error("filer_name", _("Give the name of the family member who filed it."))
        if cleaned.get("filed_by") == Disavowal.FiledBy.TRIBE and not cleaned.get("tribe"):
            self.add_error("tribe", _("Say which tribe or clan filed it."))
        return cleaned

    def person(self):
        return self.people[self.cleaned_data["against"]]

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class DisavowalDecideForm(DatedReasonForm):
    to_status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Disavowal.Status.UPHELD, Disavowal.Status.UPHELD.label),
            (Disavowal.Status.WITHDRAWN, Disavowal.Status.WITHDRAWN.label),
        ],
    )


# --- Guarantee -----------------------------------------------------------------------------------


class GuaranteeForm(forms.ModelForm):
    class Meta:
        model = Guarantee
        fields = [
            "guarantor_kind",
            "sheikh",
            "guarantor_name",
            "guarantor_relation",
            "tribe",
            "residence",
            "residence_district",
            "reporting_unit",
            "reporting_every_days",
            "other_terms",
            "starts_on",
            "ends_on",
            "document_reference",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "other_terms": _textarea()}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheikh"].queryset = _sheikhs(user)
        self.fields["tribe"].queryset = _tribes()
        self.fields["residence_district"].queryset = District.objects.in_jurisdiction(
            user
        ).select_related("governorate")
        self.fields["reporting_unit"].queryset = (
            Unit.objects.in_jurisdiction(user).active().select_related("governorate")
        )
        self.helper = _helper(
            Row(Column("guarantor_kind"), Column("sheikh")),
            Row(Column("guarantor_name"), Column("guarantor_relation"), Column("tribe")),
            Row(Column("residence"), Column("residence_district")),
            Row(Column("reporting_unit"), Column("reporting_every_days")),
            "other_terms",
            Row(Column("starts_on"), Column("ends_on"), Column("document_reference")),
        )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("guarantor_kind")
        if kind == Guarantee.GuarantorKind.SHEIKH and not cleaned.get("sheikh"):
            self.add_error("sheikh", _("Choose the sheikh who guarantees him."))
        if kind == Guarantee.GuarantorKind.FAMILY and not cleaned.get("guarantor_name"):
            self.add_error(
                "guarantor_name", _("Give the name of the family member who guarantees him.")
            )
        if cleaned.get("reporting_every_days") and not cleaned.get("reporting_unit"):
            self.add_error("reporting_unit", _("Say where he must report."))
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The guarantee cannot end before it starts."))
        return cleaned

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class ReportForm(forms.Form):
    reported_on = forms.DateField(label=_("Reported on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def clean_reported_on(self):
        return _not_future(self.cleaned_data["reported_on"])


class BreachForm(forms.ModelForm):
    class Meta:
        model = GuaranteeBreach
        fields = ["kind", "occurred_on", "description", "action_taken"]
        widgets = {
            "occurred_on": DateInput(),
            "description": _textarea(),
            "action_taken": _textarea(),
        }

    def clean_occurred_on(self):
        return _not_future(self.cleaned_data["occurred_on"])


class GuaranteeEndForm(DatedReasonForm):
    to_status = forms.ChoiceField(
        label=_("How it ends"),
        choices=[
            (s, s.label)
            for s in (
                Guarantee.Status.COMPLETED,
                Guarantee.Status.REVOKED,
                Guarantee.Status.WITHDRAWN,
            )
        ],
    )


# --- Settlement ----------------------------------------------------------------------------------


class SettlementForm(forms.ModelForm):
    class Meta:
        model = Settlement
        fields = [
            "victim_party",
            "victim_tribe",
            "offender_tribe",
            "mediator",
            "terms",
            "compensation_amount",
            "compensation_currency",
            "waiver_needed",
            "amnesty_reference",
        ]
        widgets = {"terms": _textarea(3)}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["victim_tribe"].queryset = _tribes()
        self.fields["offender_tribe"].queryset = _tribes()
        self.fields["mediator"].queryset = _sheikhs(user)
        self.helper = _helper(
            Row(Column("victim_party"), Column("victim_tribe")),
            Row(Column("offender_tribe"), Column("mediator")),
            "terms",
            Row(Column("compensation_amount"), Column("compensation_currency")),
            Row(Column("waiver_needed"), Column("amnesty_reference")),
        )

    def clean_compensation_amount(self):
        amount = self.cleaned_data.get("compensation_amount")
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("The compensation cannot be negative."))
        return amount

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class SettlementMoveForm(DatedReasonForm):
    to_status = forms.ChoiceField(
        label=_("Now"),
        choices=[
            (s, s.label)
            for s in (
                Settlement.Status.AGREED,
                Settlement.Status.FULFILLED,
                Settlement.Status.FAILED,
            )
        ],
    )


class WaiverForm(forms.Form):
    given_on = forms.DateField(label=_("Waiver given on"), widget=DateInput())
    document = forms.CharField(label=_("Waiver document"), max_length=100)

    def clean_given_on(self):
        return _not_future(self.cleaned_data["given_on"])


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Compensation paid on"), widget=DateInput())

    def clean_paid_on(self):
        return _not_future(self.cleaned_data["paid_on"])


# --- Panels and petitions ------------------------------------------------------------------------


class PanelForm(forms.ModelForm):
    class Meta:
        model = Panel
        fields = ["name", "governorate", "district", "established_on", "notes"]
        widgets = {"established_on": DateInput(), "notes": _textarea()}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        self.fields["district"].queryset = District.objects.in_jurisdiction(user).select_related(
            "governorate"
        )
        self.helper = _helper(
            "name",
            Row(Column("governorate"), Column("district"), Column("established_on")),
            "notes",
        )

    def clean_established_on(self):
        return _not_future(self.cleaned_data["established_on"])

    def clean(self):
        cleaned = super().clean()
        district, governorate = cleaned.get("district"), cleaned.get("governorate")
        if district and governorate and district.governorate_id != governorate.pk:
            self.add_error("district", _("This district is not in that governorate."))
        return cleaned


class MemberForm(forms.ModelForm):
    class Meta:
        model = PanelMember
        fields = ["kind", "role", "name", "rank_or_title", "sheikh", "unit", "since"]
        widgets = {"since": DateInput()}

    def __init__(self, *args, panel: Panel, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["sheikh"].queryset = _sheikhs(user).filter(governorate=panel.governorate_id)
        self.fields["unit"].queryset = Unit.objects.in_jurisdiction(user).active()
        self.helper = _helper(
            Row(Column("kind"), Column("role")),
            Row(Column("name"), Column("rank_or_title")),
            Row(Column("sheikh"), Column("unit"), Column("since")),
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and not cleaned.get("sheikh"):
            self.add_error("name", _("Give his name (or choose the sheikh)."))
        if cleaned.get("kind") == PanelMember.Kind.TRIBAL and not cleaned.get("sheikh"):
            self.add_error("sheikh", _("A tribal leader's seat names the sheikh."))
        return cleaned

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class SittingForm(forms.Form):
    scheduled_at = forms.DateTimeField(label=_("Scheduled for"), widget=DateTimeLocalInput())
    place = forms.CharField(label=_("Place"), max_length=200)


class SittingHeldForm(forms.Form):
    held_at = forms.DateTimeField(label=_("Held"), widget=DateTimeLocalInput())
    members_present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=PanelMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=_textarea(4))

    def __init__(self, *args, sitting: PanelSitting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members_present"].queryset = sitting.panel.members.filter(until__isnull=True)

    def clean_held_at(self):
        held_at = self.cleaned_data["held_at"]
        if held_at > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("A sitting cannot be recorded as held in the future."))
        return held_at


class SittingCallOffForm(ReasonForm):
    new_scheduled_at = forms.DateTimeField(
        label=_("Postponed to"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Leave empty to cancel the sitting."),
    )


class PetitionForm(forms.ModelForm):
    class Meta:
        model = Petition
        fields = [
            "panel",
            "filed_by",
            "filer_name",
            "filed_on",
            "joining",
            "coercion_details",
            "declares_no_killing",
            "information_given",
            "request",
        ]
        widgets = {
            "filed_on": DateInput(),
            "coercion_details": _textarea(),
            "information_given": _textarea(),
            "request": _textarea(),
        }

    def __init__(self, *args, user, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = Panel.objects.in_jurisdiction(user).filter(
            is_active=True, governorate=case.governorate_id
        )
        self.helper = _helper(
            "panel",
            Row(Column("filed_by"), Column("filer_name"), Column("filed_on")),
            Row(Column("joining"), Column("declares_no_killing")),
            "coercion_details",
            "information_given",
            "request",
        )

    def clean_filed_on(self):
        return _not_future(self.cleaned_data["filed_on"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("joining") == Petition.Joining.COERCED and not cleaned.get(
            "coercion_details"
        ):
            self.add_error("coercion_details", _("Say how he says he was coerced."))
        filed_by = cleaned.get("filed_by")
        if filed_by and filed_by != Petition.FiledBy.SELF and not cleaned.get("filer_name"):
            self.add_error("filer_name", _("Give the name of who filed it for him."))
        return cleaned

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields if f != "panel"}


class PetitionListForm(forms.Form):
    sitting = forms.ModelChoiceField(label=_("Sitting"), queryset=PanelSitting.objects.none())

    def __init__(self, *args, petition: Petition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sitting"].queryset = PanelSitting.objects.filter(
            panel_id=petition.panel_id, status=PanelSitting.Status.SCHEDULED
        ).select_related("panel")


class PetitionDecideForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Petition.Recommendation.choices
    )
    reasons = forms.CharField(label=_("The panel's reasons and conditions"), widget=_textarea(4))
    evidence_for_commutation = forms.BooleanField(
        label=_("Evidence for commutation of his sentence"), required=False
    )
    to_court = forms.BooleanField(label=_("Recommendation to the court"), required=False)
    to_committee = forms.BooleanField(
        label=_("Recommendation to the amnesty committee"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        effects = any(
            cleaned.get(f) for f in ("evidence_for_commutation", "to_court", "to_committee")
        )
        if cleaned.get("recommendation") == Petition.Recommendation.REJECT and effects:
            self.add_error(
                "recommendation", _("A petition not forgiven is no evidence or recommendation.")
            )
        return cleaned


# --- Clearance, return, follow-up, protection ----------------------------------------------------


class ClearanceRequestForm(forms.Form):
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput())
    requested_from = forms.CharField(
        label=_("Requested from"),
        max_length=200,
        help_text=_("The security authority, e.g. the National Security Service in Anbar."),
    )
    note = forms.CharField(label=_("Request"), required=False, widget=_textarea())

    def clean_requested_on(self):
        return _not_future(self.cleaned_data["requested_on"])


class ClearanceDecideForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "granted",
        choices=[
            ("granted", Clearance.Status.GRANTED.label),
            ("denied", Clearance.Status.DENIED.label),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    authority = forms.CharField(
        label=_("Decided by"), max_length=200, help_text=_("The authority and official.")
    )
    reference = forms.CharField(label=_("Decision reference"), max_length=100, required=False)
    reason = forms.CharField(label=_("Why"), widget=_textarea())

    def clean_decided_on(self):
        return _not_future(self.cleaned_data["decided_on"])


class ReturnForm(forms.ModelForm):
    clearance = forms.ModelChoiceField(label=_("Clearance"), queryset=Clearance.objects.none())
    guarantee = forms.ModelChoiceField(
        label=_("Guarantee"), queryset=Guarantee.objects.none(), required=False
    )
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = ReturnHome
        fields = [
            "returned_on",
            "governorate",
            "district",
            "locality",
            "visit_every_days",
            "notes",
        ]
        widgets = {"returned_on": DateInput(), "notes": _textarea()}

    def __init__(self, *args, user, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clearance"].queryset = case.clearances.filter(status=Clearance.Status.GRANTED)
        self.fields["guarantee"].queryset = case.guarantees.filter(
            status=Guarantee.Status.ACTIVE
        ).select_related("sheikh")
        self.fields["case_worker"].queryset = User.objects.in_jurisdiction(user).filter(
            is_active=True, groups__name="officer"
        )
        self.fields["governorate"].queryset = Governorate.objects.all()
        self.fields["district"].queryset = District.objects.select_related("governorate")
        self.helper = _helper(
            Row(Column("clearance"), Column("guarantee")),
            Row(Column("returned_on"), Column("governorate"), Column("district")),
            Row(Column("locality"), Column("visit_every_days"), Column("case_worker")),
            "notes",
        )

    def clean_returned_on(self):
        return _not_future(self.cleaned_data["returned_on"])

    def clean_visit_every_days(self):
        days = self.cleaned_data["visit_every_days"]
        if not 1 <= days <= 365:
            raise forms.ValidationError(_("Between 1 and 365 days."))
        return days

    def clean(self):
        cleaned = super().clean()
        district, governorate = cleaned.get("district"), cleaned.get("governorate")
        if district and governorate and district.governorate_id != governorate.pk:
            self.add_error("district", _("This district is not in that governorate."))
        return cleaned

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}


class VisitPlanForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    case_worker = forms.ModelChoiceField(label=_("Case worker"), queryset=User.objects.none())

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = User.objects.in_jurisdiction(user).filter(
            is_active=True, groups__name="officer"
        )


class VisitRecordForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUpVisit.Outcome.choices)
    notes = forms.CharField(
        label=_("What the case worker found"), required=False, widget=_textarea(3)
    )
    next_due_on = forms.DateField(
        label=_("Next visit due"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when no further visit is needed."),
    )

    def clean_visited_on(self):
        return _not_future(self.cleaned_data["visited_on"])

    def clean(self):
        cleaned = super().clean()
        visited, following = cleaned.get("visited_on"), cleaned.get("next_due_on")
        if visited and following and following <= visited:
            self.add_error("next_due_on", _("The next visit must come after this one."))
        outcome = cleaned.get("outcome")
        if outcome and outcome != FollowUpVisit.Outcome.SETTLED and not cleaned.get("notes"):
            self.add_error("notes", _("Say what the case worker found."))
        return cleaned


class ProtectionForm(forms.ModelForm):
    class Meta:
        model = ProtectionMeasure
        fields = ["kind", "protected", "details", "starts_on"]
        widgets = {"starts_on": DateInput(), "details": _textarea()}

    def clean_starts_on(self):
        return _not_future(self.cleaned_data["starts_on"])


# --- Lists ---------------------------------------------------------------------------------------


class ListFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    governorate = forms.ModelChoiceField(label=_("Governorate"), required=False, queryset=None)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, user, statuses, with_overdue: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "—"), *statuses]
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        if not with_overdue:
            del self.fields["overdue"]
