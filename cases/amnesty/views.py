"""Pages of the amnesty app: decrees (with the live countdown of their window and the counts),
absences per unit, applications with the engine's explanation, and the committee's decision.
Thin: access helper, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.accounts.jurisdiction import get_for_change
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.forms import PersonForm
from cases.casefiles.selectors import cases_for_user
from cases.deadlines.selectors import deadlines_for_record
from cases.people.models import Person
from cases.security.access import require_perms
from cases.security.forms import apply_errors
from cases.security.history import history_for
from cases.security.listing import paginate

from . import rules
from .forms import (
    AbsenceFilterForm,
    AbsenceForm,
    AbsenceStatusForm,
    ApplicationFilterForm,
    ApplyForm,
    ConditionForm,
    DecisionForm,
)
from .models import AbsenceReport, Application, Decree, DecreeCondition
from .selectors import (
    AbsenceFilters,
    ApplicationFilters,
    absence_counts,
    absence_evaluate,
    absence_get_for_change,
    absence_get_for_user,
    absence_list,
    absences_for_user,
    application_evaluate,
    application_get_for_change,
    application_get_for_user,
    application_list,
    decree_counts,
    decree_get,
    decrees_with_terms,
    stored_result,
)
from .services import (
    AmnestyError,
    absence_change_status,
    absence_report,
    application_decide,
    application_open,
    application_record_condition,
    application_start_review,
)

A = AccessLogEntry.Action
PAGE_SIZE = 50


def _add_deadline_url(request: HttpRequest, record) -> str:
    if not request.user.has_perm("deadlines.add_deadline"):
        return ""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    content_type = ContentType.objects.get_for_model(record)
    return reverse("deadlines:add", args=[content_type.pk, record.pk])


# --- Decrees -------------------------------------------------------------------------------------


@require_perms("amnesty.view_decree")
def decree_list(request: HttpRequest) -> HttpResponse:
    """Every decree, with its window's countdown and, for the user's jurisdiction, the members
    who returned in time, those still awaited, those for whom it lapsed, and its applications."""
    decrees = list(decrees_with_terms())
    counts = decree_counts(request.user, decrees)
    rows = [(decree, counts[decree.pk]) for decree in decrees]
    return render(request, "amnesty/decree_list.html", {"rows": rows})


@require_perms("amnesty.view_decree")
def decree_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A decree: whom and what it covers, its exclusions and conditions (with the dates they
    apply from and their sources), its window, and the counts of the user's jurisdiction. A
    decree is law for the whole country: every user who works with amnesty may read it."""
    decree = decree_get(pk)
    counts = decree_counts(request.user, [decree])[decree.pk]
    return render(
        request,
        "amnesty/decree_detail.html",
        {
            "decree": decree,
            "counts": counts,
            "exclusions": list(decree.exclusions.all()),
            "conditions": list(decree.conditions.all()),
            "history": history_for(decree),
            "today": timezone.localdate(),
        },
    )


# --- Absences ------------------------------------------------------------------------------------


@require_perms("amnesty.view_absencereport")
def absence_list_view(request: HttpRequest) -> HttpResponse:
    """The absences of the user's unit (or of every unit of his jurisdiction, for those who
    supervise), and how many left each unit by month."""
    form = AbsenceFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = AbsenceFilters(
        unit=data.get("unit"), status=data.get("status") or "", month=data.get("month")
    )
    page, query = paginate(request, absence_list(request.user, filters), PAGE_SIZE)
    return render(
        request,
        "amnesty/absence_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "counts": absence_counts(request.user, unit=filters.unit),
            "statuses": AbsenceReport.Status.choices,
        },
    )


def _chosen_person(request: HttpRequest) -> Person | None:
    """The known person chosen in the candidates panel, if any (in the user's jurisdiction)."""
    raw = request.POST.get("existing_person", "")
    if not raw.isdigit():
        return None
    return Person.objects.in_jurisdiction(request.user).active().filter(pk=int(raw)).first()


@require_perms("amnesty.add_absencereport")
def absence_new(request: HttpRequest) -> HttpResponse:
    """Report a member who left his post: who he is (likely matches shown as his names are
    typed), his unit, since when, and how."""
    person_form = PersonForm(request.POST or None, prefix="person")
    person_form.fields["service_number"].required = True
    form = AbsenceForm(request.POST or None, user=request.user)
    existing = _chosen_person(request) if request.method == "POST" else None
    if request.method == "POST" and person_form.is_valid() and form.is_valid():
        data = form.cleaned_data
        person_data = dict(person_form.cleaned_data)
        person_data.pop("aliases", None)
        try:
            with transaction.atomic():
                absence = absence_report(
                    service_number=person_data.pop("service_number"),
                    unit=data["unit"],
                    absent_since=data["absent_since"],
                    circumstances=data["circumstances"],
                    notes=data["notes"],
                    person=existing,
                    person_data=person_data,
                    aliases=person_form.alias_list(),
                    by=request.user,
                )
        except AmnestyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Absence %(label)s recorded.") % {"label": absence.audit_label},
            )
            return redirect(absence)
    return render(
        request,
        "amnesty/absence_new.html",
        {
            "person_form": person_form,
            "form": form,
            "existing_person": existing.pk if existing else "",
        },
    )


def _status_choices(absence: AbsenceReport) -> list[tuple[str, str]]:
    allowed = sorted(rules.ABSENCE_MOVES.get(absence.status, ()))
    return [(s, AbsenceReport.Status(s).label) for s in allowed]


@require_perms("amnesty.view_absencereport")
def absence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An absence: who, which unit, since when, what became of him, and what each decree with
    a return window says about him."""
    absence = absence_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=absence)
    today = timezone.localdate()
    evaluations = [
        (decree, absence_evaluate(absence, decree, on=today))
        for decree in decrees_with_terms().return_windows()
    ]
    choices = _status_choices(absence)
    can_change = request.user.has_perm("amnesty.change_absencereport")
    return render(
        request,
        "amnesty/absence_detail.html",
        {
            "absence": absence,
            "person": absence.person,
            "changes": absence.status_changes.select_related("by"),
            "evaluations": evaluations,
            "applications": absence.applications.select_related("decree", "case"),
            "deadlines": deadlines_for_record(request.user, absence),
            "add_deadline_url": _add_deadline_url(request, absence) if can_change else "",
            "history": history_for(absence),
            "status_form": AbsenceStatusForm(choices=choices) if can_change and choices else None,
            "can_apply": absence.case_id is not None
            and request.user.has_perm("amnesty.add_application"),
        },
    )


@require_POST
@require_perms("amnesty.change_absencereport")
def absence_status(request: HttpRequest, pk: int) -> HttpResponse:
    absence = absence_get_for_change(request.user, pk)
    form = AbsenceStatusForm(request.POST, choices=_status_choices(absence))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(absence)
    data = form.cleaned_data
    try:
        absence_change_status(
            absence=absence,
            to_status=data["to_status"],
            by=request.user,
            reason=data["reason"],
            on=data["on"],
            returned_at=data["returned_at"],
            emigrated_to=data["emigrated_to"],
        )
    except AmnestyError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Recorded."))
    return redirect(absence)


# --- Applying ------------------------------------------------------------------------------------


def _apply_page(request: HttpRequest, *, case, absence, back: str) -> HttpResponse:
    form = ApplyForm(request.POST or None, decrees=Decree.objects.order_by("-effective_on"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = application_open(
                decree=data["decree"],
                case=case,
                absence=absence,
                applied_on=data["applied_on"],
                note=data["note"],
                by=request.user,
            )
        except AmnestyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Application filed; the engine's explanation follows."))
            return redirect(application)
    return render(
        request,
        "amnesty/apply.html",
        {"form": form, "case": case, "absence": absence, "back": back},
    )


@require_perms("amnesty.add_application")
def absence_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply for amnesty from a member's return to his unit."""
    absence = get_for_change(
        absences_for_user(request.user).select_related("case", "unit"),
        request.user,
        "amnesty.add_application",
        pk=pk,
    )
    if absence.case is None:
        messages.error(
            request, _("Record his return first: the application is made on his return's case.")
        )
        return redirect(absence)
    return _apply_page(request, case=absence.case, absence=absence, back=absence.get_absolute_url())


@require_perms("amnesty.add_application")
def case_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply for amnesty for a case."""
    case = get_for_change(
        cases_for_user(request.user), request.user, "amnesty.add_application", pk=pk
    )
    return _apply_page(request, case=case, absence=None, back=case.get_absolute_url())


# --- Applications --------------------------------------------------------------------------------


@require_perms("amnesty.view_application")
def application_list_view(request: HttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = ApplicationFilters(
        status=data.get("status") or "",
        decree=data.get("decree"),
        engine_status=data.get("engine_status") or "",
    )
    page, query = paginate(request, application_list(request.user, filters), PAGE_SIZE)
    return render(
        request, "amnesty/application_list.html", {"form": form, "page": page, "query": query}
    )


def _application_page(
    request: HttpRequest,
    application: Application,
    *,
    decision_form: DecisionForm | None = None,
    condition_form: ConditionForm | None = None,
) -> HttpResponse:
    user = request.user
    result = application_evaluate(application)
    decision = getattr(application, "decision", None)
    decided_result = (
        stored_result(decision.engine_status, decision.engine_lines) if decision else None
    )
    conditions = DecreeCondition.objects.filter(decree_id=application.decree_id).exclude(
        kind=DecreeCondition.Kind.RETURN_TO_UNIT
    )
    is_open = application.is_open
    can_change = user.has_perm("amnesty.change_application")
    can_decide = user.has_perm("amnesty.decide_application")
    return render(
        request,
        "amnesty/application_detail.html",
        {
            "application": application,
            "case": application.case,
            "decree": application.decree,
            "result": result,
            "decision": decision,
            "decided_result": decided_result,
            "changed_since_decision": decided_result is not None
            and decided_result.outcomes() != result.outcomes(),
            "states": list(application.condition_states.all()),
            "deadlines": deadlines_for_record(user, application),
            "add_deadline_url": _add_deadline_url(request, application) if can_change else "",
            "history": history_for(application),
            "condition_form": (condition_form or ConditionForm(conditions=conditions))
            if is_open and can_change and conditions.exists()
            else None,
            "decision_form": (decision_form or DecisionForm()) if is_open and can_decide else None,
            "can_review": can_decide and application.status == Application.Status.APPLIED,
        },
    )


@require_perms("amnesty.view_application")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An application: the engine's explanation rule by rule as of today, the conditions, and
    the decision (with the explanation it was taken on)."""
    application = application_get_for_user(request.user, pk)
    access_log_record(
        action=A.VIEW,
        request=request,
        obj=application,
        governorate_id=application.case.governorate_id,
    )
    return _application_page(request, application)


@require_POST
@require_perms("amnesty.decide_application")
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_change(request.user, pk, "amnesty.decide_application")
    try:
        application_start_review(application=application, by=request.user)
    except AmnestyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The application is under review."))
    return redirect(application)


@require_POST
@require_perms("amnesty.change_application")
def application_condition(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_get_for_change(request.user, pk)
    conditions = DecreeCondition.objects.filter(decree_id=application.decree_id)
    form = ConditionForm(request.POST, conditions=conditions)
    if form.is_valid():
        data = form.cleaned_data
        try:
            application_record_condition(
                application=application,
                condition=data["condition"],
                state=data["state"],
                on=data["on"],
                note=data["note"],
                by=request.user,
            )
        except AmnestyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Condition recorded."))
            return redirect(application)
    full = application_get_for_user(request.user, pk)
    return _application_page(request, full, condition_form=form)


@require_POST
@require_perms("amnesty.decide_application")
def application_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision. A decision the rules forbid is refused unless the reason for going
    against them is written; what was typed stays in the form."""
    application = application_get_for_change(request.user, pk, "amnesty.decide_application")
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            application_decide(
                application=application,
                outcome=data["outcome"],
                reason=data["reason"],
                override_reason=data["override_reason"],
                retrial_ground=data["retrial_ground"],
                by=request.user,
            )
        except AmnestyError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(application)
    full = application_get_for_user(request.user, pk)
    return _application_page(request, full, decision_form=form)
