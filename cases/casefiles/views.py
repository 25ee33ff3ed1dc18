"""Officer pages of the casefiles app: intake, the case list and search, the case page and its
actions, and editing with optimistic locking. Thin: access helper, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.deadlines.selectors import deadlines_for_record
from cases.people.selectors import person_search_ids
from cases.security.access import require_perms
from cases.security.forms import apply_errors
from cases.security.history import history_for
from cases.security.listing import keyset_paginate

from . import rules
from .forms import (
    CaseEditForm,
    CaseFilterForm,
    CustodyEntryForm,
    DetentionOrderForm,
    IntakeForm,
    NameSearchForm,
    PersonForm,
    PresentationForm,
    ScreeningForm,
    StatusForm,
    WeaponForm,
)
from .models import Case, WeaponItem
from .selectors import (
    CaseFilters,
    case_get_for_change,
    case_get_for_user,
    case_list,
    case_sections,
    case_timeline,
    detention_summary,
)
from .services import (
    INTAKE_EDIT_FIELDS,
    CaseError,
    ConflictError,
    case_record_intake,
    case_record_presentation,
    case_transition,
    case_update,
    detention_order_add,
    screening_record,
    weapon_add,
    weapon_custody_add,
)

PAGE_SIZE = 25
#: A search by name shows this many cases at most, on one page (its links could not repeat a POST).
SEARCH_LIMIT = 100
A = AccessLogEntry.Action


@require_perms("casefiles.view_case")
def case_list_view(request: HttpRequest) -> HttpResponse:
    """Cases of the jurisdiction, filtered, sorted, paginated by keyset (``?after=``: page
    40,000 costs what page 2 costs); search by number here, by name through the POST form (names
    never go into a URL)."""
    form = CaseFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    juvenile = {"yes": True, "no": False}.get(data.get("juvenile") or "")
    filters = CaseFilters(
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        governorate=data.get("governorate"),
        unit=data.get("unit"),
        juvenile=juvenile,
        overdue=bool(data.get("overdue")),
        number=data.get("number") or "",
        sort=data.get("sort") or "newest",
    )
    page = keyset_paginate(request, case_list(request.user, filters), PAGE_SIZE)
    return render(
        request,
        "casefiles/list.html",
        {"form": form, "page": page, "query": page.query, "search_form": NameSearchForm()},
    )


@require_POST
@require_perms("casefiles.view_case")
def case_search(request: HttpRequest) -> HttpResponse:
    """Cases of the persons whose names match; the search is access-logged without the name."""
    search_form = NameSearchForm(request.POST)
    cases = case_list(request.user, CaseFilters(person_ids=()))  # none, in the list's order
    if search_form.is_valid():
        ids = person_search_ids(request.user, search_form.cleaned_data["name"])
        cases = case_list(request.user, CaseFilters(person_ids=tuple(ids)))
        access_log_record(action=A.SEARCH, request=request, reason=_("case search by name"))
    page = keyset_paginate(request, cases, SEARCH_LIMIT, paged=False)
    return render(
        request,
        "casefiles/list.html",
        {
            "form": CaseFilterForm(user=request.user),
            "page": page,
            "query": "",
            "search_form": search_form,
            "searched": True,
        },
    )


@require_perms("casefiles.add_case")
def intake(request: HttpRequest) -> HttpResponse:
    """The intake form: who came in, how, and what he declares."""
    person_form = PersonForm(request.POST or None, prefix="person")
    intake_form = IntakeForm(request.POST or None, prefix="intake", user=request.user)
    existing = _existing_person(request)
    if request.method == "POST" and person_form.is_valid() and intake_form.is_valid():
        try:
            with transaction.atomic():
                case = case_record_intake(
                    person=existing,
                    person_data=person_form.cleaned_data,
                    aliases=person_form.alias_list(),
                    kind=intake_form.cleaned_data["kind"],
                    receiving_unit=intake_form.cleaned_data["receiving_unit"],
                    assigned_officer=intake_form.cleaned_data["assigned_officer"],
                    intake_data=intake_form.intake_data(),
                    by=request.user,
                )
        except ValidationError as error:
            apply_errors(intake_form, error)
        else:
            messages.success(
                request,
                _("Case %(number)s opened. The 24-hour deadline for the investigating judge runs.")
                % {"number": case.number},
            )
            return redirect(case)
    return render(
        request,
        "casefiles/intake.html",
        {
            "person_form": person_form,
            "intake_form": intake_form,
            "existing_person": existing.pk if existing else "",
        },
    )


def _existing_person(request: HttpRequest):
    """The known person the officer chose in the candidates panel, if any (in his jurisdiction)."""
    from cases.people.models import Person

    raw = request.POST.get("existing_person", "")
    if not raw.isdigit():
        return None
    return Person.objects.in_jurisdiction(request.user).active().filter(pk=int(raw)).first()


@require_perms("casefiles.view_case")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The case page: identity, intake, screening, custody, weapons, deadlines, timeline."""
    case = case_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=case)
    orders = list(case.detention_orders.select_related("court"))
    deadlines = deadlines_for_record(request.user, case)
    weapons = list(case.weapons.prefetch_related("custody").select_related("received_by"))
    allowed = sorted(rules.ALLOWED_MOVES.get(case.status, ()))
    can_change = request.user.has_perm("casefiles.change_case")
    section_templates, sections = case_sections(request.user, case)
    return render(
        request,
        "casefiles/detail.html",
        {
            "case": case,
            "person": case.person,
            "intake": case.intake,
            "screening": getattr(case, "screening", None),
            "orders": orders,
            "detention": detention_summary(case, orders),
            "weapons": weapons,
            "deadlines": deadlines,
            "timeline": case_timeline(case, deadlines=deadlines),
            "history": history_for(case),
            "case_sections": section_templates,
            **sections,
            "can_change": can_change,
            "status_form": StatusForm(choices=[(s, Case.Status(s).label) for s in allowed])
            if allowed and request.user.has_perm("casefiles.change_case_status")
            else None,
            "presentation_form": PresentationForm(
                user=request.user, initial={"at": timezone.localtime()}
            )
            if can_change and not case.intake.presented_to_judge_at
            else None,
            "custody_form": CustodyEntryForm(),
            "add_deadline_url": _add_deadline_url(case)
            if request.user.has_perm("deadlines.add_deadline")
            else "",
        },
    )


def _add_deadline_url(case: Case) -> str:
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    return reverse("deadlines:add", args=[ContentType.objects.get_for_model(case).pk, case.pk])


@require_perms("casefiles.change_case")
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit identity and intake. A save begun on an older version is refused and the other
    person's change is shown; what this user typed stays in the form."""
    case = case_get_for_change(request.user, pk)
    intake_obj = case.intake
    initial = {
        "kind": case.kind,
        "receiving_unit": case.receiving_unit_id,
        "assigned_officer": case.assigned_officer_id,
        "version": case.version,
    }
    person_form = PersonForm(
        request.POST or None, prefix="person", instance=case.person, with_aliases=False
    )
    form = CaseEditForm(
        request.POST or None,
        prefix="intake",
        instance=intake_obj,
        initial=initial,
        user=request.user,
    )
    conflict = None
    if request.method == "POST" and person_form.is_valid() and form.is_valid():
        data = form.cleaned_data
        try:
            case_update(
                case=case,
                version=data["version"],
                case_data={k: data[k] for k in ("kind", "receiving_unit", "assigned_officer")},
                intake_data={f: data[f] for f in INTAKE_EDIT_FIELDS},
                person_data=person_form.cleaned_data,
                by=request.user,
                reason=data["reason"],
            )
        except ConflictError as error:
            conflict = {
                "message": str(error),
                "history": history_for(error.current)[-5:],
                "current": error.current,
            }
        except CaseError as error:
            form.add_error("reason", str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Case %(number)s saved.") % {"number": case.number})
            return redirect(case)
    return render(
        request,
        "casefiles/edit.html",
        {"case": case, "person_form": person_form, "form": form, "conflict": conflict},
    )


@require_POST
@require_perms("casefiles.change_case_status")
def case_status(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(request.user, pk)
    allowed = sorted(rules.ALLOWED_MOVES.get(case.status, ()))
    form = StatusForm(request.POST, choices=[(s, Case.Status(s).label) for s in allowed])
    if not form.is_valid():
        messages.error(request, _("Choose the next status and give the reason."))
        return redirect(case)
    try:
        case_transition(
            case=case,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Status changed."))
    return redirect(case)


@require_perms("casefiles.change_case")
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_change(request.user, pk)
    instance = getattr(case, "screening", None)
    form = ScreeningForm(
        request.POST or None, instance=instance, initial={"screened_at": timezone.localtime()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            screening_record(case=case, data=form.cleaned_data, by=request.user)
        except CaseError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Screening recorded."))
            return redirect(case)
    return render(
        request, "casefiles/form.html", {"case": case, "form": form, "title": _("Screening")}
    )


@require_perms("casefiles.change_case")
def weapon_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_change(request.user, pk)
    form = WeaponForm(
        request.POST or None, initial={"received_at": timezone.localtime(), "quantity": 1}
    )
    if request.method == "POST" and form.is_valid():
        weapon_add(case=case, data=dict(form.cleaned_data), by=request.user)
        messages.success(request, _("Weapon registered."))
        if "another" in request.POST:
            return redirect("casefiles:weapon_new", pk=case.pk)
        return redirect(case)
    return render(
        request,
        "casefiles/form.html",
        {"case": case, "form": form, "title": _("Weapon handed over"), "another": True},
    )


@require_POST
@require_perms("casefiles.change_case")
def weapon_custody(request: HttpRequest, pk: int, weapon_pk: int) -> HttpResponse:
    case = case_get_for_change(request.user, pk)
    weapon = get_object_or_404(WeaponItem, pk=weapon_pk, case=case)
    form = CustodyEntryForm(request.POST)
    if form.is_valid():
        try:
            weapon_custody_add(weapon=weapon, by=request.user, **form.cleaned_data)
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Custody recorded."))
    else:
        messages.error(request, _("Say to whom and where the weapon went."))
    return redirect(f"{case.get_absolute_url()}#weapons")


@require_perms("casefiles.change_case")
def detention_order_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_change(request.user, pk)
    form = DetentionOrderForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            detention_order_add(case=case, data=dict(form.cleaned_data), by=request.user)
        except CaseError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Detention order recorded; its end is a deadline."))
            return redirect(case)
    return render(
        request, "casefiles/form.html", {"case": case, "form": form, "title": _("Detention order")}
    )


@require_POST
@require_perms("casefiles.change_case")
def presentation(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_change(request.user, pk)
    form = PresentationForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            case_record_presentation(case=case, by=request.user, **form.cleaned_data)
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Recorded: his papers reached the investigating judge."))
    else:
        messages.error(request, _("Give the time and the court."))
    return redirect(case)
