"""Pages of the referrals app. The source's identity appears on exactly one page: the answer to
a reveal, for that one view; everywhere else, and in every URL, the source is its code name."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.forms import IntakeForm, PersonForm
from cases.casefiles.models import Case
from cases.deadlines.selectors import deadlines_for_record
from cases.people.models import Person
from cases.security.access import require_perms
from cases.security.forms import apply_errors
from cases.security.history import history_for
from cases.security.listing import keyset_paginate

from . import rules
from .forms import (
    NoteForm,
    ReferralFilterForm,
    ReferralForm,
    RevealForm,
    TransferForm,
    TransitionForm,
)
from .models import Referral
from .selectors import (
    ReferralFilters,
    referral_get_for_change,
    referral_get_for_user,
    referral_list,
    transfer_get_for_user,
    transfers_waiting_for,
)
from .services import (
    ReferralError,
    referral_follow_up,
    referral_link_subject,
    referral_receive,
    referral_record_surrender,
    referral_transfer_decide,
    referral_transfer_request,
    referral_transition,
    source_may_reveal,
    source_reveal,
)

A = AccessLogEntry.Action
PAGE_SIZE = 25


def _choices(referral: Referral) -> list[tuple[str, str]]:
    return [(s, Referral.Status(s).label) for s in sorted(rules.ALLOWED_MOVES[referral.status])]


@require_perms("referrals.view_referral")
def referral_list_view(request: HttpRequest) -> HttpResponse:
    """Referrals of the jurisdiction, filtered, with the transfers offered to its units."""
    return _referral_list(request, critical=False)


@require_perms("referrals.view_referral", "accounts.supervisor_desk")
def critical_view(request: HttpRequest) -> HttpResponse:
    """The supervisors' view of open referrals whose reprisal risk is critical."""
    return _referral_list(request, critical=True)


def _referral_list(request: HttpRequest, *, critical: bool) -> HttpResponse:
    form = ReferralFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = ReferralFilters(
        status=data.get("status") or "",
        risk=data.get("risk") or "",
        channel=data.get("channel") or "",
        action=data.get("action") or "",
        unit=data.get("unit"),
        number=data.get("number") or "",
        critical_open=critical,
    )
    page = keyset_paginate(request, referral_list(request.user, filters), PAGE_SIZE)
    return render(
        request,
        "referrals/list.html",
        {
            "form": form,
            "page": page,
            "query": page.query,
            "critical": critical,
            "incoming": transfers_waiting_for(request.user)[:20],
        },
    )


@require_perms("referrals.add_referral")
def referral_new(request: HttpRequest) -> HttpResponse:
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.unit is None:
            form.add_error(None, _("Your account belongs to no unit: ask your administrator."))
        else:
            try:
                referral = referral_receive(
                    data=form.referral_data(),
                    source=form.source_data(),
                    unit=request.user.unit,
                    by=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Referral %(number)s recorded; its source is sealed as %(code)s.")
                    % {"number": referral.number, "code": referral.source_code},
                )
                return redirect(referral)
    return render(request, "referrals/form.html", {"form": form})


@require_perms("referrals.view_referral")
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=referral)
    can_change = request.user.has_perm("referrals.change_referral")
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "events": referral.steps.select_related("by"),
            "transfers": referral.transfers.select_related("from_unit", "to_unit", "requested_by"),
            "related": Referral.objects.filter(same_subject_as=referral).only(
                "pk", "number", "status"
            ),
            "deadlines": deadlines_for_record(request.user, referral),
            "history": history_for(referral),
            "can_change": can_change,
            "can_reveal": source_may_reveal(request.user, referral),
            "transition_form": TransitionForm(choices=_choices(referral))
            if can_change and _choices(referral)
            else None,
            "note_form": NoteForm(),
            "transfer_form": TransferForm(referral=referral)
            if request.user.has_perm("referrals.transfer_referral")
            else None,
            "is_open": referral.status in rules.OPEN,
        },
    )


@require_POST
@require_perms("referrals.change_referral")
def referral_move(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_change(request.user, pk)
    form = TransitionForm(request.POST, choices=_choices(referral))
    if not form.is_valid():
        messages.error(request, _("Choose the next status and write a note."))
        return redirect(referral)
    try:
        referral_transition(
            referral=referral,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            note=form.cleaned_data["note"],
            close_reason=form.cleaned_data["close_reason"],
        )
    except ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Referral updated."))
    return redirect(referral)


@require_POST
@require_perms("referrals.change_referral")
def referral_follow_up_view(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_change(request.user, pk)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ReferralError(_("Say what the follow-up found."))
        referral_follow_up(referral=referral, by=request.user, note=form.cleaned_data["note"])
    except ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Follow-up recorded; the next one is due in a week."))
    return redirect(referral)


@require_POST
@require_perms("referrals.change_referral")
def referral_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the subject: the person chosen among the likely matches."""
    referral = referral_get_for_change(request.user, pk)
    raw = request.POST.get("existing_person", "")
    person = (
        Person.objects.in_jurisdiction(request.user).active().filter(pk=int(raw)).first()
        if raw.isdigit()
        else None
    )
    if person is None:
        messages.error(request, _("Choose the person among the likely matches."))
    else:
        referral_link_subject(referral=referral, person=person, by=request.user)
        messages.success(request, _("Subject identified."))
    return redirect(referral)


@require_perms("referrals.change_referral", "casefiles.add_case")
def record_surrender(request: HttpRequest, pk: int) -> HttpResponse:
    """'Record the surrender': the intake form, filled from the referral, linked to it."""
    referral = referral_get_for_change(request.user, pk)
    if referral.status not in rules.OPEN:
        messages.error(request, _("This referral is no longer open."))
        return redirect(referral)
    subject = referral.subject
    initial_person = (
        {}
        if subject is None
        else {
            f: getattr(subject, f)
            for f in (
                "given_name_ar",
                "father_name_ar",
                "grandfather_name_ar",
                "family_name_ar",
                "given_name_lat",
                "family_name_lat",
                "kunya",
            )
        }
    )
    if subject is None and referral.subject_description:
        initial_person["aliases"] = referral.subject_description
    person_form = PersonForm(request.POST or None, prefix="person", initial=initial_person)
    intake_form = IntakeForm(
        request.POST or None,
        prefix="intake",
        user=request.user,
        initial={
            "kind": Case.Kind.VOLUNTARY_SURRENDER,
            "receiving_unit": referral.unit_id,
            "role_detail": referral.role_in_group,
            "coercion_claimed": referral.coerced,
            "family_at_risk": referral.family_threatened,
        },
    )
    if request.method == "POST" and person_form.is_valid() and intake_form.is_valid():
        try:
            case = referral_record_surrender(
                referral=referral,
                by=request.user,
                person=subject,
                person_data=person_form.cleaned_data,
                aliases=person_form.alias_list(),
                kind=intake_form.cleaned_data["kind"],
                receiving_unit=intake_form.cleaned_data["receiving_unit"],
                assigned_officer=intake_form.cleaned_data["assigned_officer"],
                intake_data=intake_form.intake_data(),
            )
        except ValidationError as error:
            apply_errors(intake_form, error)
        except ReferralError as error:
            intake_form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Case %(number)s opened from referral %(referral)s.")
                % {"number": case.number, "referral": referral.number},
            )
            return redirect(case)
    return render(
        request,
        "casefiles/intake.html",
        {
            "person_form": person_form,
            "intake_form": intake_form,
            "referral": referral,
            "existing_person": subject.pk if subject else "",
        },
    )


@require_POST
@require_perms("referrals.transfer_referral")
def referral_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_change(request.user, pk)
    form = TransferForm(request.POST, referral=referral)
    try:
        if not form.is_valid():
            raise ReferralError(_("Choose the unit and give the reason."))
        referral_transfer_request(referral=referral, by=request.user, **form.cleaned_data)
    except ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Transfer requested: the receiving unit will accept or decline.")
        )
    return redirect(referral)


@require_POST
@require_perms("referrals.transfer_referral")
def transfer_decide(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = transfer_get_for_user(request.user, pk)
    accept = request.POST.get("decision") == "accept"
    try:
        referral_transfer_decide(
            transfer=transfer, by=request.user, accept=accept, note=request.POST.get("note", "")
        )
    except ReferralError as error:
        messages.error(request, str(error))
        return redirect("referrals:list")
    messages.success(request, _("Transfer accepted.") if accept else _("Transfer declined."))
    return redirect(transfer.referral if accept else "referrals:list")


@require_perms("referrals.reveal_source")
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Reveal the sealed source: a reason first; the identity is shown in the answer to that
    POST only (never stored, never in a URL) and the reveal goes to the access log."""
    referral = referral_get_for_user(request.user, pk)
    form = RevealForm(request.POST or None)
    identity = None
    if request.method == "POST" and form.is_valid():
        full = Referral.objects.get(pk=referral.pk)  # the sealed columns, for this one answer
        try:
            identity = source_reveal(
                referral=full, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ReferralError as error:
            form.add_error("reason", str(error))
    elif request.method == "GET" and not source_may_reveal(request.user, referral):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return render(
        request, "referrals/reveal.html", {"referral": referral, "form": form, "identity": identity}
    )
