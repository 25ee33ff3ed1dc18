"""Pages of the legal app: a case's charges (with the form to add one), a charge's facts, and
withdrawing a charge. Thin: access helper, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.selectors import case_get_for_user
from cases.security.access import require_perms

from .forms import ChargeFactsForm, ChargeForm, WithdrawForm
from .selectors import case_get_for_charging, charge_get_for_change
from .services import ChargeError, charge_add, charge_record_facts, charge_withdraw

A = AccessLogEntry.Action


def _charges_page(request: HttpRequest, case, form) -> HttpResponse:
    return render(request, "legal/charges.html", {"case": case, "form": form})


@require_perms("legal.view_charge")
def case_charges(request: HttpRequest, pk: int) -> HttpResponse:
    """The charges of a case, and (for those who charge) the form to add one."""
    case = case_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=case)
    form = ChargeForm() if request.user.has_perm("legal.add_charge") else None
    return _charges_page(request, case, form)


@require_POST
@require_perms("legal.add_charge")
def charge_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_charging(request.user, pk)
    form = ChargeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            charge_add(
                case=case,
                offence=data["offence"],
                by=request.user,
                reason=data["reason"],
                acts_from=data["acts_from"],
                flags=data["flags"],
                facts_established=data["facts_established"],
                particulars=data["particulars"],
            )
        except ChargeError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Charge added."))
            return redirect("legal:case_charges", pk=case.pk)
    return _charges_page(request, case, form)


@require_perms("legal.change_charge")
def charge_facts(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the facts of a charge that amnesty rules depend on."""
    charge = charge_get_for_change(request.user, pk)
    form = ChargeFactsForm(request.POST or None, instance=charge)
    if request.method == "POST" and form.is_valid():
        try:
            charge_record_facts(
                charge=charge,
                flags=form.cleaned_data["flags"],
                facts_established=form.cleaned_data["facts_established"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ChargeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The facts of the charge were recorded."))
            return redirect("legal:case_charges", pk=charge.case_id)
    return render(
        request,
        "legal/charge_form.html",
        {"charge": charge, "form": form, "title": _("Facts of the charge")},
    )


@require_perms("legal.change_charge")
def charge_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a charge, with the reason."""
    charge = charge_get_for_change(request.user, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            charge_withdraw(charge=charge, by=request.user, reason=form.cleaned_data["reason"])
        except ChargeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Charge withdrawn."))
            return redirect("legal:case_charges", pk=charge.case_id)
    return render(
        request,
        "legal/charge_form.html",
        {"charge": charge, "form": form, "title": _("Withdraw the charge")},
    )
