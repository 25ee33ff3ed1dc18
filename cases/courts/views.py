"""Pages of the courts: the docket, an officer's hearings, scheduling and recording a hearing,
the verdict form (per charge, previewed before it is confirmed), a case's court record,
cassation, and the commutation queue and decision. Thin: access helper, form, service,
redirect. Officers see the court's record; only judges record, and the services check that the
judge is of the court."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.selectors import case_get_for_user
from cases.deadlines.selectors import deadlines_for_record
from cases.legal.models import Charge
from cases.security.access import require_perms
from cases.security.forms import apply_errors
from cases.security.listing import keyset_paginate

from .forms import (
    CassationDecideForm,
    CassationFileForm,
    CommutationDecideForm,
    CommutationRequestForm,
    DocketFilterForm,
    FindingForm,
    HearingForm,
    HearingOutcomeForm,
    VerdictForm,
)
from .models import TRIAL_COURT_KINDS, Hearing
from .selectors import (
    Docket,
    case_get_for_hearing,
    case_get_for_verdict,
    cassation_get_for_change,
    commutation_get_for_change,
    commutation_get_for_user,
    commutation_queue,
    court_record,
    courts_for_user,
    current_verdict,
    docket_hearings,
    hearing_get_for_change,
    hearing_get_for_user,
    officer_hearings,
    sentence_get_for_request,
    verdict_get_for_change,
)
from .services import (
    ConflictError,
    CourtError,
    Finding,
    cassation_decide,
    cassation_file,
    commutation_decide,
    commutation_request,
    hearing_record_outcome,
    hearing_schedule,
    verdict_compute,
    verdict_make_final,
    verdict_record,
)

A = AccessLogEntry.Action
#: Hearings per page of the docket: a week of a busy court fits on one.
DOCKET_PAGE_SIZE = 100


# --- Docket --------------------------------------------------------------------------------------


@require_perms("courts.view_hearing")
def docket_view(request: HttpRequest) -> HttpResponse:
    """A judge's docket: his court's hearings today, this week or all to come; others choose a
    court of their jurisdiction."""
    courts = courts_for_user(request.user)
    form = DocketFilterForm(request.GET or None, courts=courts)
    data = form.cleaned_data if form.is_valid() else {}
    which = data.get("which") or "week"
    court, hearings = docket_hearings(request.user, which=which, court=data.get("court"))
    page = keyset_paginate(request, hearings, DOCKET_PAGE_SIZE)
    result = Docket(which, court, page.object_list)
    return render(request, "courts/docket.html", {"form": form, "docket": result, "page": page})


@require_perms("courts.view_hearing")
def my_hearings(request: HttpRequest) -> HttpResponse:
    """The hearings to come of the cases an officer is assigned to."""
    return render(request, "courts/my_hearings.html", {"hearings": officer_hearings(request.user)})


# --- A case in court -----------------------------------------------------------------------------


@require_perms("courts.view_verdict")
def case_court(request: HttpRequest, pk: int) -> HttpResponse:
    """The court record of a case: hearings, verdict per charge, sentence and its dates with
    their history, cassation and commutation; and the actions the user may take."""
    case = case_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=case)
    record = court_record(request.user, case)
    verdict, sentence = record["verdict"], record["sentence"]
    context = {"case": case, "courts": record, "court_page": True}
    if verdict is not None:
        context["deadlines"] = deadlines_for_record(request.user, verdict)
        if request.user.has_perm("courts.add_cassationreview") and not verdict.final_on:
            context["cassation_form"] = CassationFileForm(
                initial={"automatic": verdict.automatic_cassation}
            )
    if sentence is not None and request.user.has_perm("courts.add_commutationrequest"):
        context["commutation_form"] = CommutationRequestForm()
    return render(request, "courts/case.html", context)


@require_perms("courts.add_hearing")
def hearing_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a case on a court's docket; double-booking a judge or a courtroom is refused."""
    case = case_get_for_hearing(request.user, pk)
    courts = courts_for_user(request.user)
    initial = {}
    if request.user.unit_id and courts.filter(pk=request.user.unit_id).exists():
        initial = {"court": request.user.unit_id, "judge": request.user.pk}
    form = HearingForm(request.POST or None, courts=courts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hearing = hearing_schedule(
                case=case,
                court=data["court"],
                judge=data["judge"],
                scheduled_at=data["scheduled_at"],
                kind=data["kind"],
                courtroom=data["courtroom"],
                duration_minutes=data["duration_minutes"],
                notes=data["notes"],
                by=request.user,
            )
        except CourtError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Hearing scheduled."))
            return redirect(hearing)
    return render(request, "courts/hearing_form.html", {"case": case, "form": form})


def _hearing_page(request: HttpRequest, hearing: Hearing, form=None) -> HttpResponse:
    can_record = request.user.has_perm("courts.change_hearing")
    if can_record and form is None:
        form = HearingOutcomeForm(
            initial={
                "version": hearing.version,
                "outcome": hearing.outcome if hearing.outcome != "scheduled" else "held",
                "defence_present": hearing.defence_present,
                "notes": hearing.notes,
            }
        )
    return render(
        request,
        "courts/hearing_detail.html",
        {
            "hearing": hearing,
            "case": hearing.case,
            "form": form if can_record else None,
            "deadlines": deadlines_for_record(request.user, hearing),
        },
    )


@require_perms("courts.view_hearing")
def hearing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = hearing_get_for_user(request.user, pk)
    access_log_record(
        action=A.VIEW, request=request, obj=hearing, governorate_id=hearing.case.governorate_id
    )
    return _hearing_page(request, hearing)


@require_POST
@require_perms("courts.change_hearing")
def hearing_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what happened at a hearing (a judge of the court)."""
    hearing = hearing_get_for_change(request.user, pk)
    form = HearingOutcomeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            hearing_record_outcome(
                hearing=hearing,
                version=data["version"],
                outcome=data["outcome"],
                defence_present=data["defence_present"],
                notes=data["notes"],
                next_at=data["next_at"],
                by=request.user,
            )
        except CourtError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Hearing recorded."))
            return redirect(hearing)
    return _hearing_page(request, hearing_get_for_user(request.user, pk), form)


# --- Verdict -------------------------------------------------------------------------------------


def _finding_forms(charges, data=None, verdict=None) -> list[FindingForm]:
    existing = {f.charge_id: f for f in verdict.findings.all()} if verdict else {}
    forms_ = []
    for charge in charges:
        found = existing.get(charge.pk)
        initial = (
            {
                "finding": found.finding,
                "penalty": found.penalty,
                "years": found.years,
                "months": found.months,
                "days": found.days,
                "fine": found.fine,
            }
            if found
            else {"finding": "convicted"}
        )
        forms_.append(FindingForm(data, prefix=f"c{charge.pk}", charge=charge, initial=initial))
    return forms_


@require_perms("courts.add_verdict")
def verdict_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The verdict, one line per active charge. The first submit previews the sentence and
    every date (start, credit, release, conditional release, appeal); "Confirm" saves it. A
    judge who is not of a trial court sees why he cannot record it."""
    case = case_get_for_verdict(request.user, pk)
    court = request.user.unit
    may_record = court is not None and court.kind in TRIAL_COURT_KINDS
    verdict = current_verdict(case)
    charges = list(
        Charge.objects.filter(case_id=case.pk, status=Charge.Status.ACTIVE).select_related(
            "offence"
        )
    )
    data = request.POST if request.method == "POST" else None
    head = VerdictForm(
        data,
        initial={
            "version": verdict.version if verdict else 0,
            "decided_on": verdict.decided_on if verdict else timezone.localdate(),
            "reasons": "",
        },
    )
    lines = _finding_forms(charges, data, verdict)
    preview = conflict = None
    if request.method == "POST" and may_record:
        # Every line is validated, so that each shows its own errors.
        lines_valid = [f.is_valid() for f in lines]
        if head.is_valid() and all(lines_valid):
            findings = [
                Finding(
                    charge=f.charge,
                    finding=f.cleaned_data["finding"],
                    penalty=f.cleaned_data["penalty"] or "",
                    years=f.cleaned_data["years"] or 0,
                    months=f.cleaned_data["months"] or 0,
                    days=f.cleaned_data["days"] or 0,
                    fine=f.cleaned_data["fine"],
                )
                for f in lines
            ]
            try:
                if "confirm" in request.POST:
                    verdict_record(
                        case=case,
                        version=head.cleaned_data["version"],
                        court=court,
                        findings=findings,
                        decided_on=head.cleaned_data["decided_on"],
                        reasons=head.cleaned_data["reasons"],
                        hearing=case.hearings.filter(court=court).order_by("-scheduled_at").first(),
                        by=request.user,
                    )
                    messages.success(request, _("Verdict recorded."))
                    return redirect("courts:case", pk=case.pk)
                preview = verdict_compute(
                    case=case, findings=findings, decided_on=head.cleaned_data["decided_on"]
                )
            except ConflictError as error:
                head.add_error(None, str(error))
                conflict = error.current
            except CourtError as error:
                head.add_error(None, str(error))
            except ValidationError as error:
                for key, messages_ in error.message_dict.items():
                    target = next((f for f in lines if f"charge-{f.charge.pk}" == key), None)
                    if target is not None:
                        target.add_error(None, messages_)
                    else:
                        apply_errors(head, ValidationError({key: messages_}))
    return render(
        request,
        "courts/verdict_form.html",
        {
            "case": case,
            "court": court,
            "may_record": may_record,
            "verdict": verdict,
            "head": head,
            "lines": lines,
            "preview": preview,
            "conflict": conflict,
        },
    )


@require_POST
@require_perms("courts.change_verdict")
def verdict_final(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the appeal period passed without an appeal."""
    verdict = verdict_get_for_change(request.user, pk)
    try:
        verdict_make_final(verdict=verdict, by=request.user)
    except CourtError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The verdict is final."))
    return redirect("courts:case", pk=verdict.case_id)


@require_POST
@require_perms("courts.add_cassationreview")
def cassation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the verdict to the Court of Cassation (appeal, or referral by law)."""
    verdict = verdict_get_for_change(request.user, pk, "courts.add_cassationreview")
    form = CassationFileForm(request.POST)
    if form.is_valid():
        try:
            cassation_file(
                verdict=verdict,
                automatic=form.cleaned_data["automatic"],
                grounds=form.cleaned_data["grounds"],
                by=request.user,
            )
        except CourtError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Sent to the Court of Cassation."))
    return redirect("courts:case", pk=verdict.case_id)


@require_perms("courts.change_cassationreview")
def cassation_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The Court of Cassation's decision: upheld, reduced (with the new sentence), quashed, or
    retrial."""
    review = cassation_get_for_change(request.user, pk)
    verdict = review.verdict
    form = CassationDecideForm(request.POST or None, initial={"version": verdict.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cassation_decide(
                review=review,
                version=data["version"],
                outcome=data["outcome"],
                reasons=data["reasons"],
                reduced_to=form.sentence(),
                by=request.user,
            )
        except CourtError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("courts:case", pk=verdict.case_id)
    return render(
        request,
        "courts/cassation_decide.html",
        {
            "review": review,
            "case": verdict.case,
            "courts": court_record(request.user, verdict.case),
            "form": form,
        },
    )


# --- Commutation ---------------------------------------------------------------------------------


@require_perms("courts.view_commutationrequest")
def commutation_list(request: HttpRequest) -> HttpResponse:
    """Requests waiting for a decision, oldest first (a judge's court's)."""
    return render(
        request,
        "courts/commutation_list.html",
        {"requests": list(commutation_queue(request.user)[:200])},
    )


@require_POST
@require_perms("courts.add_commutationrequest")
def commutation_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Run the calculator on a sentence; its proposal waits for a judge."""
    sentence = sentence_get_for_request(request.user, pk)
    form = CommutationRequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = commutation_request(
                sentence=sentence,
                information_led_to_arrests=data["information_led_to_arrests"],
                informed_before_discovery=data["informed_before_discovery"],
                note=data["note"],
                by=request.user,
            )
        except CourtError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The proposal waits for a judge's decision."))
            return redirect(created)
    return redirect("courts:case", pk=sentence.verdict.case_id)


def _commutation_page(request: HttpRequest, item, form=None) -> HttpResponse:
    can_decide = request.user.has_perm("courts.decide_commutation") and item.status == "pending"
    if can_decide and form is None:
        form = CommutationDecideForm(
            initial={"version": item.sentence.verdict.version, **item.proposed}
        )
    return render(
        request,
        "courts/commutation_detail.html",
        {
            "item": item,
            "case": item.sentence.verdict.case,
            "sentence": item.sentence,
            "form": form if can_decide else None,
            "stale": item.status == "pending"
            and item.sentence_version != item.sentence.verdict.version,
            "deadlines": deadlines_for_record(request.user, item),
        },
    )


@require_perms("courts.view_commutationrequest")
def commutation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The calculator's proposal, rule by rule, and the decision."""
    item = commutation_get_for_user(request.user, pk)
    access_log_record(
        action=A.VIEW,
        request=request,
        obj=item,
        governorate_id=item.sentence.verdict.case.governorate_id,
    )
    return _commutation_page(request, item)


@require_POST
@require_perms("courts.decide_commutation")
def commutation_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, modify or reject the proposal, with reasons."""
    item = commutation_get_for_change(request.user, pk)
    form = CommutationDecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            commutation_decide(
                request=item,
                version=data["version"],
                decision=data["decision"],
                reasons=data["reasons"],
                modified_to=form.sentence() if data["decision"] == "modified" else None,
                by=request.user,
            )
        except CourtError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(item)
    return _commutation_page(request, commutation_get_for_user(request.user, pk), form)
