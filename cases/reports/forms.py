"""The dashboard's filters: a period, a governorate and a unit, all within the jurisdiction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.accounts.models import Governorate, Unit

from .dashboard import MAX_PERIOD_DAYS, DashboardFilters


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} · {obj.governorate.name}"


class DashboardFilterForm(forms.Form):
    """Empty fields mean: the last twelve months, every governorate and unit the user sees.
    A governorate or unit outside his jurisdiction is not among the choices, so it is refused
    as any invalid choice is."""

    date_from = forms.DateField(label=_("From"), required=False, widget=_DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=_DateInput())
    governorate = forms.ModelChoiceField(
        label=_("Governorate"),
        required=False,
        queryset=Governorate.objects.none(),
        empty_label=_("All my governorates"),
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All units"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["governorate"].queryset = Governorate.objects.in_jurisdiction(user)
        units = Unit.objects.in_jurisdiction(user).select_related("governorate")
        chosen = (self.data.get("governorate") or "") if self.is_bound else ""
        if chosen.isdigit():
            # Once a governorate is chosen, only its units are offered (and accepted).
            units = units.filter(governorate_id=int(chosen))
        self.fields["unit"].queryset = units.order_by("governorate__name_en", "name_en")
        default = DashboardFilters.default()
        self.fields["date_from"].widget.attrs["placeholder"] = default.date_from.isoformat()
        self.fields["date_to"].widget.attrs["placeholder"] = default.date_to.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        default = DashboardFilters.default()
        start = cleaned.get("date_from") or default.date_from
        end = cleaned.get("date_to") or default.date_to
        if "date_from" in cleaned and "date_to" in cleaned:
            if end < start:
                self.add_error("date_to", _("The end of the period is before its start."))
            elif (end - start).days > MAX_PERIOD_DAYS:
                self.add_error(
                    "date_from", _("Choose a period of at most ten years: narrow the dates.")
                )
        return cleaned

    def filters(self) -> DashboardFilters:
        """The filters the form was given (valid), or the default for an empty form. Call after
        ``is_valid()``; an invalid form gives the default, the page says so."""
        default = DashboardFilters.default()
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        governorate, unit = data.get("governorate"), data.get("unit")
        return DashboardFilters(
            date_from=data.get("date_from") or default.date_from,
            date_to=data.get("date_to") or default.date_to,
            governorate_id=governorate.pk if governorate else None,
            unit_id=unit.pk if unit else None,
        )
