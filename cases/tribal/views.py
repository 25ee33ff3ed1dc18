"""Pages of the tribal track: a case's tribal page and the forms it links to, the records'
pages with their actions, panels and sittings, sheikhs and tribes, and the supervisors' lists.
Thin: access helper, form, service, redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.models import Case
from cases.casefiles.selectors import case_get_for_user
from cases.deadlines.selectors import deadlines_for_record
from cases.people.models import Person
from cases.people.selectors import parts_from_text, person_candidates
from cases.security.access import require_perms
from cases.security.forms import apply_errors
from cases.security.history import history_for
from cases.security.listing import paginate

from . import forms as f
from . import selectors as sel
from . import services
from .models import (
    Clearance,
    Disavowal,
    FollowUpVisit,
    Guarantee,
    PanelSitting,
    Petition,
    Settlement,
)
from .services import TribalError

A = AccessLogEntry.Action
PAGE_SIZE = 25
SUPERVISOR = "accounts.supervisor_desk"


# --- Helpers -------------------------------------------------------------------------------------


def _attempt(form, action: Callable[[], Any]) -> Any:
    """Run a service for a valid form; a refusal lands on the form and gives None."""
    try:
        with transaction.atomic():
            return action() or True
    except TribalError as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        apply_errors(form, error)
    return None


def _act(request: HttpRequest, form, action: Callable[[], Any], success: str, back: str):
    """A POST action: the form's errors or the service's refusal as messages, then back."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        with transaction.atomic():
            action()
    except TribalError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(back)


def _form_page(request, form, *, title: str, back: str, case: Case | None = None, **extra):
    return render(
        request,
        "tribal/form.html",
        {"form": form, "title": title, "back": back, "case": case, **extra},
    )


def _log_view(request: HttpRequest, obj, *, governorate_id: int | None = None) -> None:
    access_log_record(
        action=A.VIEW,
        request=request,
        obj=obj,
        object_label=obj.audit_label,
        governorate_id=governorate_id,
    )


def _case_page(case: Case) -> str:
    return reverse("tribal:case", args=[case.pk])


def _filters(request: HttpRequest, statuses, *, with_overdue: bool = False):
    form = f.ListFilterForm(
        request.GET or None, user=request.user, statuses=statuses, with_overdue=with_overdue
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = sel.ListFilters(
        status=data.get("status") or "",
        governorate=data.get("governorate"),
        overdue=bool(data.get("overdue")),
    )
    return form, filters


def _list_page(request, template: str, qs, form, **extra) -> HttpResponse:
    page, query = paginate(request, qs, PAGE_SIZE)
    return render(request, template, {"form": form, "page": page, "query": query, **extra})


# --- Start page and reference --------------------------------------------------------------------


@require_perms("tribal.view_panel")
def overview(request: HttpRequest) -> HttpResponse:
    """The tribal track's start page: what is open in the jurisdiction, and the lists."""
    return render(
        request,
        "tribal/overview.html",
        {
            "counts": sel.overview_counts(request.user),
            "supervisor": request.user.has_perm(SUPERVISOR),
        },
    )


@require_perms("tribal.view_tribe")
def tribes(request: HttpRequest) -> HttpResponse:
    """Tribes and clans (reference data; administrators edit them in the admin)."""
    return render(request, "tribal/tribes.html", {"tree": sel.tribe_tree()})


# --- Sheikhs -------------------------------------------------------------------------------------


@require_perms("tribal.view_sheikh")
def sheikh_list(request: HttpRequest) -> HttpResponse:
    form = f.SheikhFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    qs = sel.sheikh_list(request.user, tribe=data.get("tribe"), governorate=data.get("governorate"))
    return _list_page(request, "tribal/sheikh_list.html", qs, form)


@require_perms("tribal.add_sheikh")
def sheikh_new(request: HttpRequest) -> HttpResponse:
    form = f.SheikhForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        sheikh = _attempt(
            form, lambda: services.sheikh_create(data=form.cleaned_data, by=request.user)
        )
        if sheikh:
            messages.success(request, _("Sheikh recorded."))
            return redirect(sheikh)
    return _form_page(request, form, title=_("New sheikh"), back="tribal:sheikhs")


@require_perms("tribal.view_sheikh")
def sheikh_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A sheikh: his guarantees, the settlements he mediated, his seats on panels."""
    sheikh = sel.sheikh_get_for_user(request.user, pk)
    _log_view(request, sheikh, governorate_id=sheikh.governorate_id)
    return render(
        request,
        "tribal/sheikh_detail.html",
        {
            "sheikh": sheikh,
            "guarantees": list(sel.guarantees_for_user(request.user).filter(sheikh=sheikh)[:100]),
            "seats": list(sheikh.panel_seats.select_related("panel")),
            "history": history_for(sheikh),
        },
    )


@require_perms("tribal.change_sheikh")
def sheikh_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sheikh = sel.sheikh_get_for_change(request.user, pk)
    form = f.SheikhEditForm(request.POST or None, instance=sheikh, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.sheikh_update(
                sheikh=sheikh, data=data, by=request.user, reason=data["reason"]
            ),
        ):
            messages.success(request, _("Sheikh saved."))
            return redirect("tribal:sheikh", pk=sheikh.pk)
    return _form_page(request, form, title=_("Edit sheikh"), back=sheikh.get_absolute_url())


# --- A case's tribal page ------------------------------------------------------------------------


@require_perms("casefiles.view_case")
def case_tribal(request: HttpRequest, pk: int) -> HttpResponse:
    """The tribal track of a case: the section the case page includes, on a page of its own."""
    case = case_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=case, reason="tribal track")
    return render(
        request,
        "tribal/case.html",
        {"case": case, "tribal": sel.tribal_section_for_case(request.user, case)},
    )


@require_perms("casefiles.view_case", "tribal.view_familylink")
def family(request: HttpRequest, pk: int) -> HttpResponse:
    """His family in the programme: the links, relatives suggested by their names, and a
    search (POST: names stay out of URLs) to find others."""
    case = case_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=case, reason="family")
    return _family_page(request, case)


def _family_page(request, case: Case, *, search_form=None, candidates=None) -> HttpResponse:
    relatives = sel.relatives_of(request.user, case.person)
    linked = {r.person.pk for r in relatives}
    return render(
        request,
        "tribal/family.html",
        {
            "case": case,
            "relatives": relatives,
            "suggestions": sel.family_suggestions(request.user, case.person, exclude=linked),
            "search_form": search_form or f.FamilySearchForm(),
            "candidates": candidates,
            "link_form": f.FamilyLinkForm(),
            "can_add": request.user.has_perm("tribal.add_familylink"),
            "can_remove": request.user.has_perm("tribal.change_familylink"),
        },
    )


@require_POST
@require_perms("casefiles.view_case", "tribal.add_familylink")
def family_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Persons of the jurisdiction whose names match (logged without the name)."""
    case = case_get_for_user(request.user, pk)
    form = f.FamilySearchForm(request.POST)
    candidates = None
    if form.is_valid():
        found = person_candidates(
            request.user,
            parts_from_text(form.cleaned_data["name"]),
            limit=10,
            exclude={case.person_id},
        )
        candidates = [person for person, _match in found]
        access_log_record(action=A.SEARCH, request=request, reason="family search by name")
    return _family_page(request, case, search_form=form, candidates=candidates)


@require_POST
@require_perms("casefiles.view_case", "tribal.add_familylink")
def family_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.FamilyLinkForm(request.POST)
    back = reverse("tribal:family", args=[case.pk])

    def action():
        relative = (
            Person.objects.in_jurisdiction(request.user)
            .filter(pk=form.cleaned_data["relative"])
            .first()
        )
        if relative is None:
            raise TribalError(_("This person is not in your jurisdiction."))
        services.family_link_add(
            person=case.person,
            relative=relative,
            relation=form.cleaned_data["relation"],
            by=request.user,
        )

    return _act(request, form, action, _("Family link recorded."), back)


@require_POST
@require_perms("tribal.change_familylink")
def family_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = sel.family_link_get_for_user(request.user, pk)
    form = f.ReasonForm(request.POST)
    raw = request.POST.get("case", "")
    back = reverse("tribal:family", args=[int(raw)]) if raw.isdigit() else "tribal:overview"
    return _act(
        request,
        form,
        lambda: services.family_link_remove(
            link=link, by=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Family link removed."),
        back,
    )


# --- Disavowals ----------------------------------------------------------------------------------


@require_perms("casefiles.view_case", "tribal.add_disavowal")
def disavowal_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A disavowal against him or against one of his family in the programme."""
    case = case_get_for_user(request.user, pk)
    people = [(case.person, _("%(name)s (this case)") % {"name": case.person.display_name})]
    people += [
        (r.person, f"{r.person.display_name} ({r.relation})")
        for r in sel.relatives_of(request.user, case.person)
    ]
    form = f.DisavowalForm(
        request.POST or None,
        user=request.user,
        people=people,
        initial={"filed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        disavowal = _attempt(
            form,
            lambda: services.disavowal_file(
                person=form.person(),
                governorate=case.governorate,
                data=form.data_for_service(),
                by=request.user,
            ),
        )
        if disavowal:
            messages.success(request, _("Disavowal recorded."))
            return redirect(disavowal)
    return _form_page(
        request, form, title=_("Disavowal (bara'a)"), back=_case_page(case), case=case
    )


@require_perms("tribal.view_disavowal", SUPERVISOR)
def disavowal_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request, Disavowal.Status.choices)
    return _list_page(
        request, "tribal/disavowal_list.html", sel.disavowal_list(request.user, filters), form
    )


@require_perms("tribal.view_disavowal")
def disavowal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    disavowal = sel.disavowal_get_for_user(request.user, pk)
    _log_view(request, disavowal)
    return render(
        request,
        "tribal/disavowal_detail.html",
        {
            "disavowal": disavowal,
            "cases": list(
                Case.objects.in_jurisdiction(request.user)
                .filter(person_id=disavowal.person_id)
                .only("pk", "number", "status")
            ),
            "decide_form": f.DisavowalDecideForm(initial={"on": timezone.localdate()})
            if request.user.has_perm("tribal.change_disavowal")
            and disavowal.status != Disavowal.Status.WITHDRAWN
            else None,
            "history": history_for(disavowal),
        },
    )


@require_POST
@require_perms("tribal.change_disavowal")
def disavowal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    disavowal = sel.disavowal_get_for_user(request.user, pk)
    form = f.DisavowalDecideForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.disavowal_decide(
            disavowal=disavowal,
            to_status=form.cleaned_data["to_status"],
            on=form.cleaned_data["on"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Disavowal updated."),
        disavowal.get_absolute_url(),
    )


# --- Guarantees ----------------------------------------------------------------------------------


@require_perms("casefiles.view_case", "tribal.add_guarantee")
def guarantee_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.GuaranteeForm(
        request.POST or None, user=request.user, initial={"starts_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        guarantee = _attempt(
            form,
            lambda: services.guarantee_give(
                case=case, data=form.data_for_service(), by=request.user
            ),
        )
        if guarantee:
            messages.success(request, _("Guarantee recorded."))
            return redirect(guarantee)
    return _form_page(
        request, form, title=_("Guarantee (kafala)"), back=_case_page(case), case=case
    )


@require_perms("tribal.view_guarantee", SUPERVISOR)
def guarantee_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request, Guarantee.Status.choices, with_overdue=True)
    return _list_page(
        request,
        "tribal/guarantee_list.html",
        sel.guarantee_list(request.user, filters),
        form,
        today=timezone.localdate(),
    )


@require_perms("tribal.view_guarantee")
def guarantee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = sel.guarantee_get_for_user(request.user, pk)
    _log_view(request, guarantee, governorate_id=guarantee.case.governorate_id)
    can_change = (
        request.user.has_perm("tribal.change_guarantee")
        and guarantee.status == Guarantee.Status.ACTIVE
    )
    today = timezone.localdate()
    return render(
        request,
        "tribal/guarantee_detail.html",
        {
            "guarantee": guarantee,
            "case": guarantee.case,
            "reports": list(guarantee.reports.select_related("recorded_by")),
            "breaches": list(guarantee.breaches.select_related("recorded_by")),
            "deadlines": deadlines_for_record(request.user, guarantee),
            "can_change": can_change,
            "report_form": f.ReportForm(initial={"reported_on": today}) if can_change else None,
            "breach_form": f.BreachForm(initial={"occurred_on": today}) if can_change else None,
            "end_form": f.GuaranteeEndForm(initial={"on": today}) if can_change else None,
            "history": history_for(guarantee),
        },
    )


@require_POST
@require_perms("tribal.change_guarantee")
def guarantee_report(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = sel.guarantee_get_for_user(request.user, pk)
    form = f.ReportForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.guarantee_record_report(
            guarantee=guarantee,
            reported_on=form.cleaned_data["reported_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        _("Report recorded."),
        guarantee.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.change_guarantee")
def guarantee_breach(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = sel.guarantee_get_for_user(request.user, pk)
    form = f.BreachForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.guarantee_record_breach(
            guarantee=guarantee, data=form.cleaned_data, by=request.user
        ),
        _("Breach recorded."),
        guarantee.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.change_guarantee")
def guarantee_end(request: HttpRequest, pk: int) -> HttpResponse:
    guarantee = sel.guarantee_get_for_user(request.user, pk)
    form = f.GuaranteeEndForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.guarantee_end(
            guarantee=guarantee,
            to_status=form.cleaned_data["to_status"],
            on=form.cleaned_data["on"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("The guarantee has ended."),
        guarantee.get_absolute_url(),
    )


# --- Settlements ---------------------------------------------------------------------------------


@require_perms("casefiles.view_case", "tribal.add_settlement")
def settlement_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.SettlementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        settlement = _attempt(
            form,
            lambda: services.settlement_open(
                case=case, data=form.data_for_service(), by=request.user
            ),
        )
        if settlement:
            messages.success(request, _("Settlement recorded."))
            return redirect(settlement)
    return _form_page(
        request, form, title=_("Reconciliation settlement (sulh)"), back=_case_page(case), case=case
    )


@require_perms("tribal.view_settlement", SUPERVISOR)
def settlement_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request, Settlement.Status.choices)
    return _list_page(
        request, "tribal/settlement_list.html", sel.settlement_list(request.user, filters), form
    )


@require_perms("tribal.view_settlement")
def settlement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = sel.settlement_get_for_user(request.user, pk)
    _log_view(request, settlement, governorate_id=settlement.case.governorate_id)
    can_change = request.user.has_perm("tribal.change_settlement")
    agreed = settlement.status == Settlement.Status.AGREED
    today = timezone.localdate()
    return render(
        request,
        "tribal/settlement_detail.html",
        {
            "settlement": settlement,
            "case": settlement.case,
            "move_form": f.SettlementMoveForm(initial={"on": today})
            if can_change
            and settlement.status in (Settlement.Status.NEGOTIATING, Settlement.Status.AGREED)
            else None,
            "waiver_form": f.WaiverForm(initial={"given_on": today})
            if can_change and agreed and not settlement.waiver_given_on
            else None,
            "payment_form": f.PaymentForm(initial={"paid_on": today})
            if can_change
            and agreed
            and settlement.compensation_amount
            and not settlement.compensation_paid_on
            else None,
            "history": history_for(settlement),
        },
    )


@require_POST
@require_perms("tribal.change_settlement")
def settlement_move(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = sel.settlement_get_for_user(request.user, pk)
    form = f.SettlementMoveForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.settlement_move(
            settlement=settlement,
            to_status=form.cleaned_data["to_status"],
            on=form.cleaned_data["on"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Settlement updated."),
        settlement.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.change_settlement")
def settlement_waiver(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = sel.settlement_get_for_user(request.user, pk)
    form = f.WaiverForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.settlement_record_waiver(
            settlement=settlement,
            given_on=form.cleaned_data["given_on"],
            document=form.cleaned_data["document"],
            by=request.user,
        ),
        _("Victim's waiver recorded."),
        settlement.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.change_settlement")
def settlement_payment(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = sel.settlement_get_for_user(request.user, pk)
    form = f.PaymentForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.settlement_record_payment(
            settlement=settlement, paid_on=form.cleaned_data["paid_on"], by=request.user
        ),
        _("Payment recorded."),
        settlement.get_absolute_url(),
    )


# --- Panels and sittings -------------------------------------------------------------------------


@require_perms("tribal.view_panel")
def panel_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, sel.panel_list(request.user), PAGE_SIZE)
    return render(request, "tribal/panel_list.html", {"page": page, "query": query})


@require_perms("tribal.add_panel")
def panel_new(request: HttpRequest) -> HttpResponse:
    form = f.PanelForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        panel = _attempt(
            form, lambda: services.panel_create(data=form.cleaned_data, by=request.user)
        )
        if panel:
            messages.success(request, _("Panel recorded."))
            return redirect(panel)
    return _form_page(request, form, title=_("New panel"), back="tribal:panels")


@require_perms("tribal.view_panel")
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A panel: its members, its sittings, and the petitions before it."""
    panel = sel.panel_get_for_user(request.user, pk)
    _log_view(request, panel, governorate_id=panel.governorate_id)
    can_change = request.user.has_perm("tribal.change_panel") and panel.is_active
    petitions = sel.petition_list(request.user, sel.ListFilters(), panel=panel)
    page, query = paginate(request, petitions, PAGE_SIZE)
    return render(
        request,
        "tribal/panel_detail.html",
        {
            "panel": panel,
            "members": list(panel.members.select_related("sheikh", "unit")),
            "sittings": list(
                panel.sittings.annotate(listed=Count("petitions")).order_by("-scheduled_at")[:50]
            ),
            "page": page,
            "query": query,
            "member_form": f.MemberForm(
                panel=panel, user=request.user, initial={"since": timezone.localdate()}
            )
            if can_change
            else None,
            "sitting_form": f.SittingForm()
            if request.user.has_perm("tribal.add_panelsitting") and panel.is_active
            else None,
            "can_change": can_change,
        },
    )


@require_POST
@require_perms("tribal.change_panel")
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    panel = sel.panel_get_for_user(request.user, pk)
    form = f.MemberForm(request.POST, panel=panel, user=request.user)
    return _act(
        request,
        form,
        lambda: services.panel_member_add(
            panel=panel, data=form.data_for_service(), by=request.user
        ),
        _("Member seated."),
        panel.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.change_panel")
def member_leave(request: HttpRequest, pk: int) -> HttpResponse:
    member = sel.panel_member_get_for_user(request.user, pk)
    form = f.DatedReasonForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.panel_member_leave(
            member=member,
            on=form.cleaned_data["on"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Recorded: the member left the panel."),
        member.panel.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.add_panelsitting")
def sitting_new(request: HttpRequest, pk: int) -> HttpResponse:
    panel = sel.panel_get_for_user(request.user, pk)
    form = f.SittingForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.sitting_schedule(
            panel=panel,
            scheduled_at=form.cleaned_data["scheduled_at"],
            place=form.cleaned_data["place"],
            by=request.user,
        ),
        _("Sitting scheduled; its date is a deadline."),
        panel.get_absolute_url(),
    )


@require_perms("tribal.view_panelsitting")
def sitting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A sitting: the petitions listed for it, who sat, and recording it held or called off."""
    sitting = sel.sitting_get_for_user(request.user, pk)
    _log_view(request, sitting, governorate_id=sitting.panel.governorate_id)
    scheduled = sitting.status == PanelSitting.Status.SCHEDULED
    can_change = request.user.has_perm("tribal.change_panelsitting") and scheduled
    return render(
        request,
        "tribal/sitting_detail.html",
        {
            "sitting": sitting,
            "panel": sitting.panel,
            "petitions": list(sel.petitions_for_user(request.user).filter(sitting=sitting)),
            "present": list(sitting.members_present.all()),
            "deadlines": deadlines_for_record(request.user, sitting),
            "held_form": f.SittingHeldForm(
                sitting=sitting, initial={"held_at": timezone.localtime(sitting.scheduled_at)}
            )
            if can_change
            else None,
            "call_off_form": f.SittingCallOffForm() if can_change else None,
            "can_decide": request.user.has_perm("tribal.decide_petition")
            and sitting.status == PanelSitting.Status.HELD,
            "history": history_for(sitting),
        },
    )


@require_POST
@require_perms("tribal.change_panelsitting")
def sitting_held(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = sel.sitting_get_for_user(request.user, pk)
    form = f.SittingHeldForm(request.POST, sitting=sitting)
    return _act(
        request,
        form,
        lambda: services.sitting_record_held(
            sitting=sitting,
            held_at=form.cleaned_data["held_at"],
            members_present=form.cleaned_data["members_present"],
            minutes=form.cleaned_data["minutes"],
            by=request.user,
        ),
        _("Sitting recorded as held."),
        sitting.get_absolute_url(),
    )


@require_POST
@require_perms("tribal.change_panelsitting")
def sitting_call_off(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = sel.sitting_get_for_user(request.user, pk)
    form = f.SittingCallOffForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.sitting_call_off(
            sitting=sitting,
            by=request.user,
            reason=form.cleaned_data["reason"],
            new_scheduled_at=form.cleaned_data["new_scheduled_at"],
        ),
        _("Sitting postponed or cancelled."),
        sitting.get_absolute_url(),
    )


# --- Petitions -----------------------------------------------------------------------------------


@require_perms("casefiles.view_case", "tribal.add_petition")
def petition_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.PetitionForm(
        request.POST or None,
        user=request.user,
        case=case,
        initial={"filed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        petition = _attempt(
            form,
            lambda: services.petition_file(
                case=case,
                panel=form.cleaned_data["panel"],
                data=form.data_for_service(),
                by=request.user,
            ),
        )
        if petition:
            messages.success(request, _("Petition recorded."))
            return redirect(petition)
    return _form_page(
        request, form, title=_("Petition for forgiveness"), back=_case_page(case), case=case
    )


@require_perms("tribal.view_petition", SUPERVISOR)
def petition_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request, Petition.Status.choices)
    return _list_page(
        request, "tribal/petition_list.html", sel.petition_list(request.user, filters), form
    )


@require_perms("tribal.view_petition")
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = sel.petition_get_for_user(request.user, pk)
    _log_view(request, petition, governorate_id=petition.case.governorate_id)
    can_change = request.user.has_perm("tribal.change_petition")
    open_ = petition.status in (Petition.Status.FILED, Petition.Status.LISTED)
    return render(
        request,
        "tribal/petition_detail.html",
        {
            "petition": petition,
            "case": petition.case,
            "list_form": f.PetitionListForm(petition=petition) if can_change and open_ else None,
            "withdraw_form": f.ReasonForm() if can_change and open_ else None,
            "can_decide": request.user.has_perm("tribal.decide_petition")
            and petition.status == Petition.Status.LISTED,
            "history": history_for(petition),
        },
    )


@require_POST
@require_perms("tribal.change_petition")
def petition_list_at(request: HttpRequest, pk: int) -> HttpResponse:
    petition = sel.petition_get_for_user(request.user, pk)
    form = f.PetitionListForm(request.POST, petition=petition)
    return _act(
        request,
        form,
        lambda: services.petition_list(
            petition=petition, sitting=form.cleaned_data["sitting"], by=request.user
        ),
        _("Petition listed for the sitting."),
        petition.get_absolute_url(),
    )


@require_perms("tribal.decide_petition")
def petition_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel's recommendation on a petition heard at a held sitting."""
    petition = sel.petition_get_for_user(request.user, pk)
    form = f.PetitionDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.petition_decide(
                petition=petition,
                recommendation=data["recommendation"],
                reasons=data["reasons"],
                evidence_for_commutation=data["evidence_for_commutation"],
                to_court=data["to_court"],
                to_committee=data["to_committee"],
                by=request.user,
            ),
        ):
            messages.success(request, _("The panel's recommendation is recorded."))
            return redirect(petition)
    return _form_page(
        request,
        form,
        title=_("The panel's recommendation"),
        back=petition.get_absolute_url(),
        case=petition.case,
        petition=petition,
    )


@require_POST
@require_perms("tribal.change_petition")
def petition_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    petition = sel.petition_get_for_user(request.user, pk)
    form = f.ReasonForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.petition_withdraw(
            petition=petition, by=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Petition withdrawn."),
        petition.get_absolute_url(),
    )


# --- Clearance -----------------------------------------------------------------------------------


@require_perms("casefiles.view_case", "tribal.add_clearance")
def clearance_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.ClearanceRequestForm(
        request.POST or None, initial={"requested_on": timezone.localdate()}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: services.clearance_request(
                case=case,
                requested_on=form.cleaned_data["requested_on"],
                requested_from=form.cleaned_data["requested_from"],
                note=form.cleaned_data["note"],
                by=request.user,
            ),
        )
    ):
        messages.success(request, _("Security clearance requested."))
        return redirect("tribal:case", pk=case.pk)
    return _form_page(
        request, form, title=_("Security clearance"), back=_case_page(case), case=case
    )


@require_perms("tribal.view_clearance", SUPERVISOR)
def clearance_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request, Clearance.Status.choices)
    return _list_page(
        request, "tribal/clearance_list.html", sel.clearance_list(request.user, filters), form
    )


@require_perms("tribal.view_clearance")
def clearance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A clearance request, and (for whoever records decisions) the decision form."""
    clearance = sel.clearance_get_for_user(request.user, pk)
    can_decide = (
        request.user.has_perm("tribal.decide_clearance")
        and clearance.status == Clearance.Status.REQUESTED
    )
    form = f.ClearanceDecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm("tribal.decide_clearance"):
            raise PermissionDenied
        if not can_decide:
            messages.error(request, _("This clearance has already been decided."))
            return redirect(clearance)
        if form.is_valid():
            data = form.cleaned_data
            if _attempt(
                form,
                lambda: services.clearance_decide(
                    clearance=clearance,
                    granted=data["granted"],
                    decided_on=data["decided_on"],
                    authority=data["authority"],
                    reference=data["reference"],
                    reason=data["reason"],
                    by=request.user,
                ),
            ):
                messages.success(request, _("The clearance decision is recorded."))
                return redirect("tribal:case", pk=clearance.case_id)
    else:
        _log_view(request, clearance, governorate_id=clearance.case.governorate_id)
    return render(
        request,
        "tribal/clearance_detail.html",
        {
            "clearance": clearance,
            "case": clearance.case,
            "form": form if can_decide else None,
            "history": history_for(clearance),
        },
    )


# --- Return home, follow-up, protection, closing -------------------------------------------------


@require_perms("casefiles.view_case", "tribal.add_returnhome")
def return_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    person = case.person
    form = f.ReturnForm(
        request.POST or None,
        user=request.user,
        case=case,
        initial={
            "returned_on": timezone.localdate(),
            "governorate": person.home_governorate_id or case.governorate_id,
            "district": person.home_district_id,
            "case_worker": case.assigned_officer_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: services.return_record(
                case=case,
                clearance=data["clearance"],
                guarantee=data["guarantee"],
                case_worker=data["case_worker"],
                data=form.data_for_service(),
                by=request.user,
            ),
        ):
            messages.success(
                request, _("Return home recorded; the first follow-up visit is planned.")
            )
            return redirect("tribal:case", pk=case.pk)
    return _form_page(request, form, title=_("Return home"), back=_case_page(case), case=case)


@require_perms("tribal.view_returnhome", SUPERVISOR)
def returnee_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(
        request, [("open", _("Under follow-up")), ("closed", _("Closed"))], with_overdue=True
    )
    page, query = paginate(request, sel.returnee_list(request.user, filters), PAGE_SIZE)
    labels = dict(FollowUpVisit.Outcome.choices)
    for returnee in page.object_list:
        returnee.last_outcome_label = labels.get(returnee.last_outcome, "")
    return render(
        request,
        "tribal/returnee_list.html",
        {"form": form, "page": page, "query": query, "today": timezone.localdate()},
    )


@require_perms("casefiles.view_case", "tribal.add_followupvisit")
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.VisitPlanForm(
        request.POST or None, user=request.user, initial={"case_worker": case.assigned_officer_id}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: services.visit_plan(
                case=case,
                due_on=form.cleaned_data["due_on"],
                case_worker=form.cleaned_data["case_worker"],
                by=request.user,
            ),
        )
    ):
        messages.success(request, _("Follow-up visit planned."))
        return redirect("tribal:case", pk=case.pk)
    return _form_page(
        request, form, title=_("Plan a follow-up visit"), back=_case_page(case), case=case
    )


@require_perms("tribal.view_followupvisit")
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up visit; while planned, recording it made (or cancelling it)."""
    visit = sel.visit_get_for_user(request.user, pk)
    planned = visit.status == FollowUpVisit.Status.PLANNED
    can_change = request.user.has_perm("tribal.change_followupvisit") and planned
    form = f.VisitRecordForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm("tribal.change_followupvisit"):
            raise PermissionDenied
        if not can_change:
            messages.error(request, _("This visit is no longer planned."))
            return redirect(visit)
        if form.is_valid():
            data = form.cleaned_data
            if _attempt(
                form,
                lambda: services.visit_record(
                    visit=visit,
                    visited_on=data["visited_on"],
                    outcome=data["outcome"],
                    notes=data["notes"],
                    next_due_on=data["next_due_on"],
                    by=request.user,
                ),
            ):
                messages.success(request, _("Visit recorded."))
                return redirect("tribal:case", pk=visit.case_id)
    else:
        _log_view(request, visit, governorate_id=visit.case.governorate_id)
    return render(
        request,
        "tribal/visit_detail.html",
        {
            "visit": visit,
            "case": visit.case,
            "form": form if can_change else None,
            "cancel_form": f.ReasonForm() if can_change else None,
            "deadlines": deadlines_for_record(request.user, visit),
            "history": history_for(visit),
        },
    )


@require_POST
@require_perms("tribal.change_followupvisit")
def visit_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    visit = sel.visit_get_for_user(request.user, pk)
    form = f.ReasonForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.visit_cancel(
            visit=visit, by=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Visit cancelled."),
        visit.get_absolute_url(),
    )


@require_perms("casefiles.view_case", "tribal.add_protectionmeasure")
def protection_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    form = f.ProtectionForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: services.protection_start(case=case, data=form.cleaned_data, by=request.user),
        )
    ):
        messages.success(request, _("Protection measure recorded."))
        return redirect("tribal:case", pk=case.pk)
    return _form_page(
        request, form, title=_("Family protection measure"), back=_case_page(case), case=case
    )


@require_POST
@require_perms("tribal.change_protectionmeasure")
def protection_end(request: HttpRequest, pk: int) -> HttpResponse:
    measure = sel.protection_get_for_user(request.user, pk)
    form = f.DatedReasonForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.protection_end(
            measure=measure,
            on=form.cleaned_data["on"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        ),
        _("Protection measure ended."),
        _case_page(measure.case),
    )


@require_POST
@require_perms("casefiles.view_case", "tribal.complete_reintegration")
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the case: his reintegration is complete (refused while anything is still open)."""
    case = case_get_for_user(request.user, pk)
    form = f.ReasonForm(request.POST)
    return _act(
        request,
        form,
        lambda: services.reintegration_complete(
            case=case, by=request.user, reason=form.cleaned_data["reason"]
        ),
        _("Reintegration complete: the case is closed."),
        _case_page(case),
    )
